"""How text becomes search tokens, the same for every backend: words folded (case, accents,
aa/ae/oe for æøå), stemmed as Danish and English, compounds split into their parts, and
concepts (an interest, a motive, a group of synonyms) as tokens of their own.

A post's title and text become `index_words` (stored in `Post.search_words`, which SQLite's
FTS5 table and PostgreSQL's GIN index are built from); a query becomes one index expression
per word (`query_words`). Both sides go through the same functions, so whatever a query
word turns into, the posts that hold that word, an inflection of it or a compound with it
hold the same token. Pure functions of the text and the shipped data files: no database.
"""

from __future__ import annotations

import re
import threading
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import snowballstemmer

DATA = Path(__file__).resolve().parent / "data"
MAX_QUERY_WORDS = 8
# Tokens of concepts; the prefix holds an underscore, which no word token does.
CONCEPT_PREFIX = "k_"

# Words that say nothing about a person or an interest; a query of only these is no query.
# "Sammen" too: every post is about doing something together, so "spise sammen" asks only
# for "spise".
STOP_WORDS = frozenset(
    """
    af alle andet andre at blev bliver da de dem den denne der deres det dette dig din dine
    disse du efter eller en end er et for fra gerne ham han hans har havde have hende hendes her
    hos hun hvad hvem hvis hvor i ikke ind jeg jer jo kan kun man mange med meget men mig min
    mine mit mod må ned noget nogen nogle nu når og også om op os over på sammen sig sin sine
    sit skal skulle som så til ud under var vi vil ville være været
    a an and are as at be but by for from has have i in is it its me my of on or our so that the
    their them they this to together was we were what when where who will with you your
    """.split()
)
WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Compound parts: the last part may carry an inflection; a linking -s- or -e- may follow
# any other part ("brætspil-s-aften", "hund-e-luftning").
ENDINGS = ("", "e", "r", "n", "s", "en", "er", "et", "ne", "es", "ene", "ens", "ers", "erne")
LINKS = ("s", "e")
MIN_PART = 3
MIN_COMPOUND = 5
# Parts that only say "a meeting of some kind": a query compound with one of these keeps
# its other parts ("strikkeklub" finds posts about knitting, club or no club).
LIGHT_PARTS = """
    tur ture klub gruppe hold aften aftener makker ven venner veninde partner selskab
    fællesskab forening dag dage weekend møde træf kreds besøg
    club group night trip buddy mate friend
""".split()

# A Snowball stemmer keeps the word it is stemming in itself, so two threads sharing one
# corrupt each other's words (an IndexError under load): each thread has its own.
_STEMMERS = threading.local()


def _stemmer(language: str):
    stemmer = getattr(_STEMMERS, language, None)
    if stemmer is None:
        stemmer = snowballstemmer.stemmer(language)
        setattr(_STEMMERS, language, stemmer)
    return stemmer


_FOLD = str.maketrans({"å": "aa", "æ": "ae", "ø": "oe"})
_KEEP = frozenset("æøå")
_LETTERS = {"ä": "æ", "ö": "ø"}


def normalise(word: str) -> str:
    """Lower case without accents, but with æ, ø and å (and ä, ö as æ, ø), and with aa, ae
    and oe read as å, æ and ø, so that either spelling gives the same word."""
    word = unicodedata.normalize("NFC", word).lower()
    letters = []
    for char in word:
        char = _LETTERS.get(char, char)
        if char in _KEEP:
            letters.append(char)
        else:
            letters.extend(
                c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)
            )
    return "".join(letters).replace("aa", "å").replace("ae", "æ").replace("oe", "ø")


def fold(word: str) -> str:
    """The token spelling: æ, ø and å as ae, oe and aa."""
    return word.translate(_FOLD)


# Longer "words" are no words anyone searches for (a row of digits, a pasted link), and
# PostgreSQL refuses a lexeme over 2046 bytes: they are left out of the index and queries.
MAX_WORD_LENGTH = 64


def words(text: str) -> list[str]:
    """The normalised words of a text, stop words and overlong runs left out."""
    found = (normalise(w) for w in WORD.findall(text or ""))
    return [w for w in found if w and len(w) <= MAX_WORD_LENGTH and w not in STOP_WORDS]


def _english_stem(word: str) -> str:
    return _stemmer("english").stemWord(fold(word))


def _stem_danish(word: str) -> str:
    stem = _stemmer("danish").stemWord(word)
    # Snowball leaves the -ning nouns whole: "svømning" and "svømme" should meet.
    if stem.endswith("ning") and len(stem) >= 7:
        stem = stem[:-4]
        # And undoubled, as Snowball does: "strikning" and "strikke" both give "strik".
        if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiouyæøå":
            stem = stem[:-1]
    return stem


@dataclass(frozen=True)
class Word:
    """One word's tokens: `primary` is what a query for it asks for; `tokens` what a text
    holding it is indexed under; `parts` the compound's parts (normalised), if any."""

    primary: str
    tokens: frozenset[str]
    parts: tuple[str, ...]


@lru_cache(maxsize=200_000)
def analyse(word: str) -> Word:
    """`word` normalised (see `normalise`)."""
    danish = _stem_danish(word)
    english = _english_stem(word)
    primary = fold(danish) if danish != word else english
    tokens = {fold(danish), english}
    parts = split_compound(word) or ()
    for part in parts:
        part_danish = _stem_danish(part)
        tokens.add(fold(part_danish))
        tokens.add(_english_stem(part))
    return Word(primary=primary, tokens=frozenset(tokens), parts=parts)


def primary(word: str) -> str:
    return analyse(word).primary


# --- Compounds ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def lexicon() -> frozenset[str]:
    """The words compounds are split into: the shipped word list and the concepts' words."""
    found = set()
    # The word list's own words even where they are stop words elsewhere ("by": a town).
    for line in (DATA / "words_da.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            found.add(normalise(line))
    for concept in concepts():
        for phrase in concept.phrases:
            found.update(phrase)
    return frozenset(w for w in found if w)


def _known(part: str, *, last: bool) -> str | None:
    """The lexicon word `part` is (the last part: with an inflection), or None."""
    lex = lexicon()
    for ending in ENDINGS if last else ("",):
        base = part[: len(part) - len(ending)] if ending else part
        if ending and not part.endswith(ending):
            continue
        # Two-letter words only lead ("gå-tur", "by-vandring"): as a last part, "te" would
        # make "katte" a compound.
        if base in lex and (len(base) >= MIN_PART or (not last and len(part) == 2)):
            return part
        # A doubled last consonant before the ending: "klub-b-en", "butik-k-en".
        if ending and len(base) > MIN_PART and base[-1] == base[-2] and base[:-1] in lex:
            return part
    return None


@lru_cache(maxsize=100_000)
def _segments(rest: str) -> tuple[str, ...] | None:
    """The fewest lexicon words (with links between them) that make `rest`."""
    if _known(rest, last=True):
        return (rest,)
    return _split(rest)


@lru_cache(maxsize=100_000)
def _split(rest: str) -> tuple[str, ...] | None:
    """`rest` as two or more lexicon words, as few as may be; longer first parts first."""
    best = None
    for cut in range(len(rest) - 2, 1, -1):
        head = rest[:cut]
        if _known(head, last=False) is None:
            continue
        tails = [rest[cut:]]
        tails += [rest[cut + 1 :] for link in LINKS if rest[cut:].startswith(link)]
        for tail in tails:
            if len(tail) < 2:
                continue
            found = _segments(tail)
            if found is not None and (best is None or len(found) + 1 < len(best)):
                best = (head, *found)
    return best


def split_compound(word: str) -> tuple[str, ...] | None:
    """A compound's parts ("løbetur" -> "løbe", "tur"); None for a word that is none."""
    if len(word) < MIN_COMPOUND:
        return None
    return _split(word)


# --- Concepts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Concept:
    key: str
    interest: str | None
    motive: str | None
    phrases: tuple[tuple[str, ...], ...]  # each phrase's normalised words
    words_as_written: tuple[str, ...]

    @property
    def token(self) -> str:
        return CONCEPT_PREFIX + re.sub(r"[^a-z0-9]", "_", self.key)


@lru_cache(maxsize=1)
def concepts() -> tuple[Concept, ...]:
    raw = tomllib.loads((DATA / "synonyms.toml").read_text(encoding="utf-8"))
    found = []
    for key, entry in raw.items():
        phrases = tuple(
            dict.fromkeys(tuple(words(text)) for text in entry.get("words", []) if words(text))
        )
        found.append(
            Concept(
                key=key,
                interest=entry.get("interest"),
                motive=entry.get("motive"),
                phrases=phrases,
                words_as_written=tuple(entry.get("words", [])),
            )
        )
    return tuple(found)


@dataclass(frozen=True)
class _ConceptIndex:
    single: dict[str, frozenset[str]]  # a word's primary token -> concept tokens
    phrases: dict[str, tuple[tuple[tuple[str, ...], str], ...]]  # first token -> phrases
    by_interest: dict[str, frozenset[str]]
    by_motive: dict[str, frozenset[str]]


@lru_cache(maxsize=1)
def _concept_index() -> _ConceptIndex:
    single: dict[str, set[str]] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    by_interest: dict[str, set[str]] = {}
    by_motive: dict[str, set[str]] = {}
    for concept in concepts():
        for phrase in concept.phrases:
            tokens = tuple(primary(w) for w in phrase)
            if len(tokens) == 1:
                single.setdefault(tokens[0], set()).add(concept.token)
            else:
                phrases.setdefault(tokens[0], []).append((tokens, concept.token))
        if concept.interest:
            by_interest.setdefault(concept.interest, set()).add(concept.token)
        if concept.motive:
            by_motive.setdefault(concept.motive, set()).add(concept.token)
    for entries in phrases.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    return _ConceptIndex(
        single={k: frozenset(v) for k, v in single.items()},
        phrases={k: tuple(v) for k, v in phrases.items()},
        by_interest={k: frozenset(v) for k, v in by_interest.items()},
        by_motive={k: frozenset(v) for k, v in by_motive.items()},
    )


# Concepts also as bits of `Post.concept_mask`, which PostgreSQL's covering indexes hold,
# so a walk of a place's newest posts tests a concept without reading the post itself.
MAX_CONCEPTS = 63


@lru_cache(maxsize=1)
def concept_bits() -> dict[str, int]:
    tokens = [concept.token for concept in concepts()]
    if len(tokens) > MAX_CONCEPTS:
        raise ValueError(f"at most {MAX_CONCEPTS} concepts fit in Post.concept_mask")
    return {token: 1 << position for position, token in enumerate(tokens)}


def concept_mask(search_words: str) -> int:
    """The concept bits of a post's search tokens (see `index_words`)."""
    bits = concept_bits()
    mask = 0
    for token in search_words.split():
        if token.startswith(CONCEPT_PREFIX):
            mask |= bits.get(token, 0)
    return mask


def concepts_only(expr) -> int | None:
    """The concept bits an expression asks for when it is one concept or alternatives of
    concepts (any bit will do); None for anything else."""
    bits = concept_bits()
    if isinstance(expr, str):
        return bits.get(expr)
    operator, items = expr
    if operator != "or" or not all(isinstance(item, str) and item in bits for item in items):
        return None
    mask = 0
    for item in items:
        mask |= bits[item]
    return mask


def search_index_token_ok(token: str) -> bool:
    return re.fullmatch(r"k_[a-z0-9_]+", token) is not None


def concept_tokens() -> frozenset[str]:
    return frozenset(concept.token for concept in concepts())


def _phrase_at(sequence: list[str], start: int) -> tuple[int, frozenset[str]] | None:
    """The longest concept phrase starting at `start`: (its length, its concept tokens)."""
    index = _concept_index()
    for tokens, token in index.phrases.get(sequence[start], ()):
        if tuple(sequence[start : start + len(tokens)]) == tokens:
            same = {
                t for ts, t in index.phrases[sequence[start]] if ts == tokens
            }  # a phrase may be in two concepts
            return len(tokens), frozenset(same | {token})
    return None


# --- Posts ----------------------------------------------------------------------------------


def index_words(*, title: str, body: str, motive: str = "", interests=()) -> str:
    """A post's search tokens, space-separated: its title's (twice: the title says most),
    its text's, and its concepts'."""
    return indexed_post(title=title, body=body, motive=motive, interests=tuple(interests))[0]


def indexed_post(
    *, title: str, body: str, motive: str = "", interests: tuple[str, ...] = ()
) -> tuple[str, dict[str, str]]:
    """`index_words`, and each word token with a word of the post it stands for."""
    index = _concept_index()
    out: list[str] = []
    written: dict[str, str] = {}
    # A concept once for each word of it (and for the interest or motive): relevance counts.
    found_concepts: list[str] = []
    for text, times in ((title, 2), (body, 1)):
        sequence = []
        for word in words(text):
            analysed = analyse(word)
            sequence.append(analysed.primary)
            for token in analysed.tokens | {analysed.primary}:
                # The shortest word a token stands for is the likeliest base form to show.
                if len(word) < len(written.get(token, word + "_")):
                    written[token] = word
            of_word = set(index.single.get(analysed.primary, frozenset()))
            for part in analysed.parts:
                of_word |= index.single.get(primary(part), frozenset())
                written.setdefault(primary(part), part)
            found_concepts.extend(sorted(of_word) * times)
            out.extend(sorted(analysed.tokens) * times)
        for start in range(len(sequence)):
            phrase = _phrase_at(sequence, start)
            if phrase is not None:
                found_concepts.extend(sorted(phrase[1]) * times)
    for slug in interests:
        found_concepts.extend(sorted(index.by_interest.get(slug, frozenset())))
    found_concepts.extend(sorted(index.by_motive.get(motive, frozenset())))
    out.extend(sorted(found_concepts))
    # Concepts are counted in the vocabulary too (the plan of a search depends on it).
    written.update((token, token) for token in found_concepts)
    return " ".join(out), written


# --- Queries --------------------------------------------------------------------------------

Expr = str | tuple[str, tuple]


@dataclass(frozen=True)
class QueryWord:
    """One thing a query asks for: `text` as typed (normalised), `expr` over tokens."""

    text: str
    expr: Expr
    tokens: frozenset[str]  # the word tokens it asks for (no concepts), for spelling help


def _any(tokens) -> Expr:
    tokens = sorted(set(tokens))
    return tokens[0] if len(tokens) == 1 else ("or", tuple(tokens))


def searched_parts(word: str) -> list[str]:
    """The parts of a compound a query searches for: all but the LIGHT_PARTS, unless those
    are all it has; [] for a word that is no compound."""
    parts = analyse(word).parts
    light = {primary(w) for w in LIGHT_PARTS}
    return [p for p in parts if primary(p) not in light] or list(parts)


def _word_expr(word: str) -> tuple[Expr, frozenset[str]]:
    index = _concept_index()
    analysed = analyse(word)
    if analysed.primary in index.single:
        return _any(index.single[analysed.primary]), frozenset()
    if not analysed.parts:
        return analysed.primary, frozenset({analysed.primary})
    items: list[Expr] = []
    plain: set[str] = set()
    for part in searched_parts(word):
        token = primary(part)
        item = _any(index.single[token]) if token in index.single else token
        if item not in items:
            items.append(item)
        if token not in index.single:
            plain.add(token)
    return (items[0] if len(items) == 1 else ("and", tuple(items))), frozenset(plain)


def query_words(text: str) -> list[QueryWord]:
    """What a query asks for, word by word (all must match): a concept where a word or
    phrase is one, else the word's token, or its compound's parts."""
    # Repeated words stay until the phrases are found ("board games and computer games").
    terms = [word for word in words(text) if len(word) >= 2][: 4 * MAX_QUERY_WORDS]
    sequence = [primary(t) for t in terms]
    found: list[QueryWord] = []
    position = 0
    while position < len(terms):
        phrase = _phrase_at(sequence, position)
        if phrase is not None and phrase[0] > 1:
            length, tokens = phrase
            if all(_any(tokens) != seen.expr for seen in found):
                words_typed = " ".join(terms[position : position + length])
                found.append(QueryWord(words_typed, _any(tokens), frozenset()))
            position += length
            continue
        expr, plain = _word_expr(terms[position])
        if all(expr != seen.expr for seen in found):
            found.append(QueryWord(terms[position], expr, plain))
        position += 1
    return found[:MAX_QUERY_WORDS]
