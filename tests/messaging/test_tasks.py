"""Reminders after 2 days, closure after 7, pausing silent authors, and e-mails sent exactly
once through the outbox, with time injected and the real task worker."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from belong.messaging import closure, notifications, responsiveness, services
from belong.messaging.models import (
    ConversationStatus,
    EmailMode,
    Message,
    MessageKind,
    Outbox,
)
from belong.messaging.tasks import render_email, send_outbox_email
from belong.posts.models import Status
from tests.factories import UserFactory, make_post

DAY = datetime.timedelta(days=1)


def write(sender, post, now, n=0):
    return services.start_conversation(
        sender=sender,
        post=post,
        body="Hej! Må jeg gå med?",
        client_token=f"task-{n}-{sender.pk}",
        now=now,
    ).conversation


def run_worker():
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def test_the_recipient_is_reminded_once_after_two_days(client, bo, citizen, post):
    start = timezone.now() - 3 * DAY
    conversation = write(bo, post, start)
    assert closure.send_reminders(now=start + DAY) == []
    assert closure.send_reminders(now=start + 2 * DAY + datetime.timedelta(minutes=1)) == [
        conversation.pk
    ]
    assert closure.send_reminders(now=start + 3 * DAY) == []
    assert Outbox.objects.filter(kind="reminder", recipient=citizen).count() == 1
    # On the site too: the inbox says someone is waiting.
    client.force_login(citizen)
    assert "En venter på dit svar." in client.get(reverse("inbox")).content.decode()


def test_an_answered_first_message_is_neither_reminded_nor_closed(bo, citizen, post):
    start = timezone.now() - 10 * DAY
    conversation = write(bo, post, start)
    services.send_message(
        sender=citizen,
        conversation=conversation,
        body="Hej Bo",
        client_token="answered-1",
        now=start + DAY,
    )
    now = start + 9 * DAY
    assert closure.send_reminders(now=now) == []
    assert closure.close_silent_conversations(now=now) == []
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.ANSWERED


def test_after_seven_silent_days_the_sender_gets_a_gentle_closure(client, bo, citizen, post):
    start = timezone.now() - 8 * DAY
    conversation = write(bo, post, start)
    assert closure.close_silent_conversations(now=start + 6 * DAY) == []
    assert closure.close_silent_conversations(now=start + 7 * DAY) == [conversation.pk]
    assert closure.close_silent_conversations(now=start + 8 * DAY) == []
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.CLOSED
    note = Message.objects.get(kind=MessageKind.CLOSURE)
    assert (note.sender, note.recipient) == (None, bo)
    assert Outbox.objects.get(kind="closure").recipient == bo
    client.force_login(bo)
    html = client.get(reverse("conversation", args=[conversation.pk])).content.decode()
    assert "Det handler ikke om dig" in html
    assert "Se andre opslag" in html
    assert "Skriv et svar" not in html
    with pytest.raises(Exception, match="slut|ended"):
        services.send_message(
            sender=citizen, conversation=conversation, body="Undskyld!", client_token="too-late-1"
        )


def test_three_unanswered_first_contacts_in_a_row_pause_the_authors_posts(
    citizen, post, aalborg_postcode
):
    second = make_post(citizen, title="Brætspil")
    start = timezone.now() - 30 * DAY
    writers = [UserFactory(postcode=aalborg_postcode) for _ in range(6)]
    # Two first contacts closed after silence, then one answered: the count starts again.
    for n in range(2):
        write(writers[n], post, start, n)
    closure.close_silent_conversations(now=start + 7 * DAY)
    answered = write(writers[2], post, start + 6 * DAY, 2)
    services.send_message(
        sender=citizen,
        conversation=answered,
        body="Hej!",
        client_token="answer-streak",
        now=start + 8 * DAY,
    )
    citizen.responsiveness.refresh_from_db()
    assert citizen.responsiveness.unanswered_in_a_row == 0
    post.refresh_from_db()
    assert post.status == Status.PUBLISHED
    # Then three in a row.
    later = start + 10 * DAY
    for n, writer in enumerate(writers[3:]):
        write(writer, second if n % 2 else post, later, n + 10)
    closure.close_silent_conversations(now=later + 7 * DAY)
    post.refresh_from_db()
    second.refresh_from_db()
    assert (post.status, second.status) == (Status.PAUSED, Status.PAUSED)
    row = Outbox.objects.get(kind="posts_paused", recipient=citizen)
    subject, body = render_email(row)
    assert subject == "Dine opslag er sat på pause indtil videre"
    assert "vise dine opslag igen med ét klik under Mine opslag" in body
    assert "/mine-opslag/" in body
    citizen.responsiveness.refresh_from_db()
    assert citizen.responsiveness.unanswered_in_a_row == 0
    assert responsiveness.responsiveness_text(citizen) in ("Svarer sjældent", "Rarely replies")


def test_email_off_records_nothing_and_daily_waits_for_the_summary(bo, citizen, post):
    notifications.set_email_mode(user=citizen, mode=EmailMode.OFF)
    write(bo, post, timezone.now())
    assert not Outbox.objects.exists()
    notifications.set_email_mode(user=bo, mode=EmailMode.DAILY)
    other_post = make_post(citizen, title="Brætspil")
    conversation = write(bo, other_post, timezone.now() - 8 * DAY, 2)
    closure.close_silent_conversations()
    row = Outbox.objects.get(kind="closure")
    assert row.in_summary and row.recipient == bo
    assert conversation


# The task worker closes its database connection when done, as in production; that needs
# real transactions rather than the test's rolled-back one.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_first_message_e_mails_the_author_exactly_once_even_when_the_task_is_retried(
    bo, citizen, post, mailoutbox
):
    conversation = write(bo, post, timezone.now())
    run_worker()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [citizen.email]
    assert mailoutbox[0].subject == "Bo har skrevet til dig på Belong"
    assert f"/beskeder/{conversation.pk}/" in mailoutbox[0].body
    # The message itself is never in the e-mail.
    assert "Må jeg gå med" not in mailoutbox[0].body
    row = Outbox.objects.get()
    assert row.sent_at is not None
    # A retry of the same task, or a second worker, sends nothing more.
    send_outbox_email.enqueue(row.pk)
    send_outbox_email.enqueue(row.pk)
    run_worker()
    assert len(mailoutbox) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_that_died_after_claiming_never_causes_a_second_e_mail(
    bo, citizen, post, mailoutbox
):
    write(bo, post, timezone.now())
    row = Outbox.objects.get()
    # A worker claims the e-mail and dies before it marks it sent; the task is retried.
    assert notifications.claim_outbox(row.pk) is not None
    run_worker()
    send_outbox_email.enqueue(row.pk)
    run_worker()
    assert len(mailoutbox) == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_tick_reminds_closes_and_e_mails_once(bo, citizen, post, mailoutbox):
    reminded = write(bo, post, timezone.now() - 3 * DAY, 1)
    other = make_post(citizen, title="Brætspil")
    closed = write(bo, other, timezone.now() - 8 * DAY, 2)
    run_worker()  # the two first-message e-mails
    mailoutbox.clear()
    for _ in range(2):
        call_command("tick")
        run_worker()
    subjects = sorted(m.subject for m in mailoutbox)
    assert subjects == ["Bo venter på dit svar", "Om din besked på Belong"], subjects
    reminded.refresh_from_db()
    closed.refresh_from_db()
    assert reminded.reminder_sent_at and closed.status == ConversationStatus.CLOSED


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_daily_summary_is_sent_once(bo, citizen, post, aalborg_postcode, mailoutbox):
    notifications.set_email_mode(user=citizen, mode=EmailMode.DAILY)
    write(bo, post, timezone.now(), 1)
    write(UserFactory(display_name="Carl", postcode=aalborg_postcode), post, timezone.now(), 2)
    run_worker()
    assert mailoutbox == []
    call_command("tick")
    call_command("tick")
    run_worker()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "Nyt fra dine samtaler på Belong"
    assert "Bo har skrevet til dig på Belong" in mailoutbox[0].body
    assert "Carl har skrevet til dig på Belong" in mailoutbox[0].body
