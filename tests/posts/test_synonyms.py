"""The concept list (belong/posts/data/synonyms.toml): well formed, and every interest's and
motive's own label, in Danish and English, among its concept's words."""

import tomllib

import pytest
from django.utils import translation

from belong.accounts.interests import INTERESTS
from belong.posts import analysis
from belong.posts.analysis import DATA, concepts
from belong.posts.models import Motive


def test_the_file_reads_and_every_concept_has_words_or_a_facet():
    raw = tomllib.loads((DATA / "synonyms.toml").read_text(encoding="utf-8"))
    assert raw, "no concepts"
    for key, entry in raw.items():
        assert set(entry) <= {"interest", "motive", "words"}, key
        assert entry.get("words") or entry.get("motive") or entry.get("interest"), key
    interests = {slug for slug, _label in INTERESTS}
    for concept in concepts():
        assert concept.interest is None or concept.interest in interests, concept.key
        assert concept.motive is None or concept.motive in Motive.values, concept.key
        assert analysis.search_index_token_ok(concept.token)


def test_every_interest_and_motive_has_a_concept():
    assert {slug for slug, _label in INTERESTS} <= {c.interest for c in concepts()}
    assert set(Motive.values) <= {c.motive for c in concepts()}


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize(("slug", "label"), INTERESTS)
def test_an_interests_label_finds_its_posts(language, slug, label):
    with translation.override(language):
        text = str(label)
    tokens = set(analysis.index_words(title="", body="", interests=(slug,)).split())
    words = analysis.query_words(text)
    assert words, text
    for word in words:
        expr = word.expr
        options = {expr} if isinstance(expr, str) else set(expr[1])
        assert options & tokens, f"{text!r} ({language}) does not find {slug}"


# The concepts in the order posts store their bits (`Post.concept_mask`): a new concept goes
# after these, never between them, or every stored mask would say the wrong thing.
STORED_CONCEPTS = """
    walks running sport swimming cycling chess culture music singing creative photography
    newcomer games food baking parenting pets dogs languages volunteering faith tech travel
    books film gardening coffee dance crafts outdoors health yoga friend activity group
    members volunteers language-exchange other retired birds pottery horses sailing woodwork
    climbing football piano
""".split()


def test_stored_concept_bits_never_move():
    keys = [concept.key for concept in concepts()]
    assert keys[: len(STORED_CONCEPTS)] == STORED_CONCEPTS
    assert len(keys) <= analysis.MAX_CONCEPTS
