"""Aalborg's staff, a few open reports and help requests, so the staff pages have something
to show."""

from __future__ import annotations

from belong.accounts.models import User
from belong.moderation.services import moderation_settings_for
from belong.municipalities.models import HelpRequest, StaffRole
from belong.municipalities.services import grant_role
from belong.places.models import Municipality
from belong.posts.models import Post, Status
from belong.safety.models import Report, ReportReason

DEMO_REPORTS = [
    (ReportReason.SCAM, "Opslaget beder om penge for at mødes."),
    (ReportReason.SELF_HARM, "Hun skriver, at hun ikke orker mere. Jeg er bekymret."),
    (ReportReason.HARASSMENT, "Han blev ved med at skrive, selv om jeg sagde nej."),
]


def seed_demo_reports(reporter: User) -> int:
    aalborg = Municipality.objects.filter(name="Aalborg").first()
    if aalborg is None:
        return 0
    settings = moderation_settings_for(aalborg)
    if not settings.word_list:
        settings.word_list = "køb billigt\nsugar daddy\nvipps mig"
        settings.save()
    posts = list(
        Post.objects.filter(municipality=aalborg, status=Status.PUBLISHED, is_youth=False)
        .exclude(author=reporter)
        .select_related("author")
        .order_by("pk")[: len(DEMO_REPORTS)]
    )
    reports = [
        Report(
            reporter=reporter,
            reported=post.author,
            target="post",
            target_id=post.pk,
            municipality=aalborg,
            reason=reason,
            urgent=reason in (ReportReason.SELF_HARM, ReportReason.MINOR_AT_RISK),
            details=details,
        )
        for post, (reason, details) in zip(posts, DEMO_REPORTS, strict=False)
    ]
    Report.objects.bulk_create(reports)
    return len(reports)


def seed_demo_staff(saved: dict[str, User], municipality: Municipality, *, domain: str) -> None:
    """Mona moderates Aalborg; Henrik is its IT support and signs citizens up with them
    present; the administrator also holds Aalborg's administrator role. Each sets up an
    authenticator app at the first staff page, as real staff do. Two help requests wait."""
    roles = {
        f"moderator@{domain}": [StaffRole.Role.MODERATOR],
        f"hjaelp@{domain}": [StaffRole.Role.IT_SUPPORTER, StaffRole.Role.FACILITATOR],
        f"admin@{domain}": [StaffRole.Role.ADMINISTRATOR],
    }
    for email, held in roles.items():
        for role in held:
            grant_role(granted_by=None, user=saved[email], municipality=municipality, role=role)
    HelpRequest.objects.create(
        municipality=municipality,
        name="Inge",
        contact=HelpRequest.Contact.PHONE,
        phone="98123456",
        description="Jeg har ingen e-mail. Kan I hjælpe mig med at komme i gang?",
    )
    anne = saved[f"borger@{domain}"]
    HelpRequest.objects.create(
        municipality=municipality,
        citizen=anne,
        name=anne.display_name,
        contact=HelpRequest.Contact.EMAIL,
        email=anne.email,
        description="Jeg kan ikke finde mit opslag om gåture igen.",
    )
