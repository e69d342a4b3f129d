"""Moderators' decisions, notices, appeals, restrictions, the word list and the log."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from belong.core.models import StaffAccess
from belong.messaging.services import start_conversation
from belong.moderation import services as moderation
from belong.moderation.services import act_on_report, report_content
from belong.municipalities.models import StaffRole
from belong.posts.models import Status
from belong.safety.models import (
    ActionKind,
    Appeal,
    ModerationAction,
    Notice,
    Report,
    ReportReason,
    ReportStatus,
)
from tests.factories import MunicipalityFactory, PostcodeFactory, UserFactory, make_post
from tests.staff import make_staff


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def reported_post(readers, post):
    return report_content(reporter=readers[0], target="post", obj=post, reason="harassment")


def test_dismissing_shows_auto_hidden_content_again_and_closes_every_report(
    readers, post, moderator
):
    for reader in readers:
        report = report_content(reporter=reader, target="post", obj=post, reason="scam")
    post.refresh_from_db()
    assert post.status == Status.HIDDEN
    action = act_on_report(moderator=moderator, report=report, kind="dismiss", reason="")
    post.refresh_from_db()
    assert post.status == Status.PUBLISHED
    assert not Report.objects.filter(status=ReportStatus.OPEN).exists()
    assert action.kind == ActionKind.DISMISS
    assert not Notice.objects.exists()  # nothing to tell the author


def test_hiding_a_post_records_the_action_and_tells_the_author(
    django_capture_on_commit_callbacks, immediate_tasks, citizen, reported_post, post, moderator
):
    with django_capture_on_commit_callbacks(execute=True):
        action = act_on_report(
            moderator=moderator, report=reported_post, kind="hide", reason="Krænkende sprog"
        )
    post.refresh_from_db()
    assert post.status == Status.HIDDEN
    assert (action.moderator, action.subject, action.kind) == (moderator, citizen, "hide")
    notice = Notice.objects.get()
    assert (notice.user, notice.action) == (citizen, action)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [citizen.email]
    assert "Krænkende sprog" in mail.outbox[0].body


def test_no_mail_leaves_before_the_decision_is_committed(
    django_capture_on_commit_callbacks, immediate_tasks, reported_post, moderator
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        act_on_report(moderator=moderator, report=reported_post, kind="warn", reason="Pas på")
    assert len(mail.outbox) == 0
    assert len(callbacks) == 1


def test_the_audit_rows_are_append_only(reported_post, moderator):
    action = act_on_report(moderator=moderator, report=reported_post, kind="warn", reason="Stop")
    with pytest.raises(PermissionError):
        action.save()
    with pytest.raises(PermissionError):
        action.delete()
    with pytest.raises(PermissionError):
        ModerationAction.objects.update(reason="x")
    with pytest.raises(PermissionError):
        ModerationAction.objects.all().delete()


def test_every_decision_but_dismiss_needs_a_reason(reported_post, moderator):
    for kind in ("hide", "warn", "suspend", "ban"):
        with pytest.raises(ValidationError):
            act_on_report(moderator=moderator, report=reported_post, kind=kind, reason=" ")
    with pytest.raises(ValidationError):
        act_on_report(moderator=moderator, report=reported_post, kind="delete", reason="x")


def test_a_profile_cannot_be_hidden(readers, citizen, moderator):
    report = report_content(reporter=readers[0], target="profile", obj=citizen, reason="other")
    with pytest.raises(ValidationError):
        act_on_report(moderator=moderator, report=report, kind="hide", reason="x")


def test_a_suspension_lasts_the_chosen_days_and_a_ban_for_good(
    readers, citizen, reported_post, moderator
):
    now = timezone.now()
    other_post = make_post(citizen, title="Et andet opslag")
    with pytest.raises(ValidationError):
        act_on_report(moderator=moderator, report=reported_post, kind="suspend", reason="x", days=0)
    action = act_on_report(
        moderator=moderator, report=reported_post, kind="suspend", reason="Chikane", days=7, now=now
    )
    citizen.refresh_from_db()
    assert citizen.suspended_until == now + datetime.timedelta(days=7) == action.until
    assert citizen.is_restricted(now + datetime.timedelta(days=6))
    assert not citizen.is_restricted(now + datetime.timedelta(days=8))
    # Nobody writes to someone who cannot answer: their posts pause.
    other_post.refresh_from_db()
    assert other_post.status == Status.PAUSED

    again = report_content(reporter=readers[1], target="profile", obj=citizen, reason="other")
    act_on_report(moderator=moderator, report=again, kind="ban", reason="Gentaget chikane")
    citizen.refresh_from_db()
    assert citizen.is_restricted(now + datetime.timedelta(days=1000))


def test_a_decided_report_is_not_decided_twice(reported_post, moderator):
    act_on_report(moderator=moderator, report=reported_post, kind="warn", reason="Stop")
    with pytest.raises(ValidationError):
        act_on_report(moderator=moderator, report=reported_post, kind="ban", reason="Stop")


def test_moderators_of_another_municipality_cannot_act(reported_post):
    other = MunicipalityFactory(code=101, name="København")
    stranger = make_staff(other, StaffRole.Role.MODERATOR)
    with pytest.raises(Http404):
        act_on_report(moderator=stranger, report=reported_post, kind="warn", reason="x")
    with pytest.raises(Http404):
        moderation.get_report_for_moderator(stranger, reported_post.pk)
    assert list(moderation.queue_for(stranger)) == []


def test_the_queue_shows_urgent_reports_first_then_the_oldest(readers, citizen, post, moderator):
    now = timezone.now()
    older = report_content(
        reporter=readers[0], target="post", obj=post, reason="scam", now=now - datetime.timedelta(1)
    )
    urgent = report_content(reporter=readers[1], target="profile", obj=citizen, reason="self_harm")
    newer = report_content(reporter=readers[2], target="profile", obj=citizen, reason="other")
    assert list(moderation.queue_for(moderator)) == [urgent, older, newer]


def test_assignment_only_to_a_moderator_of_the_municipality(aalborg, reported_post, moderator):
    colleague = make_staff(aalborg, StaffRole.Role.MODERATOR)
    analyst = make_staff(aalborg, StaffRole.Role.ANALYST)
    moderation.assign_report(report=reported_post, assignee=colleague, by=moderator)
    assert Report.objects.get().assignee == colleague
    with pytest.raises(ValidationError):
        moderation.assign_report(report=reported_post, assignee=analyst, by=moderator)


def test_a_citizen_appeals_once_and_the_appeal_goes_into_the_queue(
    citizen, readers, reported_post, post, moderator
):
    action = act_on_report(moderator=moderator, report=reported_post, kind="hide", reason="Nej")
    with pytest.raises(Http404):
        moderation.appeal_action(user=readers[0], action=action, text="Mig?")
    with pytest.raises(ValidationError):
        moderation.appeal_action(user=citizen, action=action, text="  ")
    appeal = moderation.appeal_action(user=citizen, action=action, text="Det var en spøg")
    with pytest.raises(ValidationError):
        moderation.appeal_action(user=citizen, action=action, text="Igen")
    assert list(moderation.open_appeals_for(moderator)) == [appeal]

    moderation.decide_appeal(moderator=moderator, appeal=appeal, grant=True, reason="Rimeligt")
    post.refresh_from_db()
    assert post.status == Status.PUBLISHED
    assert Appeal.objects.get().status == "granted"
    assert list(moderation.open_appeals_for(moderator)) == []
    kinds = list(Notice.objects.order_by("pk").values_list("action__kind", flat=True))
    assert kinds == ["hide", "appeal_granted"]
    assert not moderation.may_appeal(ModerationAction.objects.get(kind="appeal_granted"))


def test_a_granted_appeal_lifts_a_ban(citizen, reported_post, moderator):
    action = act_on_report(moderator=moderator, report=reported_post, kind="ban", reason="Nej")
    appeal = moderation.appeal_action(user=citizen, action=action, text="Forkert person")
    moderation.decide_appeal(moderator=moderator, appeal=appeal, grant=True, reason="Ja")
    citizen.refresh_from_db()
    assert not citizen.is_restricted()


def test_an_upheld_appeal_keeps_the_ban(citizen, reported_post, moderator):
    action = act_on_report(moderator=moderator, report=reported_post, kind="ban", reason="Nej")
    appeal = moderation.appeal_action(user=citizen, action=action, text="Forkert person")
    moderation.decide_appeal(moderator=moderator, appeal=appeal, grant=False, reason="Nej")
    citizen.refresh_from_db()
    assert citizen.is_restricted()


def test_a_moderator_reads_a_message_only_through_its_report_and_it_is_logged(
    citizen, readers, conversation, moderator
):
    message = conversation.messages.get()
    report = report_content(reporter=citizen, target="message", obj=message, reason="harassment")
    read = moderation.read_reported_message(moderator=moderator, report=report)
    assert read == message
    row = StaffAccess.objects.get()
    assert (row.staff, row.subject, row.action, row.reason) == (
        moderator,
        readers[0],
        f"reported_message:{message.pk}",
        f"report:{report.pk}",
    )
    profile_report = report_content(
        reporter=citizen, target="profile", obj=readers[0], reason="other"
    )
    assert moderation.read_reported_message(moderator=moderator, report=profile_report) is None
    assert StaffAccess.objects.count() == 1


# --- The word list ---------------------------------------------------------------------------


@pytest.fixture
def word_list(aalborg):
    settings = moderation.moderation_settings_for(aalborg)
    settings.word_list = "hash\nkøb billigt\n"
    settings.save()
    return settings


def test_the_default_guidance_is_danish(aalborg):
    assert "Ring 112" in moderation.moderation_settings_for(aalborg).guidance


def test_a_post_with_a_listed_word_is_flagged_but_published(citizen, word_list):
    post = make_post(citizen, title="Hygge", body="Vi ryger HASH sammen?")
    assert post.status == Status.PUBLISHED
    flag = Report.objects.get()
    assert (flag.reporter, flag.reason, flag.target, flag.target_id) == (
        None,
        ReportReason.WORD_LIST,
        "post",
        post.pk,
    )
    assert flag.details == "hash"


def test_words_match_whole_words_only(citizen, word_list):
    make_post(citizen, title="Hashtag-kursus", body="Vi lærer om hashtags.")
    assert not Report.objects.exists()


def test_drafts_are_not_flagged(citizen, word_list):
    make_post(citizen, publish=False, title="Hash", body="Hash")
    assert not Report.objects.exists()


def test_a_first_message_with_a_listed_word_is_flagged_but_sent(citizen, readers, word_list):
    post = make_post(citizen)
    message = start_conversation(
        sender=readers[0], post=post, body="Køb billigt her", client_token="tok-word-1"
    )
    flag = Report.objects.get()
    assert (flag.reported, flag.target, flag.target_id) == (readers[0], "message", message.pk)


def test_another_municipalitys_word_list_does_not_apply(citizen, word_list):
    other = PostcodeFactory(code="2100", municipality=MunicipalityFactory(code=101))
    elsewhere = UserFactory(postcode=other)
    from belong.places.models import Licence

    Licence.objects.create(municipality=other.municipality, starts_on=datetime.date(2020, 1, 1))
    make_post(elsewhere, title="Hash", body="hash")
    assert not Report.objects.exists()


def test_the_audit_outlives_the_reporters_account(readers, reported_post, moderator):
    action = act_on_report(moderator=moderator, report=reported_post, kind="warn", reason="Stop")
    readers[0].delete()
    action = ModerationAction.objects.get(pk=action.pk)
    assert action.reason == "Stop"
    assert Report.objects.get().reporter is None


def test_reading_the_settings_writes_nothing_until_they_are_saved(aalborg):
    from belong.safety.models import ModerationSettings

    settings = moderation.moderation_settings_for(aalborg)
    assert not ModerationSettings.objects.exists()
    settings.word_list = "hash"
    settings.save()
    assert moderation.moderation_settings_for(aalborg).word_list == "hash"
