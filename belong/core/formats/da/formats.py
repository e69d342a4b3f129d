"""How Belong writes dates in Danish: lowercase month names, "kl." before the time.

Templates and e-mails name a format (`|date:"SHORT_DAY_TIME_FORMAT"`) instead of spelling one
out, so each language writes dates its own way; the names below exist in every language.
"""

# Django's own names, as Danish writes them.
DATE_FORMAT = "j. F Y"
DATETIME_FORMAT = r"j. F Y \k\l. H:i"
MONTH_DAY_FORMAT = "j. F"
TIME_FORMAT = "H:i"

# Belong's names.
# "1. dec 12:49": lists and message times ("b" is the lowercase month abbreviation).
SHORT_DAY_TIME_FORMAT = "j. b H:i"
# "1. dec 2026"
SHORT_MONTH_DATE_FORMAT = "j. b Y"
# "1. dec 2026 12:49"
SHORT_MONTH_DATETIME_FORMAT = "j. b Y H:i"
# "1. december kl. 12:49"
DAY_TIME_FORMAT = r"j. F \k\l. H:i"
# "tirsdag 1. december kl. 12:49"
WEEKDAY_DATETIME_FORMAT = r"l j. F \k\l. H:i"
# "tirsdag 1. december 2026 kl. 12:49"
WEEKDAY_FULL_DATETIME_FORMAT = r"l j. F Y \k\l. H:i"
# "december 2026"
YEAR_MONTH_FORMAT = "F Y"
# "dec 2026": a month on a chart's axis
SHORT_YEAR_MONTH_FORMAT = "b Y"
# "december"
MONTH_FORMAT = "F"
# "tirsdag kl. 12:49"
WEEKDAY_TIME_FORMAT = r"l \k\l. H:i"
