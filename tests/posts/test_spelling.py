"""Close spellings: a word in no post, when a search finds little, is replaced by the nearest
word that posts hold, and the results say so; the words as typed can still be searched."""

from django.core.management import call_command
from django.urls import reverse

from belong.posts.models import Post, SearchWord
from belong.posts.search import SearchQuery, search_posts
from belong.posts.spelling import distance, last_part
from tests.factories import make_post


def test_edit_distance_counts_swaps_as_one():
    assert distance("kafe", "kaffe", 2) == 1
    assert distance("strikkning", "strikning", 2) == 1
    assert distance("gaatru", "gaatur", 2) == 1
    assert distance("hund", "strikkeklub", 2) == 3


def test_a_misspelt_word_finds_the_posts_of_its_closest_spelling(citizen):
    post = make_post(citizen, title="Badminton om torsdagen", body="Vi spiller i hallen.")
    found = search_posts(viewer=citizen, query=SearchQuery(text="badmington", where="country"))
    assert [p.pk for p in found.posts] == [post.pk]
    assert found.searched_for == ["badminton"]
    assert found.typed.text == "badmington" and found.typed.exact

    as_typed = search_posts(viewer=citizen, query=found.typed)
    assert as_typed.posts == [] and as_typed.searched_for == []


def test_a_spelling_too_far_from_what_was_typed_is_not_searched_for(citizen):
    make_post(citizen, title="Vi synger i kor", body="Kom og syng med. Vi leger og øver.")
    make_post(citizen, title="Sing with us", body="We sing every week.")
    # "single" is not "sing" or "synge" (two letters fewer, two edits in a six-letter word),
    # and a word of three letters or fewer is searched as typed: "ler" (clay) is no "leg".
    for typed in ("single", "ler", "øl"):
        found = search_posts(viewer=citizen, query=SearchQuery(text=typed, where="country"))
        assert (found.posts, found.searched_for) == ([], []), typed


def test_a_word_that_finds_posts_is_left_as_typed(citizen):
    make_post(citizen, title="Badminton", body="Hver uge.")
    found = search_posts(viewer=citizen, query=SearchQuery(text="badminton", where="country"))
    assert len(found.posts) == 1 and found.searched_for == []


def test_the_page_says_what_it_searched_for(client, citizen):
    make_post(citizen, title="Vi strikker", body="Kom og strik med os.", interests=["crafts"])
    client.force_login(citizen)
    response = client.get(reverse("search"), {"q": "strikkeklup", "where": "country"})
    page = response.content.decode()
    assert "Viser resultater for <em>" in page
    assert "Søg efter <em>strikkeklup</em> i stedet" in page
    assert "exact=1" in page


def test_reindexing_follows_the_current_analysis(citizen):
    post = make_post(citizen, title="Gåtur ved fjorden", body="Hver søndag.")
    Post.objects.filter(pk=post.pk).update(search_words="", concept_mask=0)
    SearchWord.objects.all().delete()
    query = SearchQuery(text="vandretur", where="country", exact=True)
    assert search_posts(viewer=citizen, query=query).posts == []
    call_command("reindex_search", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [p.pk for p in search_posts(viewer=citizen, query=query).posts] == [post.pk]
    assert SearchWord.objects.filter(word="fjord", posts=1).exists()


TEXTS = [
    ("Gåtur i skoven", "Hvem vil gå en tur med mig og hunden om søndagen?"),
    ("Strikkeklub", "Vi strikker og drikker kaffe hver tirsdag. Nye er velkomne!"),
    ("Gåture og kaffe", "Jeg går gerne lange ture og drikker kaffe bagefter."),
]


def vocabulary() -> dict[str, tuple[str, int]]:
    return {w.word: (w.written, w.posts) for w in SearchWord.objects.all()}


def test_words_gathered_in_one_go_give_the_vocabulary_one_post_at_a_time_gives(citizen):
    from belong.posts.indexing import vocabulary_in_one_go

    for title, body in TEXTS * 2:
        make_post(citizen, title=title, body=body)
    one_at_a_time = vocabulary()
    assert one_at_a_time, "the posts gave no words"
    SearchWord.objects.all().delete()
    Post.objects.all().delete()

    with vocabulary_in_one_go():
        for title, body in TEXTS * 2:
            make_post(citizen, title=title, body=body)
        assert not SearchWord.objects.exists()  # counted in memory until the end
    assert vocabulary() == one_at_a_time


def test_an_unknown_compound_searches_for_the_first_part_posts_hold(citizen):
    dogs = make_post(citizen, title="Hvem vil lufte hund med mig?", body="Min hund hedder Bobby.")
    cats = make_post(citizen, title="Hvem vil passe katte?", body="Mens jeg er på ferie.")
    make_post(citizen, title="Strikkeklub", body="Vi strikker hver tirsdag.")
    for typed, part, post in (("hundepasser", "hunde", dogs), ("katteelsker", "katte", cats)):
        found = search_posts(viewer=citizen, query=SearchQuery(text=typed, where="country"))
        assert [p.pk for p in found.posts] == [post.pk], typed
        assert found.searched_for == [part]


def test_a_word_with_no_known_first_part_still_finds_nothing(citizen):
    make_post(citizen, title="Strikkeklub", body="Vi strikker hver tirsdag.")
    found = search_posts(viewer=citizen, query=SearchQuery(text="xqzvwejer", where="country"))
    assert found.posts == [] and found.searched_for == []


def test_a_short_start_is_no_first_part(citizen):
    # "kor" (a choir) begins "koreansk", which is about something else.
    make_post(citizen, title="Vi synger i kor", body="Hver onsdag.")
    found = search_posts(viewer=citizen, query=SearchQuery(text="koreansk", where="country"))
    assert found.posts == [] and found.searched_for == []


def test_a_close_spelling_keeps_the_first_letter(citizen):
    # "dating" is one letter from "eating" (a word of the food concept), but no typo of it.
    make_post(
        citizen, title="Vi spiser sammen", body="Fællesspisning hver fredag.", interests=["food"]
    )
    found = search_posts(viewer=citizen, query=SearchQuery(text="dating", where="country"))
    assert (found.posts, found.searched_for) == ([], [])


def test_a_word_no_post_holds_is_left_out_beside_words_that_find_posts(citizen, client):
    post = make_post(citizen, title="Kaffe for ældre", body="Vi mødes hver onsdag i biblioteket.")
    found = search_posts(viewer=citizen, query=SearchQuery(text="ældre xqzvw", where="country"))
    assert [p.pk for p in found.posts] == [post.pk]
    assert found.searched_for == ["ældre"]
    assert found.typed.text == "ældre xqzvw" and found.typed.exact
    # Alone, such a word still finds nothing: there is nothing left to search for.
    alone = search_posts(viewer=citizen, query=SearchQuery(text="xqzvw", where="country"))
    assert (alone.posts, alone.searched_for) == ([], [])

    client.force_login(citizen)
    page = client.get(reverse("search"), {"q": "ældre xqzvw", "where": "country"})
    assert "Viser resultater for <em>ældre</em>" in page.content.decode()


def test_words_that_find_little_together_leave_the_topic_alone(citizen):
    # "partner" is in a post, but in none about running: the topic is searched for alone.
    runs = make_post(citizen, title="Makker til at løbe", body="Jeg løber 5 km om morgenen.")
    make_post(citizen, title="Language partner", body="I speak English and want to learn Danish.")
    found = search_posts(viewer=citizen, query=SearchQuery(text="running partner", where="country"))
    assert [p.pk for p in found.posts] == [runs.pk]
    assert found.searched_for == ["running"]
    assert found.typed.text == "running partner"
    # Where every word is a topic, nothing is left out: the posts with either are shown.
    both = search_posts(viewer=citizen, query=SearchQuery(text="løbe kaffe", where="country"))
    assert ([p.pk for p in both.posts], both.searched_for) == ([runs.pk], [])
    assert both.any_of_words == ["løbe", "kaffe"]


def test_an_unknown_compound_searches_for_its_last_part_where_that_is_a_topic(citizen):
    # Danish says what a thing is last: "vandgymnastik" is gymnastics, "begynderløb" a run.
    gym = make_post(citizen, title="Gymnastik for alle", body="Hver mandag i hallen.")
    runs = make_post(citizen, title="Vi løber sammen", body="Fem kilometer i roligt tempo.")
    for typed, part, post in (("vandgymnastik", "gymnastik", gym), ("begynderløb", "løb", runs)):
        found = search_posts(viewer=citizen, query=SearchQuery(text=typed, where="country"))
        assert [p.pk for p in found.posts] == [post.pk], typed
        assert found.searched_for == [part]


def test_a_short_word_is_corrected_only_for_two_letters_swapped(citizen):
    walk = make_post(citizen, title="En tur i skoven", body="Vi går hver søndag.")
    found = search_posts(viewer=citizen, query=SearchQuery(text="tru", where="country"))
    assert [p.pk for p in found.posts] == [walk.pk]
    assert found.searched_for == ["tur"]
    # One letter changed is no swap: "tut" stays as typed.
    other = search_posts(viewer=citizen, query=SearchQuery(text="tut", where="country"))
    assert (other.posts, other.searched_for) == ([], [])


def test_a_last_part_is_one_topic_not_a_compound_of_two():
    # "bedsteforældre" ends in "te" (tea) + "forældre": its topic is "forældre".
    assert last_part("bedsteforældre") == "forældre"
    assert last_part("stolegymnastik") == "gymnastik"


def test_a_compound_whose_parts_are_in_no_post_together_shows_the_posts_of_each(citizen):
    # "svampejagt": no post is about both mushrooms and hunting; each part's posts are shown.
    mushrooms = make_post(citizen, title="Svampetur i skoven", body="Vi plukker svampe.")
    hunting = make_post(citizen, title="Jagt i efteråret", body="Vi går på jagt sammen.")
    make_post(citizen, title="Strikkeklub", body="Vi strikker hver tirsdag.")
    found = search_posts(viewer=citizen, query=SearchQuery(text="svampejagt", where="country"))
    assert [p.pk for p in found.posts] == [mushrooms.pk, hunting.pk]
    assert found.any_of_words == ["svampe", "jagt"]
    # A compound whose parts are in a post together finds that post alone.
    both = make_post(citizen, title="Svampejagt", body="Vi går på jagt efter svampe.")
    found = search_posts(viewer=citizen, query=SearchQuery(text="svampejagt", where="country"))
    assert [p.pk for p in found.posts] == [both.pk]
    assert found.any_of_words == []
