"""Close spellings: when a search word is in no post, the nearest word that is (by edit
distance over the index's vocabulary and the shipped words), so "strikkning" and "kafe"
still find something; else, for a compound none of whose spellings is known, its last part
where that is a topic ("vandgymnastik": "gymnastik", as Danish puts what a thing is last),
or its longest first part that posts hold ("hundepasser": "hunde"); else, beside other
words, it is left out ("ældre damer": "ældre"). When words that posts hold find little
together, the topics alone are searched for ("running partner": "running"). The search
then says what it searched for instead."""

from __future__ import annotations

from functools import lru_cache

from belong.posts import analysis
from belong.posts.models import SearchWord

# How far a word may be from what was typed: one edit in short words, two in longer ones;
# never two letters more or fewer ("single" is not "sing"). Words shorter than MIN_TYPO are
# searched as typed, but for two neighbours swapped ("tru": "tur"): one edit is a third of
# "ler" (clay), and "leg" (play) no typo of it.
# A close spelling starts with the letter typed: people seldom miss the first one, and
# "dating" is no typo of "eating".
LONG_WORD = 7
MIN_TYPO = 4
# A compound's first part, searched for alone, has at least this many letters ("kor" is
# no start of "koreansk" worth searching for), and leaves at least MIN_REST of the word.
MIN_HEAD = 4
MIN_REST = 3
# A compound's last part, searched for alone, is a topic of at least this many letters
# ("løb" in "begynderløb").
MIN_LAST = 3


def max_distance(word: str) -> int:
    return 1 if len(word) < LONG_WORD else 2


def distance(a: str, b: str, limit: int) -> int:
    """Edits (insert, delete, change, swap two neighbours) from a to b; limit + 1 when more."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


@lru_cache(maxsize=1)
def _known_words() -> tuple[tuple[str, str], ...]:
    """(folded, as written) of the words Belong knows by itself: the word list and concepts."""
    found: dict[str, str] = {}
    for word in analysis.lexicon():
        found.setdefault(analysis.fold(word), word)
    return tuple(sorted(found.items()))


def unknown_words(query_words) -> list:
    """The query words none of whose word tokens is in any post (concepts are known)."""
    wanted = {token for word in query_words for token in word.tokens}
    if not wanted:
        return []
    known = set(SearchWord.objects.filter(word__in=wanted).values_list("word", flat=True))
    return [word for word in query_words if word.tokens and not word.tokens & known]


def closest(text: str) -> str | None:
    """The nearest known word to `text` (normalised) that some post holds, or None."""
    typed = analysis.fold(text)
    if len(text) < 3:
        return None
    swap_only = len(text) < MIN_TYPO
    token = analysis.primary(text)
    limit = max_distance(typed)
    candidates: list[tuple[int, str, str]] = []  # (distance, token, as written)
    for folded, written in _known_words():
        if folded == typed or folded[:1] != typed[:1] or abs(len(folded) - len(typed)) > 1:
            continue
        if swap_only and not _swapped(typed, folded):
            continue
        found = distance(typed, folded, limit)
        if found <= limit:
            candidates.append((found, analysis.primary(written), written))
    rows = SearchWord.objects.filter(
        word__gte=token[:1], word__lt=token[:1] + "\uffff", posts__gt=0
    ).values_list("word", "written", "posts")
    posts: dict[str, int] = {}
    for word, written, count in rows:
        posts[word] = count
        if word.startswith(analysis.CONCEPT_PREFIX) or word == token:
            continue
        found = distance(token, word, limit)
        # Near as stems and as written: "heste" is not "helt", though "hest" is near "helt".
        folded = analysis.fold(written)
        if swap_only and not _swapped(typed, folded):
            continue
        if (
            found <= limit
            and abs(len(folded) - len(typed)) <= 1
            and distance(typed, folded, limit) <= limit
        ):
            candidates.append((found, word, written))
    missing = {t for _d, t, _w in candidates if t not in posts}
    if missing:
        posts.update(SearchWord.objects.filter(word__in=missing).values_list("word", "posts"))
    # The nearest; then the nearest as written (a word's stem may be near a stranger's),
    # then the most used.
    ranked = sorted(
        (d, distance(typed, analysis.fold(w), limit), -posts.get(t, 0), w)
        for d, t, w in candidates
        if posts.get(t, 0) > 0 or _concept(w)
    )
    return ranked[0][3] if ranked else None


def _swapped(typed: str, written: str) -> bool:
    """Whether `written` is `typed` with two neighbouring letters swapped."""
    if len(typed) != len(written) or typed == written:
        return False
    differ = [i for i, (a, b) in enumerate(zip(typed, written, strict=True)) if a != b]
    return (
        len(differ) == 2
        and differ[1] == differ[0] + 1
        and typed[differ[0]] == written[differ[1]]
        and typed[differ[1]] == written[differ[0]]
    )


def _concept(written: str) -> bool:
    return bool(analysis.query_words(written)) and all(
        not word.tokens for word in analysis.query_words(written)
    )


def corrected_text(query_words) -> tuple[str, list[str]] | None:
    """The query with each unknown word replaced by its closest spelling, and the words it
    now searches for; None when there is nothing better to search for. An unknown word
    with no close spelling is left out when other words remain: the words searched for
    are then all of them."""
    unknown = unknown_words(query_words)
    if not unknown:
        return None
    replaced = {}
    for word in unknown:
        better = closest(word.text) or last_part(word.text) or first_part(word.text)
        if better is not None:
            replaced[word.text] = better
    kept = [w for w in query_words if w not in unknown or w.text in replaced]
    if not kept or (not replaced and len(kept) == len(query_words)):
        return None
    parts = [replaced.get(word.text, word.text) for word in kept]
    if len(kept) < len(query_words):
        return " ".join(parts), parts
    return " ".join(parts), [replaced[w.text] for w in unknown if w.text in replaced]


def topics_only(query_words) -> tuple[str, list[str]] | None:
    """The query's topics (its words and phrases that are concepts: an interest, a motive,
    synonyms) without its other words, and those topics; None unless it has both."""
    topics = [word.text for word in query_words if not word.tokens]
    if not topics or len(topics) == len(query_words):
        return None
    return " ".join(topics), topics


def parts_apart(query_words) -> str | None:
    """The query with each compound whose parts it searches for together written as those
    parts ("svampejagt": "svampe jagt"), so that the posts with any of them can be shown
    where no post has them all; None: it has no such compound."""
    if not any(_compound(word) for word in query_words):
        return None
    return " ".join(
        " ".join(analysis.searched_parts(word.text)) if _compound(word) else word.text
        for word in query_words
    )


def _compound(word) -> bool:
    return isinstance(word.expr, tuple) and word.expr[0] == "and"


def last_part(text: str) -> str | None:
    """The longest end of `text` (normalised) that is a topic by itself (a concept's word:
    "gymnastik" in "stolegymnastik", "fitness" in "aquafitness"), leaving a start of
    MIN_REST letters or more; None: none is."""
    for cut in range(MIN_REST, len(text) - MIN_LAST + 1):
        end = text[cut:]
        found = analysis.query_words(end)
        if len(found) == 1 and _one_topic(found[0]) and found[0].text == end:
            return end
    return None


def _one_topic(word) -> bool:
    """Whether a query word is one concept: not a word posts hold, nor a compound of two
    topics ("teforældre": tea and parents)."""
    return not word.tokens and not _compound(word)


def first_part(text: str) -> str | None:
    """The longest start of `text` (normalised) that is a word as written, in the shipped
    words or in posts, and finds posts, leaving a rest of MIN_REST letters or more: what an
    unknown compound is about, as Danish puts it first ("katteelsker": "katte"). A start
    must be a word itself, not only stem like one ("kore" stems as "kor"). None: none is."""
    lexicon = analysis.lexicon()
    heads: list[tuple[str, frozenset[str]]] = []  # longest first; no tokens: a concept
    for cut in range(len(text) - MIN_REST, MIN_HEAD - 1, -1):
        found = analysis.query_words(text[:cut])
        if len(found) == 1:
            heads.append((text[:cut], found[0].tokens))
    wanted = {token for head, _tokens in heads for token in analysis.analyse(head).tokens}
    rows = SearchWord.objects.filter(word__in=wanted, posts__gt=0).values_list("word", "written")
    held = dict(rows)
    for head, tokens in heads:
        as_written = head in lexicon or head in held.values()
        if as_written and (not tokens or tokens & held.keys()):
            return head
    return None
