"""Attendance by QR code: the participant's code, the facilitator's phone opening it, and
every way a code could be forged, borrowed or used by someone else."""

import re
from urllib.parse import unquote

import pytest
from django.core import signing
from django.urls import reverse

from belong.activities import attendance, services
from belong.activities.models import SignUp
from tests.factories import UserFactory
from tests.html import validate_html
from tests.local_life import make_activity
from tests.staff import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def place(walk, citizen):
    return services.sign_up(user=citizen, activity=walk)


def code_url(signup) -> str:
    return attendance.attendance_path(signup)


def test_the_participant_sees_a_qr_code_of_a_signed_link(client, walk, citizen, place):
    client.force_login(citizen)
    page = client.get(reverse("activity_detail", args=[walk.pk]))
    validate_html(page.content)
    html = page.content.decode()
    assert '<svg role="img"' in html
    assert "Din fremmødekode til Gåtur ved fjorden" in html
    assert "<script" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]


def test_the_qr_code_holds_the_link_the_facilitator_opens(place):
    import segno

    url = "https://belong.example" + code_url(place)
    svg = attendance.qr_svg(url, label="x")
    # The same link makes the same code: the page shows exactly this link as QR.
    assert segno.make(url, error="m").svg_inline(
        scale=5, border=4, light="#fff", dark="#000", title="x"
    ) in svg.replace('<svg role="img" ', "<svg ")


def test_no_code_without_a_place(client, walk, citizen, bo, outsider):
    services.sign_up(user=bo, activity=walk)
    services.sign_up(user=outsider, activity=walk)
    services.sign_up(user=citizen, activity=walk)  # waitlisted
    client.force_login(citizen)
    html = client.get(reverse("activity_detail", args=[walk.pk])).content.decode()
    assert '<svg role="img"' not in html


def test_the_facilitator_scans_and_marks_the_participant_present(client, facilitator, place):
    client.force_login(facilitator)
    page = client.get(code_url(place))
    assert page.status_code == 200
    validate_html(page.content)
    assert "Notér Anne som mødt" in page.content.decode()
    assert SignUp.objects.get(pk=place.pk).attended is None  # opening it changes nothing
    response = client.post(code_url(place), follow=True)
    assert SignUp.objects.get(pk=place.pk).attended is True
    assert "Anne er noteret som mødt" in response.content.decode()
    # Scanning twice is harmless.
    client.post(code_url(place))
    assert SignUp.objects.get(pk=place.pk).attended is True


def test_the_camera_link_asks_a_signed_out_facilitator_to_sign_in_first(client, place):
    response = client.get(code_url(place))
    assert response.status_code == 302
    assert "/login/" in response["Location"] or "log" in response["Location"]
    assert unquote(response["Location"]).endswith(code_url(place))
    assert SignUp.objects.get(pk=place.pk).attended is None


def test_someone_who_does_not_run_the_activity_gets_a_404(
    client, place, bo, aalborg, aalborg_postcode
):
    client.force_login(bo)
    assert client.get(code_url(place)).status_code == 404
    assert client.post(code_url(place)).status_code == 404
    # Not even a facilitator of the same municipality who does not run it.
    other = make_staff(aalborg, "facilitator", postcode=aalborg_postcode)
    client.force_login(other)
    assert client.post(code_url(place)).status_code == 404
    assert SignUp.objects.get(pk=place.pk).attended is None


def test_the_participant_cannot_mark_themself(client, citizen, place):
    client.force_login(citizen)
    assert client.post(code_url(place)).status_code == 404
    assert SignUp.objects.get(pk=place.pk).attended is None


def test_a_code_of_another_activity_is_refused(client, facilitator, citizen, place):
    other = make_activity(facilitator, title="Brætspil")
    token = attendance.attendance_token(place)
    client.force_login(facilitator)
    url = reverse("activity_attendance_code", args=[other.pk, token])
    response = client.post(url)
    assert response.status_code == 400
    assert "Koden gælder ikke for denne aktivitet" in response.content.decode()
    assert SignUp.objects.get(pk=place.pk).attended is None


def test_a_code_signed_for_another_activity_but_naming_this_one_is_refused(
    client, facilitator, citizen, walk, place
):
    other = make_activity(facilitator, title="Brætspil")
    # Signed with the other activity's key, claiming this activity's sign-up.
    forged = signing.Signer(salt=f"belong.activities.attendance:{other.pk}").sign(
        f"{walk.pk}.{place.pk}"
    )
    client.force_login(facilitator)
    response = client.post(reverse("activity_attendance_code", args=[walk.pk, forged]))
    assert response.status_code == 400
    assert SignUp.objects.get(pk=place.pk).attended is None


@pytest.mark.parametrize(
    "token",
    ["1.1", "x" * 500, "1.1:AAAAAAAAAAAAAAAAAAAAAAAAAAA", "%00", "';--", "1.abc:zzz"],
)
def test_forged_or_broken_codes_are_refused_politely(client, facilitator, walk, place, token):
    client.force_login(facilitator)
    response = client.post(reverse("activity_attendance_code", args=[walk.pk, token]))
    assert response.status_code == 400
    validate_html(response.content)
    assert SignUp.objects.get(pk=place.pk).attended is None


def test_a_tampered_sign_up_id_is_refused(client, facilitator, walk, place, bo):
    theirs = services.sign_up(user=bo, activity=walk)
    token = attendance.attendance_token(place)
    tampered = re.sub(rf"\.{place.pk}:", f".{theirs.pk}:", token)
    client.force_login(facilitator)
    response = client.post(reverse("activity_attendance_code", args=[walk.pk, tampered]))
    assert response.status_code == 400
    assert SignUp.objects.filter(attended=True).count() == 0


def test_a_cancelled_place_is_not_marked(client, facilitator, walk, citizen, place):
    services.cancel_signup(user=citizen, activity=walk)
    client.force_login(facilitator)
    response = client.post(code_url(place))
    assert response.status_code == 400
    assert "har ikke en plads" in response.content.decode()
    assert SignUp.objects.get(pk=place.pk).attended is None


def test_someone_elses_activity_id_is_a_404(client, facilitator, place):
    client.force_login(facilitator)
    token = attendance.attendance_token(place)
    assert client.get(reverse("activity_attendance_code", args=[999999, token])).status_code == 404


def test_the_attendance_page_explains_the_codes(client, facilitator, walk, place):
    client.force_login(facilitator)
    html = client.get(reverse("activity_attendance", args=[walk.pk])).content.decode()
    assert "QR-kode" in html


def test_a_youth_activity_code_works_only_for_its_organiser(
    client, aalborg, aalborg_postcode, minor
):
    facilitator = make_staff(aalborg, "facilitator", postcode=aalborg_postcode)
    youth = make_activity(facilitator, municipality=aalborg, age_range="youth")
    place = services.sign_up(user=minor, activity=youth)
    adult = UserFactory(postcode=aalborg_postcode)
    client.force_login(adult)
    assert client.get(code_url(place)).status_code == 404
    client.force_login(facilitator)
    client.post(code_url(place))
    assert SignUp.objects.get(pk=place.pk).attended is True
