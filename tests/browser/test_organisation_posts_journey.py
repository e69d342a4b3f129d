"""An organisation in a real browser: an editor writes a post as the club, with a photo; a
citizen finds it with the search's "Foreninger" filter and writes to the club. And the
facilitator's phone opens a participant's attendance code."""

import io

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from belong.activities import attendance
from belong.activities import services as activities
from belong.activities.models import SignUp
from belong.organisations.models import Organisation, Role
from belong.organisations.services import add_member
from belong.posts.models import Post
from tests.browser.axe import assert_no_axe_violations
from tests.browser.test_local_life_journey import staff_log_in
from tests.browser.test_moderation_journey import log_out
from tests.browser.test_posts_journey import log_in
from tests.factories import UserFactory
from tests.local_life import make_activity, make_organisation
from tests.staff import make_staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_context_args(browser_context_args):
    # axe is injected as a script; the pages' CSP is checked where they are served as is.
    return {**browser_context_args, "bypass_csp": True}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


def club_photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 200), (30, 110, 60)).save(out, format="JPEG")
    return out.getvalue()


def test_an_editor_posts_as_the_club_with_a_photo_and_a_citizen_finds_it(
    page, live_server, nordjylland
):
    home = nordjylland["9000"]
    karin = UserFactory(email="karin@example.dk", display_name="Karin", postcode=home)
    UserFactory(email="erik@example.dk", display_name="Erik", postcode=home)
    UserFactory(email="anne@example.dk", display_name="Anne", postcode=home)
    club = make_organisation(karin, name="Aalborg Gåklub")
    add_member(editor=karin, organisation=club, email="erik@example.dk", role=Role.EDITOR)
    Organisation.objects.filter(pk=club.pk).update(
        verified_at=timezone.now(), verified_by_municipality=home.municipality
    )

    log_in(page, live_server, "erik@example.dk")
    page.goto(f"{live_server.url}/opslag/nyt/")
    page.get_by_label("Som Aalborg Gåklub").check()
    page.get_by_label("Overskrift").fill("Gåklubben søger nye medlemmer")
    page.get_by_label("Fortæl lidt om dig selv").fill(
        "Vi går ved fjorden hver tirsdag kl. 10 og drikker kaffe bagefter. Alle er velkomne."
    )
    page.get_by_label("Nye medlemmer til en forening").check()
    page.get_by_role("radio", name="Min kommune").check()
    page.get_by_label("Et billede eller symbol").set_input_files(
        files=[{"name": "gaaklub.jpg", "mimeType": "image/jpeg", "buffer": club_photo()}]
    )
    page.get_by_label("Hvad billedet viser").fill("Klubbens medlemmer på stien ved fjorden")
    page.get_by_role("button", name="Offentliggør").click()
    expect(page.get_by_role("status").first).to_contain_text("offentliggjort")
    post = Post.objects.get()
    assert post.organisation_id == club.pk and post.photo
    log_out(page)

    log_in(page, live_server, "anne@example.dk")
    page.goto(f"{live_server.url}/opslag/")
    page.get_by_label("Vis", exact=True).select_option(label="Foreninger")
    page.get_by_role("button", name="Søg", exact=True).click()
    results = page.locator("#results")
    expect(results.get_by_role("heading", name="Opslag fra foreninger")).to_be_visible()
    expect(results.get_by_role("link", name="Aalborg Gåklub").first).to_be_visible()
    assert_no_axe_violations(page)
    results.get_by_role("link", name="Gåklubben søger nye medlemmer").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Gåklubben søger nye medlemmer")
    photo = page.get_by_role("img", name="Klubbens medlemmer på stien ved fjorden")
    expect(photo).to_be_visible()
    assert photo.evaluate("img => img.naturalWidth") > 0
    expect(page.get_by_text("Godkendt af Aalborg Kommune").first).to_be_visible()
    expect(page.get_by_role("link", name="Aalborg Gåklub", exact=True)).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Skriv til Aalborg Gåklub").click()
    page.get_by_role("textbox", name="Din besked til Aalborg Gåklub").fill(
        "Hej! Jeg vil gerne gå med på tirsdag."
    )
    page.get_by_role("button", name="Send").first.click()
    expect(page.get_by_text("Din besked er sendt")).to_be_visible()
    assert post.conversations.get().recipient.email == "erik@example.dk"


def test_the_facilitators_phone_opens_an_attendance_code(page, live_server, nordjylland):
    home = nordjylland["9000"]
    anne = UserFactory(email="anne@example.dk", display_name="Anne", postcode=home)
    facilitator = make_staff(home.municipality, "facilitator", postcode=home)
    walk = make_activity(facilitator, title="Gåtur og kaffe")
    place = activities.sign_up(user=anne, activity=walk)

    log_in(page, live_server, "anne@example.dk")
    page.goto(f"{live_server.url}/aktiviteter/{walk.pk}/")
    expect(page.get_by_role("img", name="Din fremmødekode til Gåtur og kaffe")).to_be_visible()
    assert_no_axe_violations(page)
    log_out(page)

    # What the camera opens: the signed link in the code.
    staff_log_in(page, live_server, facilitator)
    page.goto(live_server.url + attendance.attendance_path(place))
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Notér Anne som mødt").click()
    expect(page.get_by_role("status").first).to_contain_text("Anne er noteret som mødt")
    assert SignUp.objects.get(pk=place.pk).attended is True
