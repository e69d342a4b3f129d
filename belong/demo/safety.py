"""A few open reports in Aalborg, so the moderation queue has something to show."""

from __future__ import annotations

from belong.accounts.models import User
from belong.places.models import Municipality
from belong.posts.models import Post, Status
from belong.safety.models import Report, ReportReason
from belong.safety.moderation import moderation_settings_for

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
