"""Messaging: conversations started from a post, their messages, meetings, check-ins, the
e-mail outbox and what each citizen wants to hear about."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ConversationStatus(models.TextChoices):
    AWAITING = "awaiting", _("Waiting for an answer")
    ANSWERED = "answered", _("Answered")
    DECLINED = "declined", _("Finished with a kind answer")
    CLOSED = "closed", _("Closed")


class Conversation(models.Model):
    """Two citizens: the one who wrote first (`starter`) and the author of the post
    (`recipient`). One conversation per pair and post."""

    post = models.ForeignKey(
        "posts.Post", on_delete=models.SET_NULL, null=True, related_name="conversations"
    )
    starter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversations_started"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversations_received"
    )
    # The post as it was when the first message was written: the quote outlives edits.
    post_title = models.CharField(max_length=120)
    post_excerpt = models.CharField(max_length=300, blank=True)
    status = models.CharField(
        max_length=10, choices=ConversationStatus.choices, default=ConversationStatus.AWAITING
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Set when a facilitator wrote first, as the municipality (the first human response):
    # the thread says so on every message, and no reminder, closure or answer count follows.
    from_municipality = models.ForeignKey(
        "places.Municipality", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-last_message_at"]
        constraints = [
            models.UniqueConstraint(fields=["post", "starter"], name="conversation_one_per_post"),
        ]
        indexes = [
            models.Index(fields=["status", "created_at"], name="conversation_status_created"),
            models.Index(fields=["starter", "-last_message_at"], name="conversation_starter"),
            models.Index(fields=["recipient", "-last_message_at"], name="conversation_recipient"),
        ]

    def __str__(self) -> str:
        return f"{self.post_title} ({self.starter_id} → {self.recipient_id})"

    @property
    def is_open(self) -> bool:
        return self.status in (ConversationStatus.AWAITING, ConversationStatus.ANSWERED)

    @property
    def is_from_staff(self) -> bool:
        return self.from_municipality_id is not None

    def other(self, user):
        return self.recipient if user.pk == self.starter_id else self.starter

    def is_participant(self, user) -> bool:
        return user.pk in (self.starter_id, self.recipient_id)


class MessageKind(models.TextChoices):
    TEXT = "text", _("Message")
    READY = "ready", _("Ready-made reply")
    DECLINE = "decline", _("Kind goodbye")
    CLOSURE = "closure", _("Note from Belong")
    ADULT = "adult", _("Note from Belong: moved to the adult space")
    MEETING = "meeting", _("Meeting")
    STAFF = "staff", _("Message from the municipality")


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    # None for notes that Belong itself writes (e.g. the closure after silence).
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="messages_received"
    )
    kind = models.CharField(max_length=10, choices=MessageKind.choices, default=MessageKind.TEXT)
    meeting = models.ForeignKey(
        "Meeting", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    body = models.TextField(max_length=4000)
    # Made by the sender's page once per message: a double click or a retry stores it once.
    # Unique per sender: another person's token is never theirs to collide with.
    client_token = models.CharField(max_length=64, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # Set when reports or a moderator hide the message; the conversation shows a note.
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["sender", "client_token"], name="message_client_token_per_sender"
            ),
        ]
        indexes = [
            models.Index(fields=["conversation", "created_at"], name="message_conversation"),
            # The header's unread count.
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="message_unread",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk} in {self.conversation_id}"


class MeetingStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Agreed")
    DECLINED = "declined", _("Declined")
    REPLACED = "replaced", _("Another time was suggested")


class Meeting(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="meetings"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    starts_at = models.DateTimeField(_("when"))
    place = models.CharField(_("where"), max_length=200)
    status = models.CharField(
        max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PROPOSED
    )
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    checkin_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Meeting {self.pk} ({self.status})"


class MeetAgain(models.TextChoices):
    YES = "yes", _("Yes")
    MAYBE = "maybe", _("Maybe")
    NO = "no", _("No")


class HowItFelt(models.IntegerChoices):
    """A small private scale: how the meeting felt, from hard to very good."""

    HARD = 1, _("Hard")
    A_BIT_HARD = 2, _("A bit hard")
    OKAY = 3, _("Okay")
    GOOD = 4, _("Good")
    VERY_GOOD = 5, _("Very good")


class CheckIn(models.Model):
    """A private answer after an agreed meeting, kept for the outcome figures; never shown
    to the other person."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="checkins")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    met = models.BooleanField(_("did you meet?"))
    meet_again = models.CharField(
        _("would you like to meet again?"), max_length=5, choices=MeetAgain.choices, blank=True
    )
    # Kept for the statistics only; None when the person did not say.
    felt = models.PositiveSmallIntegerField(
        _("how did it feel?"), choices=HowItFelt.choices, null=True, blank=True
    )
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="checkin_once"),
        ]

    def __str__(self) -> str:
        return f"Check-in {self.meeting_id} by {self.user_id}"


class EmailMode(models.TextChoices):
    INSTANT = "instant", _("At once")
    DAILY = "daily", _("Once a day, in a summary")
    OFF = "off", _("Never by e-mail (I look on the site)")


class NotificationSettings(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    email_mode = models.CharField(
        _("E-mail about messages"),
        max_length=10,
        choices=EmailMode.choices,
        default=EmailMode.INSTANT,
    )

    def __str__(self) -> str:
        return f"{self.user_id}: {self.email_mode}"


class Responsiveness(models.Model):
    """How an author answers first contacts, kept up to date by the messaging services so
    that posts can show it and search can prefer responsive authors without a join to
    messages."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="responsiveness"
    )
    first_contacts = models.PositiveIntegerField(default=0)
    answered = models.PositiveIntegerField(default=0)
    answered_within_day = models.PositiveIntegerField(default=0)
    # First contacts closed after silence since the last answer.
    unanswered_in_a_row = models.PositiveIntegerField(default=0)
    # 0-100: the share of first contacts answered within a day, for ranking.
    score = models.PositiveSmallIntegerField(default=0, db_index=True)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.user_id}: {self.score}"


class Outbox(models.Model):
    """One row per e-mail we owe someone. `key` is unique, so an event is recorded once
    however often a task runs, and a row is claimed before it is sent, so a retried task
    does not send it twice; a claim that a dead worker never marked sent runs out and the
    e-mail is queued again (belong/messaging/outbox.py)."""

    key = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=20)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, null=True, related_name="+"
    )
    # True: wait for the daily summary instead of going out at once.
    in_summary = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["recipient", "created_at"],
                condition=models.Q(in_summary=True, claimed_at__isnull=True),
                name="outbox_summary_due",
            ),
        ]

    def __str__(self) -> str:
        return self.key


class PushSubscription(models.Model):
    """One device that asked for Web Push. Deleting the row is "off": nothing else is kept."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Push subscription {self.pk} of {self.user_id}"
