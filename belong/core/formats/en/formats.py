"""How Belong writes dates in English: the same names as the Danish formats, British order."""

# Django's own names.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
MONTH_DAY_FORMAT = "j F"
TIME_FORMAT = "H:i"

# Belong's names (see belong/core/formats/da/formats.py).
SHORT_DAY_TIME_FORMAT = "j M H:i"
SHORT_MONTH_DATE_FORMAT = "j M Y"
SHORT_MONTH_DATETIME_FORMAT = "j M Y, H:i"
DAY_TIME_FORMAT = "j F, H:i"
WEEKDAY_DATETIME_FORMAT = "l j F, H:i"
# "Tuesday 1 December 2026, 12:49"
WEEKDAY_FULL_DATETIME_FORMAT = "l j F Y, H:i"
# "December 2026"
YEAR_MONTH_FORMAT = "F Y"
# "Dec 2026": a month on a chart's axis
SHORT_YEAR_MONTH_FORMAT = "M Y"
# "December"
MONTH_FORMAT = "F"
# "Tuesday, 12:49"
WEEKDAY_TIME_FORMAT = "l, H:i"
