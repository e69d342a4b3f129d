"""The search analysis: everyday Danish (compounds, inflections, æøå spelled aa/ae/oe) and
English words become the same tokens in a post and in a query, on every backend."""

import pytest

from belong.posts import analysis
from belong.posts.search import SearchQuery, search_posts
from tests.factories import make_post


def finds(text: str, post_title: str, post_body: str = "", **fields) -> bool:
    """Whether a query for `text` asks only for tokens a post with this title and text has."""
    tokens = set(analysis.index_words(title=post_title, body=post_body, **fields).split())

    def holds(expr) -> bool:
        if isinstance(expr, str):
            return expr in tokens
        operator, items = expr
        return (all if operator == "and" else any)(holds(item) for item in items)

    words = analysis.query_words(text)
    return bool(words) and all(holds(word.expr) for word in words)


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("løbetur", ("løbe", "tur")),
        ("gåtur", ("gå", "tur")),
        ("strikkeklub", ("strikke", "klub")),
        ("brætspilsaften", ("brætspil", "aften")),
        ("hundeluftning", ("hunde", "luftning")),
        ("løbeklubben", ("løbe", "klubben")),
    ],
)
def test_compounds_split_into_known_words(word, parts):
    assert analysis.split_compound(analysis.normalise(word)) == parts


@pytest.mark.parametrize("word", ["kaffe", "katte", "badminton", "yoga", "hyggelig"])
def test_plain_words_stay_whole(word):
    assert analysis.split_compound(analysis.normalise(word)) is None


@pytest.mark.parametrize(
    ("query", "title", "body"),
    [
        # Compounds: the parts find the whole, and the whole its parts.
        ("løbetur", "Løbemakker", "Jeg vil gerne løbe en lang tur om morgenen."),
        ("tur", "Gåtur", "Hver søndag."),
        ("cykeltur", "Cykle sammen", "Vi cykler en tur."),
        ("hundeskov", "Hundeskoven", "Min hund elsker det."),
        # Inflections.
        ("gåture", "Gåtur i skoven", ""),
        ("hunde", "Min hund", ""),
        ("svømning", "Svømme om morgenen", ""),
        ("klubben", "Ny klub", ""),
        ("walking", "I like to walk", ""),
        # æøå spelled aa/ae/oe, and the other way round.
        ("gaatur", "Gåtur", ""),
        ("haandarbejde", "Håndarbejde", ""),
        ("brætspil", "Braetspil", ""),
        ("Ålborg", "Ny i Aalborg", ""),
        # Synonyms and concepts, Danish and English.
        ("knitting", "Strik og kaffe", ""),
        ("strikkeklub", "Vi hækler sammen", ""),
        ("walk", "Vandretur i Rold Skov", ""),
        ("coffee", "Kaffeaftale", ""),
        ("board games", "Brætspil", ""),
        # Everyday words for an interest or a motive.
        ("spise sammen", "Fællesspisning", "Hver torsdag i beboerhuset."),
        ("lære dansk", "Øv dansk med mig", ""),
        ("pensionist", "Ny ven søges", "Jeg er gået på pension og har fået mere tid."),
        ("retired", "Ny ven søges", "Jeg er gået på pension."),
        ("ensom", "Ny ven søges", ""),
        ("baby", "Mødregruppe på Østerbro", "Vi går tur med barnevognen."),
        ("alene", "Ny ven søges", ""),
        ("frokost", "Fællesspisning", ""),
        ("styrketræning", "Makker til fitness", ""),
        ("banko", "Brætspil om tirsdagen", ""),
        ("expat", "Ny i Danmark", "Jeg er lige kommet hertil."),
        ("ny i byen", "Expats in Aarhus", "Let us meet."),
        ("bio", "Film i biografen", "Hvem vil se den nye film med mig?"),
        ("kammerat", "Ny ven søges", "Jeg søger en ven at gå ture med."),
        ("udlænding", "Ny i Danmark", "Jeg er lige flyttet hertil fra Spanien."),
        ("bedsteforældre", "Legeaftale", "Vi er to mødre med små børn."),
        ("roning", "Kajak på fjorden", "Hvem vil ro kajak med mig om søndagen?"),
        ("sauna", "Vinterbadning", "Vi bader hver morgen ved broen."),
        ("bål", "Sove i shelter", "Vi sover i shelter og laver mad over lejrbål."),
        ("introvert", "Stille type", "Jeg er lidt genert i starten."),
        ("spille kort", "Kortspil", "Hvem vil spille whist?"),
        ("svampe", "Mushroom foraging", "Let us look for mushrooms in the woods."),
    ],
)
def test_a_query_finds_the_everyday_forms_of_its_words(query, title, body):
    assert finds(query, title, body)


def test_someone_lonely_finds_those_who_seek_a_friend():
    for query in ("ensom", "ensomhed", "lonely"):
        assert finds(query, "Hej", "Skriv til mig.", motive="friend"), query


def test_a_posts_interests_and_motive_are_searchable_in_danish_and_english():
    post = {"motive": "volunteers", "interests": ("crafts",)}
    for query in ("strik", "håndarbejde", "knitting", "crafts"):
        assert finds(query, "Hej", "Skriv til mig.", **post)
    for query in ("frivillige", "volunteers"):
        assert finds(query, "Hej", "Skriv til mig.", **post)
    assert not finds("fodbold", "Hej", "Skriv til mig.", **post)


def test_unrelated_words_do_not_match():
    assert not finds("hund", "Strikkeklub", "Vi strikker hver tirsdag.")
    assert not finds("kaffe", "Løbetur", "Vi løber.")


def test_stop_words_and_punctuation_are_no_query():
    assert analysis.query_words("og det er i ... !") == []


def test_together_asks_for_nothing_more():
    # "spise sammen", "gå tur sammen": every post is about doing something together.
    assert [w.text for w in analysis.query_words("spise sammen")] == ["spise"]
    assert [w.text for w in analysis.query_words("walk together")] == ["walk"]


@pytest.mark.django_db
def test_both_backends_search_the_same_analysis(citizen):
    post = make_post(citizen, title="Strikkeklub i Aalborg", body="Vi hækler og strikker.")
    make_post(citizen, title="Fodbold", body="Vi spiller bold.")
    for text in ("knitting", "strik", "håndarbejde", "strikkeklubben", "haekle"):
        found = search_posts(viewer=citizen, query=SearchQuery(text=text, where="country"))
        assert [p.pk for p in found.posts] == [post.pk], text


def test_an_overlong_run_of_characters_is_no_word():
    # PostgreSQL refuses a lexeme over 2046 bytes; a post of one long run still saves.
    assert analysis.words("0" * 3000 + " gåtur") == ["gåtur"]


def test_words_are_stemmed_alike_on_many_threads_at_once():
    """A page server answers on several threads: one thread's stemming must not reach into
    another's (the Snowball stemmers keep the word being stemmed in themselves)."""
    import threading

    from belong.posts import analysis

    words = [
        f"{stem}{ending}"
        for stem in ("strik", "løb", "gå", "svøm", "knit", "walk")
        for ending in ("", "e", "ning", "ninger", "ende", "ings", "ed", "er")
    ]
    expected = {w: (analysis._stem_danish(w), analysis._english_stem(w)) for w in words}
    wrong: list[str] = []
    start = threading.Barrier(8)

    def stem_many():
        start.wait()
        for _ in range(60):
            for w in words:
                try:
                    got = (analysis._stem_danish(w), analysis._english_stem(w))
                except (IndexError, AssertionError) as error:  # a shared stemmer, under load
                    wrong.append(f"{w}: {error}")
                    continue
                if got != expected[w]:
                    wrong.append(f"{w}: {got} != {expected[w]}")

    threads = [threading.Thread(target=stem_many) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []
