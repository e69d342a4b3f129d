"""Moderation: reports about posts, profiles and messages, the word list, automatic hiding,
the queue per municipality, moderators' decisions, notices and appeals.

Pages, the API and tasks all call these functions; none of the rules live in views.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from belong.accounts.models import User
from belong.core import clock, limits
from belong.core.access_log import record_staff_access
from belong.messaging.models import Conversation, Message
from belong.moderation.targets import report_target, report_targets
from belong.municipalities.models import StaffRole
from belong.municipalities.services import has_role, municipalities_for
from belong.places.models import Municipality
from belong.posts.models import Post
from belong.posts.services import pause_posts_of
from belong.posts.visibility import visible_posts
from belong.safety.models import (
    APPEALABLE,
    CITIZEN_REASONS,
    URGENT_REASONS,
    ActionKind,
    Appeal,
    AppealStatus,
    ModerationAction,
    ModerationSettings,
    Notice,
    Report,
    ReportStatus,
    ReportTarget,
)
from belong.safety.reporting import report_refusal

MODERATOR = StaffRole.Role.MODERATOR
ADMINISTRATOR = StaffRole.Role.ADMINISTRATOR
# Content reported by this many different citizens is hidden until a moderator decides.
AUTO_HIDE_REPORTERS = 3
MAX_SUSPENSION_DAYS = 365


# --- Reporting -------------------------------------------------------------------------------


def get_reportable_post(reporter: User, pk: int) -> Post:
    """A post `reporter` may report: someone else's that they can see; else 404."""
    post = Post.objects.select_related("author").filter(pk=pk).first()
    if post is None or post.author_id == reporter.pk:
        raise Http404
    if not visible_posts(reporter).filter(pk=pk).exists():
        raise Http404
    return post


def get_reportable_person(reporter: User, pk: int) -> User:
    """Someone `reporter` may report: whose post they can see, or who shares a conversation
    with them; else 404."""
    if pk == reporter.pk:
        raise Http404
    person = User.objects.filter(pk=pk, is_active=True).first()
    if person is None:
        raise Http404
    shares_conversation = Conversation.objects.filter(
        Q(starter=reporter, recipient=person) | Q(starter=person, recipient=reporter)
    ).exists()
    if not shares_conversation and not visible_posts(reporter).filter(author=person).exists():
        raise Http404
    return person


def reportable_in_conversation(
    *, reporter: User, conversation: Conversation, message_id=None, latest: bool = False
) -> tuple[str, Message | User]:
    """What `reporter` reports in a conversation: a message the other person wrote to them
    (`message_id`, else with `latest` their latest one), else the other person; 404 for a
    message that is not theirs to report."""
    other = conversation.other(reporter)
    theirs = conversation.messages.filter(sender=other, recipient=reporter)
    if message_id not in (None, ""):
        message = theirs.filter(pk=message_id if str(message_id).isdigit() else 0).first()
        if message is None:
            raise Http404
        return ReportTarget.MESSAGE, message
    if latest:
        message = theirs.order_by("-created_at", "-pk").first()
        if message is not None:
            return ReportTarget.MESSAGE, message
    return ReportTarget.PROFILE, other


def reported_person(*, target: str, obj) -> User | None:
    return report_target(target).person(obj)


def report_content(
    *,
    reporter: User,
    target: str,
    obj: Post | Message | User,
    reason: str,
    details: str = "",
    now: datetime.datetime | None = None,
) -> Report:
    """A citizen reports a post, a profile or a message. Raises RateLimited when they
    report too often, ValidationError for a missing reason or their own content."""
    if reason not in dict(CITIZEN_REASONS):
        raise ValidationError(_("Choose what is wrong."))
    kind = report_target(target)
    reported = kind.person(obj)
    refusal = report_refusal(reporter, reported)
    if refusal or reported is None:
        raise ValidationError(refusal or _("You cannot report yourself."))
    kind.check_reporter(reporter, obj)
    limits.hit("report", reporter.pk)
    now = now or clock.now()
    with transaction.atomic():
        report = Report.objects.create(
            reporter=reporter,
            reported=reported,
            target=target,
            target_id=obj.pk,
            municipality=reported.municipality,
            reason=reason,
            urgent=reason in URGENT_REASONS,
            details=(details or "").strip()[:2000],
            created_at=now,
        )
        _hide_when_reported_enough(report, now=now)
    return report


def _hide_when_reported_enough(report: Report, *, now: datetime.datetime) -> None:
    if not report_target(report.target).can_hide:
        return  # a profile is not hidden by reports; a moderator warns, suspends or bans
    reporters = (
        Report.objects.filter(
            target=report.target,
            target_id=report.target_id,
            status=ReportStatus.OPEN,
            reporter__isnull=False,
        )
        .values("reporter")
        .distinct()
        .count()
    )
    if reporters < AUTO_HIDE_REPORTERS or is_hidden(report.target, report.target_id):
        return
    hide_content(report.target, report.target_id, now=now)
    ModerationAction.objects.create(
        moderator=None,
        report=report,
        subject=report.reported,
        municipality=report.municipality,
        kind=ActionKind.AUTO_HIDE,
        target=report.target,
        target_id=report.target_id,
        reason=_("Reported by %(count)d different people.") % {"count": reporters},
        created_at=now,
    )


# A report or an action without a target id (its content is gone) has nothing to hide.


def is_hidden(target: str, target_id: int | None) -> bool:
    return target_id is not None and report_target(target).is_hidden(target_id)


def hide_content(
    target: str, target_id: int | None, *, now: datetime.datetime | None = None
) -> None:
    if target_id is not None:
        report_target(target).hide(target_id, now=now or clock.now())


def unhide_content(
    target: str, target_id: int | None, *, now: datetime.datetime | None = None
) -> None:
    """Show hidden content again (a dismissed report or a granted appeal). A post that ran
    out while hidden is retired as expired."""
    if target_id is not None:
        report_target(target).unhide(target_id, now=now or clock.now())


# --- The word list ---------------------------------------------------------------------------


def moderation_settings_for(municipality: Municipality) -> ModerationSettings:
    """The municipality's settings, or the defaults, unsaved: reading them (a GET of the
    report page or the settings page) writes nothing; saving the form creates the row."""
    found = ModerationSettings.objects.filter(municipality=municipality).first()
    return found or ModerationSettings(municipality=municipality)


# --- The queue -------------------------------------------------------------------------------


def moderated_municipalities(user: User) -> QuerySet[Municipality]:
    return municipalities_for(user, MODERATOR)


def queue_for(user: User, municipality: Municipality | None = None) -> QuerySet[Report]:
    """Open reports in the moderator's municipalities: urgent first, then oldest first."""
    reports = Report.objects.filter(
        status=ReportStatus.OPEN, municipality__in=moderated_municipalities(user)
    )
    if municipality is not None:
        reports = reports.filter(municipality=municipality)
    return reports.select_related("reporter", "reported", "assignee", "municipality").order_by(
        "-urgent", "created_at", "pk"
    )


def open_appeals_for(user: User, municipality: Municipality | None = None) -> QuerySet[Appeal]:
    appeals = Appeal.objects.filter(
        status=AppealStatus.OPEN, municipality__in=moderated_municipalities(user)
    )
    if municipality is not None:
        appeals = appeals.filter(municipality=municipality)
    return appeals.select_related("user", "action", "action__moderator", "municipality")


def get_report_for_moderator(user: User, pk: int) -> Report:
    """The report if `user` moderates its municipality, else 404."""
    report = (
        Report.objects.select_related("reporter", "reported", "assignee", "municipality")
        .filter(pk=pk, municipality__in=moderated_municipalities(user))
        .first()
    )
    if report is None:
        raise Http404
    return report


def get_appeal_for_moderator(user: User, pk: int) -> Appeal:
    appeal = (
        Appeal.objects.select_related("user", "action", "municipality")
        .filter(pk=pk, municipality__in=moderated_municipalities(user))
        .first()
    )
    if appeal is None:
        raise Http404
    return appeal


def moderators_of(municipality: Municipality | None) -> QuerySet[User]:
    return User.objects.filter(
        staff_roles__municipality=municipality, staff_roles__role=MODERATOR
    ).order_by("display_name", "pk")


def assign_report(*, report: Report, assignee: User | None, by: User) -> Report:
    if assignee is not None and not has_role(assignee, MODERATOR, municipality=report.municipality):
        raise ValidationError(_("Choose a moderator in this municipality."))
    Report.objects.filter(pk=report.pk).update(assignee=assignee)
    report.assignee = assignee
    return report


def report_subject(report: Report):
    """What was reported, or None when it is gone."""
    if report.target_id is None:
        return None
    return report_target(report.target).get(report.target_id)


def read_reported_message(*, moderator: User, report: Report):
    """The one private message a report points to (a conversation's or a small group's:
    a target that says `is_private_message`), and only it. Each read is logged."""
    kind = report_targets().get(report.target)
    if not getattr(kind, "is_private_message", False) or report.target_id is None:
        return None
    assert kind is not None  # noqa: S101  (checked above)
    message = kind.get(report.target_id)
    if message is None:
        return None
    record_staff_access(
        staff=moderator,
        subject=report.reported,
        municipality=report.municipality,
        action=f"reported_{report.target}:{report.target_id}",
        reason=f"report:{report.pk}",
    )
    return message


def view_citizen_in_queue(*, moderator: User, report: Report) -> User:
    """The reported citizen's profile for the moderator, logged."""
    record_staff_access(
        staff=moderator,
        subject=report.reported,
        municipality=report.municipality,
        action="profile",
        reason=f"report:{report.pk}",
    )
    return report.reported


# --- Decisions -------------------------------------------------------------------------------

MODERATOR_ACTIONS = (
    ActionKind.DISMISS,
    ActionKind.HIDE,
    ActionKind.WARN,
    ActionKind.SUSPEND,
    ActionKind.BAN,
)


def _same_target(report: Report) -> QuerySet[Report]:
    return Report.objects.filter(
        target=report.target, target_id=report.target_id, status=ReportStatus.OPEN
    )


@transaction.atomic
def act_on_report(
    *,
    moderator: User,
    report: Report,
    kind: str,
    reason: str,
    days: int | None = None,
    now: datetime.datetime | None = None,
) -> ModerationAction:
    """Decide a report: dismiss, hide the content, warn, suspend for `days`, or ban. Every
    open report about the same thing is decided with it; the citizen gets a notice."""
    now = now or clock.now()
    if not has_role(moderator, MODERATOR, municipality=report.municipality):
        raise Http404
    if kind not in MODERATOR_ACTIONS:
        raise ValidationError(_("Choose an action."))
    reason = (reason or "").strip()
    if kind != ActionKind.DISMISS and not reason:
        raise ValidationError(_("Write the reason. The citizen will read it."))
    if report.status != ReportStatus.OPEN:
        raise ValidationError(_("This report has already been decided."))
    subject = User.objects.select_for_update().get(pk=report.reported_id)
    until = None
    if kind == ActionKind.HIDE:
        if not report_target(report.target).can_hide:
            raise ValidationError(
                _("A profile cannot be hidden. Warn, suspend or ban the person instead.")
            )
        hide_content(report.target, report.target_id, now=now)
    elif kind == ActionKind.DISMISS:
        unhide_content(report.target, report.target_id, now=now)
    elif kind == ActionKind.SUSPEND:
        if not days or not 1 <= int(days) <= MAX_SUSPENSION_DAYS:
            raise ValidationError(
                _("Choose how many days, from 1 to %(max)d.") % {"max": MAX_SUSPENSION_DAYS}
            )
        until = now + datetime.timedelta(days=int(days))
        subject.suspended_until = until
        subject.save(update_fields=["suspended_until"])
        pause_posts_of(author_id=subject.pk, now=now)
    elif kind == ActionKind.BAN:
        subject.banned_at = now
        subject.save(update_fields=["banned_at"])
        pause_posts_of(author_id=subject.pk, now=now)
    action = ModerationAction.objects.create(
        moderator=moderator,
        report=report,
        subject=subject,
        municipality=report.municipality,
        kind=kind,
        target=report.target,
        target_id=report.target_id,
        reason=reason or _("The report did not break the rules."),
        until=until,
        created_at=now,
    )
    _same_target(report).update(status=ReportStatus.CLOSED, handled_at=now)
    report.status = ReportStatus.CLOSED
    report.handled_at = now
    if kind in APPEALABLE:
        _notify(action, now=now)
    return action


def _notify(action: ModerationAction, *, now: datetime.datetime) -> Notice:
    notice = Notice.objects.create(user_id=action.subject_id, action=action, created_at=now)

    def send():
        from belong.moderation.tasks import send_notice_email

        send_notice_email.enqueue(notice.pk)

    transaction.on_commit(send)
    return notice


def notices_for(user: User) -> QuerySet[Notice]:
    return Notice.objects.filter(user=user).select_related("action", "action__appeal")


def get_notice_for_user(user: User, pk: int) -> Notice:
    notice = notices_for(user).filter(pk=pk).first()
    if notice is None:
        raise Http404
    return notice


def may_appeal(action: ModerationAction) -> bool:
    return action.kind in APPEALABLE and not Appeal.objects.filter(action=action).exists()


@transaction.atomic
def appeal_action(*, user: User, action: ModerationAction, text: str) -> Appeal:
    """The citizen's one appeal against a decision; it goes back into the queue."""
    if action.subject_id != user.pk:
        raise Http404
    if action.kind not in APPEALABLE:
        raise ValidationError(_("This decision cannot be appealed."))
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write why you think the decision is wrong."))
    if Appeal.objects.select_for_update().filter(action=action).exists():
        raise ValidationError(_("You have already appealed this decision. You can appeal once."))
    return Appeal.objects.create(
        action=action, user=user, municipality=action.municipality, text=text[:2000]
    )


@transaction.atomic
def decide_appeal(
    *,
    moderator: User,
    appeal: Appeal,
    grant: bool,
    reason: str,
    now: datetime.datetime | None = None,
) -> ModerationAction:
    """Keep or lift the decision; lifting shows hidden content and ends a suspension or ban."""
    now = now or clock.now()
    if not has_role(moderator, MODERATOR, municipality=appeal.municipality):
        raise Http404
    if appeal.status != AppealStatus.OPEN:
        raise ValidationError(_("This appeal has already been decided."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Write the reason. The citizen will read it."))
    original = appeal.action
    if grant:
        if original.kind == ActionKind.HIDE and original.target_id:
            unhide_content(original.target, original.target_id, now=now)
        elif original.kind in (ActionKind.SUSPEND, ActionKind.BAN):
            User.objects.filter(pk=original.subject_id).update(suspended_until=None, banned_at=None)
    Appeal.objects.filter(pk=appeal.pk).update(
        status=AppealStatus.GRANTED if grant else AppealStatus.UPHELD, decided_at=now
    )
    action = ModerationAction.objects.create(
        moderator=moderator,
        report=original.report,
        subject_id=original.subject_id,
        municipality=appeal.municipality,
        kind=ActionKind.APPEAL_GRANTED if grant else ActionKind.APPEAL_UPHELD,
        target=original.target,
        target_id=original.target_id,
        reason=reason,
        created_at=now,
    )
    _notify(action, now=now)
    return action


def actions_for_report(report: Report) -> QuerySet[ModerationAction]:
    return ModerationAction.objects.filter(
        Q(report=report) | Q(target=report.target, target_id=report.target_id)
    ).select_related("moderator")


def reports_count_by_target(reports: list[Report]) -> dict[tuple[str, int], int]:
    """How many open reports each reported thing has, for the queue, in one query."""
    ids = {(r.target, r.target_id) for r in reports}
    if not ids:
        return {}
    q = Q()
    for target, target_id in ids:
        q |= Q(target=target, target_id=target_id)
    rows = (
        Report.objects.filter(q, status=ReportStatus.OPEN)
        .values("target", "target_id")
        .annotate(n=Count("pk"))
    )
    return {(row["target"], row["target_id"]): row["n"] for row in rows}
