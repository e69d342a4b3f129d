"""Staff pages: the moderation queue, decisions, appeals, settings, the log, birth dates."""

import datetime

import pytest
from django.urls import reverse

from belong.core.models import StaffAccess
from belong.moderation import services as moderation
from belong.moderation.services import act_on_report, report_content
from belong.municipalities.models import StaffRole
from belong.posts.models import Status
from belong.safety.models import ModerationAction, Report
from tests.factories import MunicipalityFactory, PostcodeFactory, UserFactory, make_post
from tests.html import validate_html
from tests.staff import make_staff, sign_in_staff

Role = StaffRole.Role


@pytest.fixture
def copenhagen_moderator(db):
    return make_staff(MunicipalityFactory(code=101, name="København"), Role.MODERATOR)


def test_the_queue_needs_a_moderator_with_a_second_factor(client, readers, moderator):
    url = reverse("moderation_queue")
    client.force_login(readers[0])
    assert client.get(url).status_code == 404
    sign_in_staff(client, moderator, second_factor=False)
    assert client.get(url)["Location"].startswith(reverse("mfa_reauthenticate"))
    sign_in_staff(client, moderator)
    assert client.get(url).status_code == 200


def test_the_queue_shows_urgent_reports_first_with_the_guidance(
    client, aalborg, citizen, readers, post, moderator
):
    settings = moderation.moderation_settings_for(aalborg)
    settings.guidance = "Ring til Aalborgs vagt på 9931 3131."
    settings.save()
    report_content(reporter=readers[0], target="post", obj=post, reason="scam")
    report_content(reporter=readers[1], target="profile", obj=citizen, reason="minor_at_risk")
    sign_in_staff(client, moderator)
    html = client.get(reverse("moderation_queue")).content.decode()
    validate_html(html)
    assert html.index("Et barn eller en ung kan være i fare") < html.index("Svindel")
    assert "Ring til Aalborgs vagt på 9931 3131." in html


def test_the_queue_keeps_its_query_budget(
    client, aalborg_postcode, citizen, moderator, django_assert_max_num_queries
):
    reporters = [UserFactory(postcode=aalborg_postcode) for _ in range(12)]
    posts = [make_post(citizen, title=f"Opslag {i}") for i in range(4)]
    for i, reporter in enumerate(reporters):
        report_content(
            reporter=reporter,
            target="post",
            obj=posts[i % 4],
            reason=["scam", "self_harm", "harassment"][i % 3],
        )
    sign_in_staff(client, moderator)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("moderation_queue"))
    assert response.content.decode().count("<tr") == 13


def test_another_municipalitys_moderator_sees_nothing_and_gets_404(
    client, readers, post, copenhagen_moderator
):
    report = report_content(reporter=readers[0], target="post", obj=post, reason="scam")
    sign_in_staff(client, copenhagen_moderator)
    assert "Svindel" not in client.get(reverse("moderation_queue")).content.decode()
    for name in ("moderation_report",):
        assert client.get(reverse(name, args=[report.pk])).status_code == 404
    for name in ("moderation_assign", "moderation_act"):
        response = client.post(reverse(name, args=[report.pk]), {"kind": "ban", "reason": "x"})
        assert response.status_code == 404
    aalborg_pk = report.municipality_id
    response = client.get(reverse("moderation_queue"), {"kommune": aalborg_pk})
    assert response.status_code == 404
    assert not ModerationAction.objects.exists()


def test_a_reported_message_is_read_on_the_report_page_and_logged(
    client, citizen, readers, conversation, moderator
):
    message = conversation.messages.get()
    report = report_content(reporter=citizen, target="message", obj=message, reason="harassment")
    sign_in_staff(client, moderator)
    html = client.get(reverse("moderation_report", args=[report.pk])).content.decode()
    validate_html(html)
    assert "Du er dum" in html
    actions = set(StaffAccess.objects.values_list("action", flat=True))
    assert actions == {f"reported_message:{message.pk}", "profile"}
    assert StaffAccess.objects.filter(subject=readers[0], staff=moderator).count() == 2


def test_a_profile_report_shows_no_private_message(
    client, citizen, readers, conversation, moderator
):
    report = report_content(reporter=citizen, target="profile", obj=readers[0], reason="other")
    sign_in_staff(client, moderator)
    html = client.get(reverse("moderation_report", args=[report.pk])).content.decode()
    assert "Du er dum" not in html
    assert list(StaffAccess.objects.values_list("action", flat=True)) == ["profile"]


def test_a_moderator_assigns_and_decides_on_the_page(
    client, aalborg, citizen, readers, post, moderator
):
    colleague = make_staff(aalborg, Role.MODERATOR, display_name="Kim")
    report = report_content(reporter=readers[0], target="post", obj=post, reason="harassment")
    sign_in_staff(client, moderator)
    client.post(reverse("moderation_assign", args=[report.pk]), {"assignee": colleague.pk})
    assert Report.objects.get().assignee == colleague

    failed = client.post(
        reverse("moderation_act", args=[report.pk]),
        {"kind": "suspend", "reason": "Grimt", "days": ""},
    )
    assert failed.status_code == 400
    html = failed.content.decode()
    assert "Vælg hvor mange dage" in html
    assert "Grimt" in html
    done = client.post(
        reverse("moderation_act", args=[report.pk]), {"kind": "hide", "reason": "Grimt sprog"}
    )
    assert done.status_code == 302
    post.refresh_from_db()
    assert post.status == Status.HIDDEN
    action = ModerationAction.objects.get()
    assert (action.moderator, action.kind, action.reason) == (moderator, "hide", "Grimt sprog")


def test_an_appeal_is_decided_on_its_page(client, citizen, readers, post, moderator):
    report = report_content(reporter=readers[0], target="post", obj=post, reason="harassment")
    action = act_on_report(moderator=moderator, report=report, kind="hide", reason="Nej")
    appeal = moderation.appeal_action(user=citizen, action=action, text="Det var en fejl")
    sign_in_staff(client, moderator)
    queue = client.get(reverse("moderation_queue")).content.decode()
    url = reverse("moderation_appeal", args=[appeal.pk])
    assert url in queue
    html = client.get(url).content.decode()
    validate_html(html)
    assert "Det var en fejl" in html
    client.post(url, {"decision": "grant", "reason": "Du har ret"})
    post.refresh_from_db()
    assert post.status == Status.PUBLISHED
    assert StaffAccess.objects.filter(action="appeal", subject=citizen).exists()


def test_another_municipalitys_moderator_cannot_open_an_appeal(
    client, citizen, readers, post, moderator, copenhagen_moderator
):
    report = report_content(reporter=readers[0], target="post", obj=post, reason="harassment")
    action = act_on_report(moderator=moderator, report=report, kind="warn", reason="Nej")
    appeal = moderation.appeal_action(user=citizen, action=action, text="Fejl")
    sign_in_staff(client, copenhagen_moderator)
    assert client.get(reverse("moderation_appeal", args=[appeal.pk])).status_code == 404


def test_the_administrator_edits_the_guidance_and_word_list(
    client, aalborg, administrator, moderator
):
    url = reverse("moderation_settings", args=[aalborg.pk])
    sign_in_staff(client, moderator)
    assert client.get(url).status_code == 404
    sign_in_staff(client, administrator)
    html = client.get(url).content.decode()
    validate_html(html)
    assert "Ring 112" in html  # the Danish default
    client.post(url, {"guidance": "Ring til vagten.", "word_list": "hash\nkokain"})
    settings = moderation.moderation_settings_for(aalborg)
    assert settings.words == ["hash", "kokain"]
    other = MunicipalityFactory(code=101)
    assert client.get(reverse("moderation_settings", args=[other.pk])).status_code == 404


def test_the_administrator_reads_the_staff_access_log_read_only(
    client, aalborg, citizen, administrator, moderator
):
    from belong.core.access_log import record_staff_access

    record_staff_access(staff=moderator, subject=citizen, action="profile", reason="report:1")
    url = reverse("access_log", args=[aalborg.pk])
    sign_in_staff(client, moderator)
    assert client.get(url).status_code == 404
    sign_in_staff(client, administrator)
    html = client.get(url).content.decode()
    validate_html(html)
    assert "Mona Moderator" in html and "report:1" in html
    assert client.post(url).status_code == 405
    other = MunicipalityFactory(code=101)
    assert client.get(reverse("access_log", args=[other.pk])).status_code == 404


def test_the_administrator_corrects_a_birth_date_and_it_is_logged(client, citizen, administrator):
    url = reverse("staff_birth_date", args=[citizen.pk])
    sign_in_staff(client, administrator)
    validate_html(client.get(url).content)
    assert StaffAccess.objects.get().action == "birth_date"
    too_young = client.post(url, {"birth_date": "2024-01-01", "reason": "Tastefejl"})
    assert "Belong er for folk på 13 år" in too_young.content.decode()
    client.post(url, {"birth_date": "1990-05-17", "reason": "Tastefejl ved oprettelse"})
    citizen.refresh_from_db()
    assert citizen.birth_date == datetime.date(1990, 5, 17)
    row = StaffAccess.objects.order_by("-pk").first()
    assert row.reason == "Tastefejl ved oprettelse"
    assert row.action.startswith("birth_date_corrected:")


def test_a_birth_date_outside_the_administrators_municipality_gives_404(client, administrator):
    elsewhere = UserFactory(postcode=PostcodeFactory(code="2100"))
    sign_in_staff(client, administrator)
    assert client.get(reverse("staff_birth_date", args=[elsewhere.pk])).status_code == 404
    moderator_only = make_staff(elsewhere.postcode.municipality, Role.MODERATOR)
    sign_in_staff(client, moderator_only)
    assert client.get(reverse("staff_birth_date", args=[elsewhere.pk])).status_code == 404


def test_the_administrator_finds_a_citizen_of_their_municipality_by_email(
    client, aalborg, citizen, administrator, moderator
):
    url = reverse("find_citizen", args=[aalborg.pk])
    sign_in_staff(client, moderator)
    assert client.get(url).status_code == 404
    sign_in_staff(client, administrator)
    validate_html(client.get(url).content)
    found = client.get(url, {"email": "ANNE@example.dk"})
    assert found["Location"] == reverse("staff_birth_date", args=[citizen.pk])
    elsewhere = UserFactory(email="ole@example.dk", postcode=PostcodeFactory(code="2100"))
    html = client.get(url, {"email": elsewhere.email}).content.decode()
    assert "Ingen borger i kommunen" in html
