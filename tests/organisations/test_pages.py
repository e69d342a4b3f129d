"""Organisation pages: create, profile with the badge, follow, members, apply; the staff's
queue and decision; the listing with its filter and query budget."""

import pytest
from django.urls import reverse

from belong.core.models import StaffAccess
from belong.organisations import services
from belong.organisations.models import Organisation
from tests.html import validate_html
from tests.local_life import make_organisation
from tests.staff import make_staff, sign_in_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(aalborg, aalborg_postcode):
    return make_staff(aalborg, "moderator", postcode=aalborg_postcode)


def test_a_citizen_creates_an_organisation(client, citizen):
    client.force_login(citizen)
    page = client.get(reverse("organisation_new"))
    assert page.status_code == 200
    validate_html(page.content)
    response = client.post(
        reverse("organisation_new"),
        {
            "name": "Strikkecaféen",
            "kind": "association",
            "description": "Vi strikker og drikker kaffe.",
            "interests": ["crafts"],
            "ages": "adults",
            "postcode": "9000",
        },
    )
    club = Organisation.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "organisation_detail", args=[club.pk]
    )
    profile = client.get(response.url)
    validate_html(profile.content)
    assert "Strikkecaféen" in profile.content.decode()


def test_a_bad_form_keeps_what_was_typed_in_danish(client, citizen):
    client.force_login(citizen)
    response = client.post(
        reverse("organisation_new"), {"name": "Min klub", "postcode": "0000", "ages": "x"}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Min klub" in text and "postnummer" in text


def test_the_badge_names_the_municipality(client, citizen, moderator):
    club = make_organisation(citizen)
    application = services.apply_for_verification(applicant=citizen, organisation=club)
    services.decide_application(staff=moderator, application=application, approve=True)
    client.force_login(citizen)
    text = client.get(reverse("organisation_detail", args=[club.pk])).content.decode()
    assert "Godkendt af Aalborg Kommune" in text


def test_follow_and_unfollow(client, citizen, outsider):
    club = make_organisation(citizen)
    client.force_login(outsider)
    client.post(reverse("organisation_follow", args=[club.pk]))
    assert services.is_following(outsider, club)
    assert (
        "Stop med at følge"
        in client.get(reverse("organisation_detail", args=[club.pk])).content.decode()
    )
    client.post(reverse("organisation_unfollow", args=[club.pk]))
    assert not services.is_following(outsider, club)


def test_members_and_application_pages(client, citizen, outsider):
    club = make_organisation(citizen, ages="all")
    client.force_login(citizen)
    response = client.post(
        reverse("organisation_members", args=[club.pk]),
        {"email": outsider.email, "role": "member"},
    )
    assert response.status_code == 302
    page = client.get(reverse("organisation_members", args=[club.pk]))
    validate_html(page.content)
    assert "Ole" in page.content.decode()
    mine = club.memberships.get(user=citizen)
    client.post(reverse("organisation_propose_contact", args=[club.pk, mine.pk]))
    page = client.get(reverse("organisation_apply", args=[club.pk]))
    validate_html(page.content)
    client.post(reverse("organisation_apply", args=[club.pk]), {"note": "CVR 1234"})
    assert services.pending_application(club).note == "CVR 1234"


def test_the_staff_verify_from_the_queue(client, citizen, moderator):
    club = make_organisation(citizen, ages="youth")
    contact = services.propose_adult_contact(editor=citizen, organisation=club, member=citizen)
    application = services.apply_for_verification(applicant=citizen, organisation=club)
    sign_in_staff(client, moderator)
    queue = client.get(reverse("verification_queue"))
    validate_html(queue.content)
    assert club.name in queue.content.decode()
    page = client.get(reverse("verification_application", args=[application.pk]))
    validate_html(page.content)
    assert StaffAccess.objects.filter(staff=moderator, subject=citizen).exists()
    refused = client.post(
        reverse("verification_application", args=[application.pk]), {"decision": "approve"}
    )
    assert refused.status_code == 200  # the adult contact is not decided yet
    client.post(reverse("verification_contact", args=[contact.pk]), {"decision": "approve"})
    done = client.post(
        reverse("verification_application", args=[application.pk]), {"decision": "approve"}
    )
    assert done.status_code == 302
    club.refresh_from_db()
    assert club.is_verified


def test_a_refusal_without_reason_is_a_polite_error(client, citizen, moderator):
    club = make_organisation(citizen)
    application = services.apply_for_verification(applicant=citizen, organisation=club)
    sign_in_staff(client, moderator)
    response = client.post(
        reverse("verification_application", args=[application.pk]), {"decision": "refuse"}
    )
    assert response.status_code == 200
    assert "Skriv hvorfor" in response.content.decode()


def test_the_listing_filters_and_keeps_to_a_query_budget(
    client, citizen, moderator, django_assert_max_num_queries
):
    for n in range(12):
        club = make_organisation(citizen, name=f"Klub {n}", interests=["games"])
    make_organisation(citizen, name="Strikkecafé", interests=["crafts"])
    application = services.apply_for_verification(applicant=citizen, organisation=club)
    services.decide_application(staff=moderator, application=application, approve=True)
    client.force_login(citizen)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("organisation_list"))
    validate_html(page.content)
    assert "13 foreninger" in page.content.decode()
    text = client.get(reverse("organisation_list"), {"interest": "crafts"}).content.decode()
    assert "Strikkecafé" in text and "Klub 3" not in text
    text = client.get(reverse("organisation_list"), {"verified": "on"}).content.decode()
    assert "Klub 11" in text and "Strikkecafé" not in text


def test_my_organisations(client, citizen, outsider):
    club = make_organisation(citizen)
    services.follow(user=outsider, organisation=club)
    client.force_login(outsider)
    page = client.get(reverse("my_organisations"))
    validate_html(page.content)
    assert club.name in page.content.decode()


def test_a_moderator_removes_a_logo_from_the_profile_and_the_owner_reads_why(
    client, citizen, moderator, settings, tmp_path
):
    from tests.safety.test_uploads import png_bytes, upload

    settings.MEDIA_ROOT = tmp_path
    club = make_organisation(citizen)
    services.update_organisation(
        editor=citizen, organisation=club, fields={}, logo=upload(png_bytes())
    )
    sign_in_staff(client, moderator)
    page = client.get(reverse("organisation_detail", args=[club.pk]))
    validate_html(page.content)
    assert "Fjern logoet" in page.content.decode()
    client.post(reverse("verification_remove_logo", args=[club.pk]), {"reason": "Stødende"})
    client.force_login(citizen)
    text = client.get(reverse("organisation_detail", args=[club.pk])).content.decode()
    assert "Logo fjernet – Stødende" in text
    assert "Logo for" not in text


def test_a_logo_is_reported_hidden_by_three_and_seen_by_the_moderator(
    client, citizen, moderator, aalborg_postcode, settings, tmp_path
):
    from belong.safety.models import Report
    from tests.factories import UserFactory
    from tests.safety.test_uploads import png_bytes, upload

    settings.MEDIA_ROOT = tmp_path
    club = make_organisation(citizen)
    services.update_organisation(
        editor=citizen, organisation=club, fields={}, logo=upload(png_bytes())
    )
    for n in range(3):
        client.force_login(UserFactory(postcode=aalborg_postcode, display_name=f"Nabo {n}"))
        page = client.get(reverse("report_logo", args=[club.pk]))
        validate_html(page.content)
        assert "Logoet for" in page.content.decode()
        response = client.post(
            reverse("report_logo", args=[club.pk]), {"reason": "sexual", "details": "Grimt"}
        )
        assert response.status_code == 302
    report = Report.objects.filter(target="logo").first()
    assert report.reported == citizen
    club.refresh_from_db()
    assert not club.shows_logo  # hidden after three people reported it
    assert client.get(reverse("organisation_logo", args=[club.pk])).status_code == 404
    sign_in_staff(client, moderator)
    page = client.get(reverse("moderation_report", args=[report.pk]))
    validate_html(page.content)
    assert "En forenings logo" in page.content.decode()
