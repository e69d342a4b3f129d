"""Who a search asks for, read from its words: "kvinder", "mænd", "60+", "over 60", "under
30", "30-40 år", "i 60'erne", "på min alder", "jævnaldrende". No post says such words of its
author, so searched for as text they would find the wrong posts or none: they choose the
author's gender and age instead, as the search's own choices do, and the page says so. A
"veninde" is searched for and is a woman too. A choice already made on the form wins: the
words are then searched for as typed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from belong.posts import analysis

WOMEN = frozenset({"kvinde", "kvinder", "dame", "damer", "woman", "women", "lady", "ladies"})
# Not "man" or "men": in Danish they are "one" and "but".
MEN = frozenset({"mand", "mænd", "herre", "herrer", "guy", "guys", "gentlemen"})
# Before a word for women or men, an age: "ældre damer", "unge mænd".
OLDER = frozenset({"ældre", "older", "elderly", "senior"})
YOUNGER = frozenset({"unge", "yngre", "young", "younger"})
OLDER_FROM, YOUNGER_UP_TO = 60, 29
# Words that are searched for and also say who is sought: a "veninde" is a woman friend.
NAMES_TOO = {"veninde": "woman", "veninder": "woman"}
# "Min mand" is a husband, not who is sought.
OWNERS = frozenset({"min", "my", "din", "your"})
# Ages a search can ask for (SearchQuery's own bounds); around the reader's own, this many
# years either way (then widened to whole age bands).
YOUNGEST, OLDEST = 13, 120
SAME_AGE_YEARS = 5
# Numbers after these are times of day.
TIME_WORDS = frozenset({"kl", "klokken", "at"})

_NUMBER = r"(\d{2,3})"
_YEARS = r"(?:\s*år)?"
AGE_PATTERNS = (
    # "30-40 år", "30 til 40", "30 to 40"
    ("range", re.compile(rf"\b{_NUMBER}\s*(?:-|–|til|to)\s*{_NUMBER}{_YEARS}\b")),
    # "60+", "60 +"
    ("from", re.compile(rf"\b{_NUMBER}\s*\+")),
    # "over 60", "fra 60 år", "mindst 60", "above 60"
    ("from", re.compile(rf"\b(?:over|fra|mindst|above|from)\s+{_NUMBER}{_YEARS}\b")),
    # "under 30", "op til 30 år", "below 30", "up to 30"
    ("below", re.compile(rf"\b(?:under|below)\s+{_NUMBER}{_YEARS}\b")),
    ("to", re.compile(rf"\b(?:op til|up to)\s+{_NUMBER}{_YEARS}\b")),
    # "i 60'erne", "60erne", "in their 60s"
    ("decade", re.compile(r"\b(?:i\s+)?(?:de\s+)?([1-9]0)\s*['’]?erne\b")),
    ("decade", re.compile(r"\b(?:in\s+(?:their|her|his|my)\s+)?([1-9]0)['’]?s\b")),
)
SAME_AGE = re.compile(
    r"\b(?:(?:på\s+)?(?:min|samme)\s+(?:egen\s+)?alder|jævnaldrende|(?:my|same)\s+(?:own\s+)?age)\b"
)


@dataclass(frozen=True)
class Person:
    """What the words asked for of the author, and the words that are left."""

    gender: str  # "woman", "man" or "" (none, or both named)
    age_min: int | None
    age_max: int | None
    rest: str


def read_person(text: str, *, reader_age: int | None) -> Person | None:
    """The gender and ages the words of `text` ask for, or None where they ask for none."""
    lowered = text.lower()
    age_min = age_max = None
    for kind, pattern in AGE_PATTERNS:
        match = _age_match(pattern, lowered)
        if match is None:
            continue
        numbers = [int(group) for group in match.groups()]
        if kind == "range":
            age_min, age_max = sorted(numbers)
        elif kind == "from":
            age_min = numbers[0]
        elif kind == "below":
            age_max = numbers[0] - 1
        elif kind == "to":
            age_max = numbers[0]
        else:
            age_min, age_max = numbers[0], numbers[0] + 9
        lowered = lowered[: match.start()] + " " + lowered[match.end() :]
        break
    same_age = SAME_AGE.search(lowered)
    if same_age is not None:
        lowered = lowered[: same_age.start()] + " " + lowered[same_age.end() :]
        if age_min is None and age_max is None and reader_age is not None:
            age_min, age_max = reader_age - SAME_AGE_YEARS, reader_age + SAME_AGE_YEARS
    if age_min is not None:
        age_min = min(max(age_min, YOUNGEST), OLDEST)
    if age_max is not None:
        age_max = min(max(age_max, YOUNGEST), OLDEST)
    words = lowered.split()
    phrases = {word.text for word in analysis.query_words(lowered) if " " in word.text}
    named: set[str] = set()
    kept: list[str] = []
    for position, word in enumerate(words):
        bare = word.strip(".,!?;:()\"'")
        owned = position > 0 and words[position - 1] in OWNERS
        in_phrase = any(bare in phrase.split() for phrase in phrases)
        if (bare in WOMEN or bare in MEN) and not owned and not in_phrase:
            named.add("woman" if bare in WOMEN else "man")
            if kept and kept[-1] in OLDER | YOUNGER and age_min is None and age_max is None:
                if kept.pop() in OLDER:
                    age_min = OLDER_FROM
                else:
                    age_max = YOUNGER_UP_TO
            continue
        if bare in NAMES_TOO and not owned:
            named.add(NAMES_TOO[bare])
        kept.append(word)
    if not named and age_min is None and age_max is None and same_age is None:
        return None
    gender = named.pop() if len(named) == 1 else ""
    return Person(gender=gender, age_min=age_min, age_max=age_max, rest=" ".join(kept))


def _age_match(pattern: re.Pattern, text: str) -> re.Match | None:
    """The first match whose numbers are ages, not a time of day ("kl. 14-16")."""
    for match in pattern.finditer(text):
        before = text[: match.start()].split()[-1:]
        if before and before[0].rstrip(".") in TIME_WORDS:
            continue
        if all(YOUNGEST <= int(group) <= OLDEST for group in match.groups()):
            return match
    return None
