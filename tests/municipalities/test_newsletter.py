"""The monthly newsletter: consent recorded and withdrawable, written from a template, sent
once to each reader who said yes, in their language, and stopped with one click."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from belong.accounts.models import Consent
from belong.municipalities import newsletter as service
from belong.municipalities.local import (
    LOCAL_SECTIONS,
    LocalItem,
    LocalSection,
    register_local_section,
    save_announcement,
)
from belong.municipalities.models import Newsletter, NewsletterDelivery
from belong.municipalities.tasks import deliver_newsletter
from tests.factories import LicenceFactory, MunicipalityFactory, PostcodeFactory, UserFactory
from tests.html import validate_html
from tests.staff import make_staff, sign_in_staff


@pytest.fixture
def admin(aalborg, aalborg_postcode):
    return make_staff(aalborg, "administrator", display_name="Mette", postcode=aalborg_postcode)


@pytest.fixture
def readers(aalborg_postcode):
    """Anne reads Danish, John English; Ole said nothing; Lis lives in Aarhus."""
    anne = UserFactory(email="anne@example.dk", display_name="Anne", postcode=aalborg_postcode)
    john = UserFactory(email="john@example.dk", display_name="John", postcode=aalborg_postcode)
    UserFactory(email="ole@example.dk", display_name="Ole", postcode=aalborg_postcode)
    aarhus = MunicipalityFactory(code=751, name="Aarhus")
    LicenceFactory(municipality=aarhus)
    lis = UserFactory(
        email="lis@example.dk", postcode=PostcodeFactory(code="8000", municipality=aarhus)
    )
    for user, language in ((anne, "da"), (john, "en"), (lis, "da")):
        service.give_consent(user=user, language=language, via="profile")
    return {"anne": anne, "john": john}


@pytest.fixture
def newsletter(admin, aalborg):
    letter = service.start_newsletter(
        administrator=admin, municipality=aalborg, month=timezone.localdate()
    )
    return service.update_newsletter(
        administrator=admin,
        newsletter=letter,
        subject_da="Nyt fra Aalborg",
        body_da="Hej! Der er julehygge på biblioteket.",
        subject_en="News from Aalborg",
        body_en="Hello! There is a Christmas gathering at the library.",
    )


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    # The task runs as soon as it is enqueued (after the commit), in this test's transaction;
    # the browser test (tests/browser/test_newsletter_journey.py) uses the real worker.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def run_task_again(newsletter):
    deliver_newsletter.enqueue(newsletter.pk)


def send(admin, newsletter, capture):
    with capture(execute=True):
        return service.send_newsletter(administrator=admin, newsletter=newsletter)


# --- Consent -------------------------------------------------------------------------------


def test_saying_yes_on_the_profile_records_the_words_version_time_and_way(client, citizen):
    client.force_login(citizen)
    page = client.get(reverse("profile")).content.decode()
    validate_html(page)
    assert "Ja tak, send mig min kommunes nyhedsbrev" in page
    response = client.post(reverse("newsletter_subscribe"), {"language": "en"})
    assert response.status_code == 302
    consent = Consent.objects.filter(purpose="newsletter").get(user=citizen)
    assert consent.wording.startswith("Yes, send me my municipality's newsletter")
    assert consent.version == service.CONSENT_VERSION
    assert (consent.language, consent.given_via, consent.withdrawn_at) == ("en", "profile", None)
    assert consent.given_at is not None
    page = client.get(reverse("profile")).content.decode()
    assert "Du får nyhedsbrevet en gang om måneden, på engelsk" in page


def test_withdrawing_on_the_profile_keeps_the_record_and_stops_the_newsletter(client, citizen):
    service.give_consent(user=citizen, language="da", via="profile")
    client.force_login(citizen)
    client.post(reverse("newsletter_withdraw"))
    consent = Consent.objects.filter(purpose="newsletter").get(user=citizen)
    assert consent.withdrawn_at is not None and consent.withdrawn_via == "profile"
    # Saying yes again is a new record; the old one stays as history.
    client.post(reverse("newsletter_subscribe"), {"language": "da"})
    assert Consent.objects.filter(purpose="newsletter").filter(user=citizen).count() == 2
    assert service.open_consent(citizen).given_via == "profile"


def test_a_bad_language_or_no_e_mail_is_refused_politely(client, citizen, aalborg_postcode):
    client.force_login(citizen)
    response = client.post(reverse("newsletter_subscribe"), {"language": "xx"}, follow=True)
    assert "Vælg dansk eller engelsk." in response.content.decode()
    grethe = UserFactory(email=None, verified=False, postcode=aalborg_postcode)
    client.force_login(grethe)
    page = client.get(reverse("profile")).content.decode()
    assert "Nyhedsbrevet kommer på e-mail" in page
    response = client.post(reverse("newsletter_subscribe"), {"language": "da"}, follow=True)
    assert "ingen e-mailadresse" in response.content.decode()
    assert not Consent.objects.filter(purpose="newsletter").exists()


# --- Writing -------------------------------------------------------------------------------


def test_the_template_holds_the_months_announcements_and_local_sections(admin, aalborg):
    now = timezone.now()
    save_announcement(
        administrator=admin,
        municipality=aalborg,
        title="Julehygge på biblioteket",
        body="Kom og vær med.",
        starts_at=now,
        ends_at=now + datetime.timedelta(days=2),
    )

    def walks(viewer, municipality, start, end):
        return [LocalItem(title="Gåtur ved fjorden", url="https://belong.example/a/1/", when=now)]

    register_local_section(LocalSection(key="test-walks", heading="Aktiviteter", items=walks))
    try:
        letter = service.start_newsletter(
            administrator=admin, municipality=aalborg, month=timezone.localdate()
        )
    finally:
        LOCAL_SECTIONS.pop("test-walks")
    assert letter.month == timezone.localdate().replace(day=1)
    assert letter.subject_da.startswith("Nyt fra Aalborg Kommune på Belong")
    assert "Julehygge på biblioteket" in letter.body_da and "Gåtur ved fjorden" in letter.body_da
    assert "Venlig hilsen" in letter.body_da
    assert "Kind regards" in letter.body_en and "Julehygge på biblioteket" in letter.body_en
    # Asking for the same month again opens the same newsletter.
    again = service.start_newsletter(
        administrator=admin, municipality=aalborg, month=timezone.localdate()
    )
    assert again.pk == letter.pk


def test_the_administrator_writes_it_on_the_staff_pages(client, admin, aalborg):
    sign_in_staff(client, admin)
    url = reverse("newsletter_list", args=[aalborg.pk])
    validate_html(client.get(url).content)
    month = timezone.localdate().replace(day=1).isoformat()
    response = client.post(url, {"month": month})
    letter = Newsletter.objects.get()
    assert response["Location"] == reverse("newsletter_edit", args=[letter.pk])
    edit = reverse("newsletter_edit", args=[letter.pk])
    validate_html(client.get(edit).content)
    response = client.post(edit, {"subject_da": "", "body_da": "Min tekst"})
    assert response.status_code == 200 and "Min tekst" in response.content.decode()
    client.post(
        edit, {"subject_da": "December", "body_da": "Min tekst", "subject_en": "", "body_en": ""}
    )
    letter.refresh_from_db()
    assert (letter.subject_da, letter.body_da, letter.body_en) == ("December", "Min tekst\n", "")
    # A month nobody offered is refused politely.
    response = client.post(url, {"month": "1826-01-01"})
    assert (
        response.status_code == 200 and "Marker en gyldig valgmulighed" in response.content.decode()
    )


def test_the_newsletter_list_has_a_fixed_query_budget(
    client, admin, aalborg, django_assert_max_num_queries
):
    for n in range(12):
        Newsletter.objects.create(
            municipality=aalborg,
            month=datetime.date(2025, 1, 1) + datetime.timedelta(days=31 * n),
            subject_da=f"Brev {n}",
            body_da="x",
        )
    sign_in_staff(client, admin)
    url = reverse("newsletter_list", args=[aalborg.pk])
    client.get(url)
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert response.content.decode().count("Brev ") == 12


# --- Sending -------------------------------------------------------------------------------


def test_it_goes_once_to_each_reader_who_said_yes_in_their_language(
    admin, newsletter, readers, mailoutbox, django_capture_on_commit_callbacks
):
    assert send(admin, newsletter, django_capture_on_commit_callbacks)
    by_address = {mail.to[0]: mail for mail in mailoutbox}
    assert set(by_address) == {"anne@example.dk", "john@example.dk"}  # not Ole, not Aarhus
    danish, english = by_address["anne@example.dk"], by_address["john@example.dk"]
    assert danish.subject == "Nyt fra Aalborg" and "julehygge" in danish.body
    assert "Stop nyhedsbrevet med ét klik" in danish.body
    assert english.subject == "News from Aalborg" and "Christmas" in english.body
    assert "Stop the newsletter with one click" in english.body
    for mail, user in ((danish, readers["anne"]), (english, readers["john"])):
        link = service.unsubscribe_url(user)
        assert mail.extra_headers["List-Unsubscribe"] == f"<{link}>"
        assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert link in mail.body
        assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in mail.message().as_string()
    newsletter.refresh_from_db()
    assert newsletter.sent_at is not None and newsletter.sent_by == admin

    # Pressing send again, and the task running again, sends nobody a second copy.
    assert not send(admin, newsletter, django_capture_on_commit_callbacks)
    service.deliver(newsletter.pk)
    run_task_again(newsletter)
    assert len(mailoutbox) == 2
    assert NewsletterDelivery.objects.filter(newsletter=newsletter).count() == 2


def test_a_reader_who_said_yes_after_sending_gets_it_once_when_it_runs_again(
    admin, newsletter, readers, mailoutbox, aalborg_postcode, django_capture_on_commit_callbacks
):
    send(admin, newsletter, django_capture_on_commit_callbacks)
    late = UserFactory(email="sen@example.dk", postcode=aalborg_postcode)
    service.give_consent(user=late, language="da", via="profile")
    run_task_again(newsletter)
    service.deliver(newsletter.pk)
    assert [m.to[0] for m in mailoutbox].count("sen@example.dk") == 1
    assert len(mailoutbox) == 3


def test_a_reader_who_said_no_before_the_copy_went_gets_none(
    admin, newsletter, readers, mailoutbox
):
    Newsletter.objects.filter(pk=newsletter.pk).update(send_requested_at=timezone.now())
    service.prepare_deliveries(newsletter)
    service.withdraw_consent(user=readers["john"], via="profile")
    service.deliver(newsletter.pk)
    assert [m.to[0] for m in mailoutbox] == ["anne@example.dk"]


def test_a_sent_newsletter_can_no_longer_be_changed(
    client, admin, newsletter, django_capture_on_commit_callbacks
):
    send(admin, newsletter, django_capture_on_commit_callbacks)
    sign_in_staff(client, admin)
    edit = reverse("newsletter_edit", args=[newsletter.pk])
    page = client.get(edit).content.decode()
    validate_html(page)
    assert "Bliver sendt" in page or "Sendt" in page
    response = client.post(edit, {"subject_da": "Ændret", "body_da": "Ændret"})
    assert "kan ikke længere ændres" in response.content.decode()
    newsletter.refresh_from_db()
    assert newsletter.subject_da == "Nyt fra Aalborg"


def test_the_send_button_sends_from_the_staff_page(
    client, admin, newsletter, readers, mailoutbox, django_capture_on_commit_callbacks
):
    sign_in_staff(client, admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("newsletter_send", args=[newsletter.pk]), follow=True)
    assert "Nyhedsbrevet er på vej" in response.content.decode()
    assert len(mailoutbox) == 2


# --- Unsubscribing -------------------------------------------------------------------------


def test_one_click_unsubscribe_needs_no_login_and_no_csrf_token(readers):
    anne = readers["anne"]
    mail_program = Client(enforce_csrf_checks=True)
    url = reverse("newsletter_unsubscribe", args=[service.unsubscribe_token(anne)])
    response = mail_program.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    consent = Consent.objects.filter(purpose="newsletter").get(user=anne)
    assert consent.withdrawn_at is not None and consent.withdrawn_via == "one_click"
    # Twice is as once.
    assert mail_program.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200


def test_the_link_opens_a_confirmation_page_that_changes_nothing_until_pressed(client, readers):
    john = readers["john"]
    url = reverse("newsletter_unsubscribe", args=[service.unsubscribe_token(john)])
    page = client.get(url).content.decode()
    validate_html(page)
    assert "Stop nyhedsbrevet" in page
    assert service.open_consent(john) is not None
    response = client.post(url)
    validate_html(response.content)
    assert "Nyhedsbrevet er stoppet" in response.content.decode()
    assert Consent.objects.filter(purpose="newsletter").get(user=john).withdrawn_via == "email_link"
    assert "Du får ikke længere nyhedsbrevet" in client.get(url).content.decode()


@pytest.mark.parametrize("token", ["nonsense", "1:abc", "x" * 300])
def test_a_forged_or_broken_token_is_a_polite_404_that_changes_nothing(client, readers, token):
    response = client.post(reverse("newsletter_unsubscribe", args=[token]))
    assert response.status_code == 404
    assert "Linket virker ikke" in response.content.decode()
    assert (
        Consent.objects.filter(purpose="newsletter").filter(withdrawn_at__isnull=True).count() == 3
    )


def test_a_token_for_another_purpose_does_not_unsubscribe(client, readers):
    from django.core import signing

    anne = readers["anne"]
    other = signing.dumps(anne.pk, salt="something-else")
    response = client.post(reverse("newsletter_unsubscribe", args=[other]))
    assert response.status_code == 404
    assert service.open_consent(anne) is not None


def test_a_readers_consents_and_copies_are_in_their_export_and_erased_with_them(
    admin, newsletter, readers, mailoutbox, django_capture_on_commit_callbacks
):
    from belong.accounts import privacy as accounts_privacy
    from belong.municipalities import privacy

    anne = readers["anne"]
    send(admin, newsletter, django_capture_on_commit_callbacks)
    service.withdraw_consent(user=anne, via="one_click")
    data = privacy.export(anne)
    consents = accounts_privacy.export(anne)["consents"]
    assert consents[0]["purpose"] == "newsletter"
    assert consents[0]["withdrawn_via"] == "one_click"
    assert consents[0]["wording"].startswith("Ja tak")
    assert len(data["newsletters_received"]) == 1
    privacy.erase(anne)
    accounts_privacy.erase(anne)
    assert not Consent.objects.filter(purpose="newsletter").filter(user=anne).exists()
    assert not NewsletterDelivery.objects.filter(user=anne).exists()
    assert NewsletterDelivery.objects.filter(user=readers["john"]).exists()


def test_a_suspended_reader_signed_in_can_still_stop_it_from_the_link(client, readers):
    anne = readers["anne"]
    anne.suspended_until = timezone.now() + datetime.timedelta(days=3)
    anne.save(update_fields=["suspended_until"])
    client.force_login(anne)
    url = reverse("newsletter_unsubscribe", args=[service.unsubscribe_token(anne)])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 200
    assert service.open_consent(anne) is None
