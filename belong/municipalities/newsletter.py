"""The monthly newsletter: consent to it, writing it, sending it once to each reader, and
unsubscribing with one click."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from belong.accounts import consents
from belong.accounts.models import Consent, User
from belong.core import clock
from belong.municipalities.local import local_sections
from belong.municipalities.models import (
    Announcement,
    Newsletter,
    NewsletterDelivery,
    StaffRole,
)
from belong.municipalities.services import administered_municipality, municipalities_for
from belong.places.models import Municipality

log = logging.getLogger(__name__)
Via = consents.Via
NEWSLETTER = consents.Purpose.NEWSLETTER
CONSENT_VERSION = consents.current_wording(NEWSLETTER).version
CONSENT_WORDING = consents.current_wording(NEWSLETTER).text
UNSUBSCRIBE_SALT = "belong.newsletter.unsubscribe"
LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


# --- Consent -------------------------------------------------------------------------------
# The consent itself is the accounts' one record (belong.accounts.consents); the newsletter
# adds only that it comes by e-mail, so an account without an address cannot say yes.


def open_consent(user: User) -> Consent | None:
    return consents.open_consent(user, NEWSLETTER)


def give_consent(
    *, user: User, language: str, via: str, now: datetime.datetime | None = None
) -> Consent:
    """The citizen says yes, in `language` (which the newsletter will then come in). Saying
    yes again only changes the language, under a new record of the words shown."""
    if language not in LANGUAGE_CODES:
        raise ValidationError(_("Please choose Danish or English."), code="language")
    if not user.email:
        raise ValidationError(
            _("The newsletter comes by e-mail, and your account has no e-mail address."),
            code="no_email",
        )
    return consents.give(user=user, purpose=NEWSLETTER, via=via, language=language, now=now)


def withdraw_consent(*, user: User, via: str, now: datetime.datetime | None = None) -> bool:
    """The citizen says no more. True when there was a yes to withdraw."""
    return consents.withdraw(user=user, purpose=NEWSLETTER, via=via, now=now)


def unsubscribe_token(user: User) -> str:
    """A signed token naming the reader, for the unsubscribe link (no login needed). It has
    no time in it: the link in a newsletter from last year still stops the newsletter."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object(user.pk)


def user_for_unsubscribe_token(token: str) -> User | None:
    try:
        pk = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError):
        return None
    if not isinstance(pk, int):
        return None
    return User.objects.filter(pk=pk).first()


def unsubscribe_url(user: User) -> str:
    path = reverse("newsletter_unsubscribe", args=[unsubscribe_token(user)])
    return settings.BELONG_BASE_URL.rstrip("/") + path


# --- Writing -------------------------------------------------------------------------------


def month_bounds(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    first = month.replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    zone = timezone.get_current_timezone()
    return (
        datetime.datetime.combine(first, datetime.time.min, tzinfo=zone),
        datetime.datetime.combine(following, datetime.time.min, tzinfo=zone),
    )


def newsletters_for_staff(administrator: User) -> QuerySet[Newsletter]:
    return Newsletter.objects.filter(
        municipality__in=municipalities_for(administrator, StaffRole.Role.ADMINISTRATOR)
    )


def get_newsletter_for_staff(administrator: User, pk: int) -> Newsletter:
    newsletter = (
        newsletters_for_staff(administrator).select_related("municipality").filter(pk=pk).first()
    )
    if newsletter is None:
        raise Http404
    return newsletter


def draft_text(municipality: Municipality, month: datetime.date, language: str) -> tuple[str, str]:
    """The template a newsletter starts from: the month's announcements and what the local
    sections (activities, organisations) hold for the month, in `language`."""
    start, end = month_bounds(month)
    announcements = list(
        Announcement.objects.filter(
            municipality=municipality, starts_at__lt=end, ends_at__gt=start
        ).order_by("starts_at", "pk")
    )
    with translation.override(language):
        sections = [
            (str(section.heading), items)
            for section, items in local_sections(municipality, start, end, newsletter=True)
            if items
        ]
        context = {
            "municipality": municipality,
            "month": start,
            "announcements": announcements,
            "sections": sections,
            "page_url": settings.BELONG_BASE_URL.rstrip("/")
            + reverse("municipality_page", args=[municipality.slug]),
        }
        subject = render_to_string("municipalities/newsletter/draft_subject.txt", context)
        body = render_to_string("municipalities/newsletter/draft_body.txt", context)
    return " ".join(subject.split()), body.strip() + "\n"


def start_newsletter(
    *, administrator: User, municipality: Municipality, month: datetime.date
) -> Newsletter:
    """The month's newsletter, made from the template the first time it is asked for."""
    administered_municipality(administrator, municipality.pk)
    month = month.replace(day=1)
    existing = Newsletter.objects.filter(municipality=municipality, month=month).first()
    if existing is not None:
        return existing
    subject_da, body_da = draft_text(municipality, month, "da")
    subject_en, body_en = draft_text(municipality, month, "en")
    try:
        with transaction.atomic():
            return Newsletter.objects.create(
                municipality=municipality,
                month=month,
                subject_da=subject_da,
                body_da=body_da,
                subject_en=subject_en,
                body_en=body_en,
                created_by=administrator,
            )
    except IntegrityError:
        return Newsletter.objects.get(municipality=municipality, month=month)


def update_newsletter(
    *,
    administrator: User,
    newsletter: Newsletter,
    subject_da: str,
    body_da: str,
    subject_en: str,
    body_en: str,
) -> Newsletter:
    administered_municipality(administrator, newsletter.municipality_id)
    if newsletter.is_sending_or_sent:
        raise ValidationError(_("This newsletter has been sent and can no longer be changed."))
    newsletter.subject_da = subject_da.strip()
    newsletter.body_da = body_da.strip() + "\n"
    newsletter.subject_en = subject_en.strip()
    newsletter.body_en = body_en.strip() + "\n" if body_en.strip() else ""
    newsletter.save(update_fields=["subject_da", "body_da", "subject_en", "body_en"])
    return newsletter


# --- Sending -------------------------------------------------------------------------------


def readers_of(municipality: Municipality) -> QuerySet[Consent]:
    """The open consents of the municipality's citizens who can receive e-mail."""
    return Consent.objects.filter(
        purpose=NEWSLETTER,
        withdrawn_at__isnull=True,
        user__is_active=True,
        user__banned_at__isnull=True,
        user__postcode__municipality=municipality,
    ).exclude(Q(user__email__isnull=True) | Q(user__email=""))


def send_newsletter(
    *, administrator: User, newsletter: Newsletter, now: datetime.datetime | None = None
) -> bool:
    """Start sending: once. A second press (or a second tab) changes nothing. The e-mails go
    from a background task after the commit."""
    administered_municipality(administrator, newsletter.municipality_id)
    started = Newsletter.objects.filter(pk=newsletter.pk, send_requested_at__isnull=True).update(
        send_requested_at=now or clock.now(), sent_by=administrator
    )
    if not started:
        return False
    from belong.municipalities.tasks import deliver_newsletter

    newsletter_id = newsletter.pk
    transaction.on_commit(lambda: deliver_newsletter.enqueue(newsletter_id))
    return True


def prepare_deliveries(newsletter: Newsletter, now: datetime.datetime | None = None) -> int:
    """One delivery row per reader who said yes; a reader who has one already gets no other."""
    now = now or clock.now()
    rows = [
        NewsletterDelivery(
            newsletter=newsletter, user_id=user_id, language=language, created_at=now
        )
        for user_id, language in readers_of(newsletter.municipality).values_list(
            "user_id", "language"
        )
    ]
    NewsletterDelivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    return len(rows)


def claim_delivery(pk: int, now: datetime.datetime | None = None) -> NewsletterDelivery | None:
    """Only the first claim wins, so a retried task or a second worker never sends a copy
    twice (at most once: a worker that dies after the claim loses that one e-mail)."""
    if not NewsletterDelivery.objects.filter(pk=pk, sent_at__isnull=True).update(
        sent_at=now or clock.now()
    ):
        return None
    return NewsletterDelivery.objects.select_related("user", "newsletter__municipality").get(pk=pk)


def render_newsletter_email(delivery: NewsletterDelivery) -> EmailMessage:
    """The reader's copy in their language, with RFC 8058 one-click unsubscribe headers."""
    newsletter = delivery.newsletter
    language = delivery.language if delivery.language in LANGUAGE_CODES else "da"
    english = language == "en" and newsletter.body_en.strip()
    subject = newsletter.subject_en if english and newsletter.subject_en else newsletter.subject_da
    body = newsletter.body_en if english else newsletter.body_da
    link = unsubscribe_url(delivery.user)
    with translation.override(language):
        text = render_to_string(
            "municipalities/newsletter/email.txt",
            {
                "body": body,
                "user": delivery.user,
                "municipality": newsletter.municipality,
                "unsubscribe_url": link,
                "profile_url": settings.BELONG_BASE_URL.rstrip("/") + reverse("profile"),
            },
        )
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=text,
        to=[delivery.user.email or ""],
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"<newsletter.{newsletter.municipality.slug}.belong>",
        },
    )


def deliver(newsletter_id: int, now: datetime.datetime | None = None) -> int:
    """Send every copy not yet sent. Safe to run twice, or in two workers at once."""
    newsletter = Newsletter.objects.select_related("municipality").filter(pk=newsletter_id).first()
    if newsletter is None or newsletter.send_requested_at is None:
        return 0
    prepare_deliveries(newsletter, now)
    sent = 0
    waiting = newsletter.deliveries.filter(sent_at__isnull=True).values_list("pk", "user_id")
    for pk, user_id in list(waiting):
        if not Consent.objects.filter(
            user_id=user_id, purpose=NEWSLETTER, withdrawn_at__isnull=True
        ).exists():
            continue  # said no since the rows were made: no copy, ever
        delivery = claim_delivery(pk, now)
        if delivery is None or not delivery.user.email:
            continue
        render_newsletter_email(delivery).send()
        sent += 1
    Newsletter.objects.filter(pk=newsletter.pk, sent_at__isnull=True).update(
        sent_at=now or clock.now()
    )
    log.info("newsletter %s: %s copies sent", newsletter.pk, sent)
    return sent
