"""Words that find little together: "hund og kaffe" in no post shows the posts about dogs
and those about coffee, in turn, and says so; one or two posts with all the words, or none
within the choices made, are shown, and the posts with any of them are offered."""

from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import reverse

from belong.posts.search import ANY_WORD_PAGES, SearchQuery, search_posts
from belong.safety.services import block_user
from tests.factories import UserFactory, make_post, years_ago


def everywhere(text: str, **fields) -> SearchQuery:
    return SearchQuery(text=text, where="country", **fields)


def test_words_in_no_post_together_show_the_posts_with_any_of_them(citizen):
    dogs = make_post(citizen, title="Gåtur med hunden", body="Min hund elsker skoven.")
    coffee = make_post(citizen, title="En kop kaffe", body="Vi mødes på caféen.")
    make_post(citizen, title="Badminton", body="Hver torsdag i hallen.")
    found = search_posts(viewer=citizen, query=everywhere("hund og kaffe"))
    assert {p.pk for p in found.posts} == {dogs.pk, coffee.pk}
    assert found.any_of_words == ["hund", "kaffe"]
    assert found.typed.text == "hund og kaffe" and found.typed.exact
    # As typed, all the words must match.
    as_typed = search_posts(viewer=citizen, query=found.typed)
    assert (as_typed.posts, as_typed.any_of_words) == ([], [])


def test_a_rare_words_posts_are_not_buried_under_a_common_ones(citizen):
    dogs = make_post(citizen, title="Hundeluftning", body="Min hund vil gerne have selskab.")
    for number in range(24):
        make_post(citizen, title=f"Kaffe nummer {number}", body="En kop kaffe og en snak.")
    found = search_posts(viewer=citizen, query=everywhere("hund og kaffe"))
    # Taken in turn: the newest about dogs and the newest about coffee come first.
    assert dogs.pk in [p.pk for p in found.posts[:2]]
    assert len(found.posts) == 20 and found.has_next
    # The next page goes on with the same search; together the pages hold every post once.
    link = QueryDict(urlencode(found.query.to_params(page=2), doseq=True))
    second = search_posts(viewer=citizen, query=SearchQuery.from_params(link))
    shown = [p.pk for p in found.posts] + [p.pk for p in second.posts]
    assert len(shown) == len(set(shown)) == 25
    assert second.any_of_words == ["hund", "kaffe"] and not second.has_next


def test_one_post_with_all_the_words_is_shown_and_the_rest_offered(citizen):
    both = make_post(citizen, title="Kaffe og kage", body="Vi bager kage og drikker kaffe.")
    coffee = make_post(citizen, title="En kop kaffe", body="Vi mødes på caféen.")
    found = search_posts(viewer=citizen, query=everywhere("kaffe og kage"))
    assert [p.pk for p in found.posts] == [both.pk]
    assert found.wider is not None and found.wider_words == ["kaffe", "kage"]
    wider = search_posts(viewer=citizen, query=found.wider)
    # The post with all the words first, then the others, each once.
    assert [p.pk for p in wider.posts] == [both.pk, coffee.pk]


def test_beside_everyday_words_the_topics_alone_are_taken_in_turn(citizen):
    chess = make_post(citizen, title="Skak i parken", body="Jeg vil gerne spille skak.")
    coffee = make_post(citizen, title="En kop kaffe", body="Er der nogen der vil have kaffe?")
    make_post(citizen, title="Badminton", body="Jeg vil gerne spille badminton med nogen.")
    found = search_posts(viewer=citizen, query=everywhere("gerne nogen skak kaffe"))
    # "gerne" and "nogen" are in posts, but find nothing worth showing by themselves.
    assert {p.pk for p in found.posts} == {chess.pk, coffee.pk}
    assert found.any_of_words == ["skak", "kaffe"]


def test_within_choices_the_posts_with_any_word_are_offered_not_shown(client, citizen):
    make_post(citizen, title="Gåtur med hunden", body="Min hund elsker skoven.", motive="friend")
    make_post(citizen, title="En kop kaffe", body="Vi mødes på caféen.", motive="friend")
    found = search_posts(viewer=citizen, query=everywhere("hund og kaffe", motives=["friend"]))
    # The choices may be what finds nothing: the search is widened only when asked.
    assert (found.posts, found.any_of_words) == ([], [])
    assert found.wider is not None and found.wider.motives == ["friend"]
    assert len(search_posts(viewer=citizen, query=found.wider).posts) == 2

    client.force_login(citizen)
    page = client.get(
        reverse("search"), {"q": "hund og kaffe", "where": "country", "motive": "friend"}
    )
    text = page.content.decode()
    assert "Intet opslag havde alle ordene." in text
    assert "Se opslag med mindst ét af ordene: <em>hund, kaffe</em>" in text


def test_one_word_is_searched_as_it_is(citizen):
    make_post(citizen, title="Badminton", body="Hver torsdag i hallen.")
    found = search_posts(viewer=citizen, query=everywhere("skak"))
    assert (found.posts, found.any_of_words, found.wider) == ([], [], None)


def test_the_posts_with_any_word_keep_every_rule_of_who_sees_what(citizen, aalborg_postcode):
    neighbour = UserFactory(display_name="Bo", postcode=aalborg_postcode)
    teen = UserFactory(display_name="Sofie", postcode=aalborg_postcode, birth_date=years_ago(15))
    shown = make_post(citizen, title="Min hund", body="Hvem vil gå med?", reach="country")
    make_post(neighbour, title="Kaffe hos Bo", body="En kop kaffe?", reach="country")
    make_post(teen, title="Min kaffe", body="Jeg drikker kaffe.", reach="country")
    block_user(blocker=citizen, blocked=neighbour)
    found = search_posts(viewer=citizen, query=everywhere("hund og kaffe"))
    assert [p.pk for p in found.posts] == [shown.pk]
    # Asked for directly, as a link would, the rules hold too.
    direct = search_posts(viewer=citizen, query=everywhere("kaffe hund", any_word=True))
    assert [p.pk for p in direct.posts] == [shown.pk]


def test_the_page_says_it_shows_posts_with_any_of_the_words(client, citizen):
    make_post(citizen, title="Gåtur med hunden", body="Min hund elsker skoven.")
    make_post(citizen, title="En kop kaffe", body="Vi mødes på caféen.")
    client.force_login(citizen)
    page = client.get(reverse("search"), {"q": "hund og kaffe", "where": "country"})
    text = page.content.decode()
    assert "Intet opslag havde alle ordene." in text
    assert "Viser opslag med mindst ét af ordene: <em>hund, kaffe</em>" in text
    assert "Søg efter <em>hund og kaffe</em> i stedet" in text

    make_post(citizen, title="Hund og kaffe", body="Kaffe med hunden i parken.")
    page = client.get(reverse("search"), {"q": "hund og kaffe", "where": "country"})
    text = page.content.decode()
    assert "Kun få opslag havde alle ordene." in text
    assert "words=any" in text
    assert "Se opslag med mindst ét af ordene: <em>hund, kaffe</em>" in text


def test_the_posts_with_any_word_go_only_so_deep(client, citizen):
    make_post(citizen, title="Gåtur med hunden", body="Min hund elsker skoven.")
    make_post(citizen, title="En kop kaffe", body="Vi mødes på caféen.")
    deep = search_posts(
        viewer=citizen, query=everywhere("hund kaffe", any_word=True, page=ANY_WORD_PAGES + 1)
    )
    assert (deep.posts, deep.has_next) == ([], False)
    client.force_login(citizen)
    page = client.get(reverse("search"), {"q": "hund kaffe", "words": "any", "side": "10000"})
    assert page.status_code == 200
