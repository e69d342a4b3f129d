"""Matching: where someone is in life (private unless they share it), and the suggestions
a citizen has said are not for them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Situation(models.TextChoices):
    """Where someone is in life. Stored as one bit each; append new ones, never reorder."""

    NEW_IN_AREA = "new_in_area", _("New in the area")
    NEW_IN_DENMARK = "new_in_denmark", _("New in Denmark")
    STUDENT = "student", _("Student")
    PARENT_ON_LEAVE = "parent_on_leave", _("On parental leave")
    RETIRED = "retired", _("Retired")
    WORKING_FROM_HOME = "working_from_home", _("Working from home")
    RECENTLY_ALONE = "recently_alone", _("Recently alone")
    LOOKING_FOR_WORK = "looking_for_work", _("Looking for work")
    CARING = "caring", _("Caring for someone close")
    ON_SICK_LEAVE = "on_sick_leave", _("On sick leave")


SITUATION_BITS = {value: 1 << position for position, value in enumerate(Situation.values)}

# Why we ask, in plain words, shown next to each choice.
WHY_WE_ASK = {
    Situation.NEW_IN_AREA: _("Others who have just moved here also need to find their feet."),
    Situation.NEW_IN_DENMARK: _("Others who are new in Denmark know what it is like."),
    Situation.STUDENT: _("Other students often have the same hours and the same budget."),
    Situation.PARENT_ON_LEAVE: _("Other parents on leave are free in the daytime, like you."),
    Situation.RETIRED: _("Others who have retired have time on the same days as you."),
    Situation.WORKING_FROM_HOME: _("Others who work from home may want a lunch walk too."),
    Situation.RECENTLY_ALONE: _("Others who have been through the same often understand."),
    Situation.LOOKING_FOR_WORK: _("Others looking for work have time in the daytime, like you."),
    Situation.CARING: _("Others who care for someone close know how little time there is."),
    Situation.ON_SICK_LEAVE: _("Others on sick leave may want calm company in the daytime."),
}

# Said to someone who is in the same situation as a person who shares it: "also new in the
# area". Only ever about a situation the other person has chosen to show.
ALSO_TEXT = {
    Situation.NEW_IN_AREA: _("also new in the area"),
    Situation.NEW_IN_DENMARK: _("also new in Denmark"),
    Situation.STUDENT: _("also a student"),
    Situation.PARENT_ON_LEAVE: _("also on parental leave"),
    Situation.RETIRED: _("also retired"),
    Situation.WORKING_FROM_HOME: _("also works from home"),
    Situation.RECENTLY_ALONE: _("also recently alone"),
    Situation.LOOKING_FOR_WORK: _("also looking for work"),
    Situation.CARING: _("also cares for someone close"),
    Situation.ON_SICK_LEAVE: _("also on sick leave"),
}


def situations_to_mask(values) -> int:
    mask = 0
    for value in values:
        mask |= SITUATION_BITS.get(value, 0)
    return mask


def mask_to_situations(mask: int) -> list[str]:
    return [value for value, bit in SITUATION_BITS.items() if mask & bit]


class LifeSituation(models.Model):
    """A citizen's life situation. `situation_mask` is private and only ever used for the
    citizen's own suggestions; `shown_mask` (always a part of it) is what others may see
    and be matched on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="life_situation",
        verbose_name=_("citizen"),
    )
    situation_mask = models.BigIntegerField(_("life situation"), default=0)
    shown_mask = models.BigIntegerField(_("shown to others"), default=0)
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        verbose_name = _("life situation")
        verbose_name_plural = _("life situations")

    def __str__(self) -> str:
        return f"Life situation of {self.user_id}"

    @property
    def situations(self) -> list[str]:
        return mask_to_situations(self.situation_mask)

    @property
    def shown(self) -> list[str]:
        return mask_to_situations(self.shown_mask)


class HiddenSuggestion(models.Model):
    """ "Not for me": a post the citizen never wants suggested again. Nobody is told."""

    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hidden_suggestions"
    )
    post = models.ForeignKey("posts.Post", on_delete=models.CASCADE, related_name="+")
    hidden_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["viewer", "post"], name="hidden_suggestion_once")
        ]

    def __str__(self) -> str:
        return f"{self.viewer_id} hid {self.post_id}"


class StoredSuggestions(models.Model):
    """A citizen's precomputed candidates, best first: the daily task (and a read after the
    citizen's profile, life situation or own post changed) stores them, so the page and the
    API read one row. They are only candidates: every read passes them through the live
    visibility rules again (blocks, the youth space, reach, hidden, declined, deleted)."""

    viewer = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stored_suggestions"
    )
    # What the viewer was when these were computed (matching.precomputed.fingerprint); a
    # different one means they changed and the list is computed again.
    fingerprint = models.CharField(max_length=32)
    post_ids = models.JSONField(default=list)
    computed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Suggestions for {self.viewer_id}"


class SmallGroup(models.Model):
    """A small group offered to 3 to 6 people near each other who seek the same thing and
    share an interest. It starts when GROUP_MIN of them have said yes, each privately."""

    motive = models.CharField(max_length=20)
    interest = models.CharField(max_length=40)  # an interest's slug (accounts.interests)
    is_youth = models.BooleanField(default=False)
    offered_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Small group {self.pk} ({self.motive}, {self.interest})"


class GroupAnswer(models.TextChoices):
    WAITING = "", _("Not answered")
    YES = "yes", _("Yes")
    NO = "no", _("No thank you")


class SmallGroupMember(models.Model):
    """One person offered a small group, and their private answer."""

    group = models.ForeignKey(SmallGroup, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="small_groups"
    )
    answer = models.CharField(
        max_length=3, choices=GroupAnswer.choices, default=GroupAnswer.WAITING, blank=True
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="small_group_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in small group {self.group_id}"


class GroupMessage(models.Model):
    """A message in a started small group, read by the members who said yes."""

    group = models.ForeignKey(SmallGroup, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_messages"
    )
    body = models.TextField(max_length=2000)
    is_ready_made = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    # Set by moderation after a report; the text is then gone for everyone.
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Message {self.pk} in small group {self.group_id}"
