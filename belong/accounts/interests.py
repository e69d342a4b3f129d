"""The shared interest taxonomy: stable keys in the database, translated labels here."""

from django.utils.translation import gettext_lazy as _

INTERESTS = [
    ("walks-nature", _("Walks and nature")),
    ("sport-exercise", _("Sport and exercise")),
    ("culture", _("Culture, museums and theatre")),
    ("music", _("Music")),
    ("creative", _("Creative hobbies")),
    ("games", _("Board games and computer games")),
    ("food", _("Food and cooking")),
    ("parenting", _("Children and family life")),
    ("pets", _("Pets")),
    ("languages", _("Languages")),
    ("volunteering", _("Volunteering")),
    ("faith-philosophy", _("Faith and philosophy")),
    ("tech", _("Technology")),
    ("travel", _("Travel")),
    ("books", _("Books and reading")),
    ("film-series", _("Film and series")),
    ("gardening", _("Gardening")),
    ("coffee-talk", _("Coffee and a good talk")),
    ("dance", _("Dance")),
    ("crafts", _("Knitting and crafts")),
    ("fishing-hunting", _("Fishing and the outdoors")),
    ("health", _("Health and well-being")),
]

INTEREST_LABELS = dict(INTERESTS)
