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
# Interests are stored as one integer, a bit per interest, so "shares an interest with"
# is a single bitwise AND in any database. Append new interests; never reorder.
INTEREST_BITS = {slug: 1 << position for position, (slug, _label) in enumerate(INTERESTS)}


def interests_to_mask(slugs) -> int:
    mask = 0
    for slug in slugs:
        mask |= INTEREST_BITS.get(slug, 0)
    return mask


def mask_to_interests(mask: int) -> list[str]:
    return [slug for slug, bit in INTEREST_BITS.items() if mask & bit]


def interest_labels(mask: int) -> list[str]:
    return [str(INTEREST_LABELS[slug]) for slug in mask_to_interests(mask)]


class HasInterests:
    """For models with an `interest_mask`: the interests as keys and as translated labels."""

    interest_mask: int

    @property
    def interests(self) -> list[str]:
        return mask_to_interests(self.interest_mask)

    @property
    def interest_labels(self) -> list[str]:
        return interest_labels(self.interest_mask)
