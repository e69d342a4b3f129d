from django.db import migrations

FIELDS = ("wording", "version", "language", "given_at", "given_via", "withdrawn_at", "withdrawn_via")


def newsletter_consents_into_consents(apps, schema_editor):
    """Every newsletter consent, withdrawn ones included, becomes a consent record with the
    same words, version, language and moments, so the history stays whole."""
    NewsletterConsent = apps.get_model("municipalities", "NewsletterConsent")
    Consent = apps.get_model("accounts", "Consent")
    Consent.objects.bulk_create(
        [
            Consent(
                user_id=old.user_id,
                purpose="newsletter",
                **{field: getattr(old, field) for field in FIELDS},
            )
            for old in NewsletterConsent.objects.order_by("given_at", "pk").iterator()
        ],
        batch_size=500,
    )


def consents_back_into_newsletter_consents(apps, schema_editor):
    NewsletterConsent = apps.get_model("municipalities", "NewsletterConsent")
    Consent = apps.get_model("accounts", "Consent")
    NewsletterConsent.objects.bulk_create(
        [
            NewsletterConsent(
                user_id=consent.user_id, **{field: getattr(consent, field) for field in FIELDS}
            )
            for consent in Consent.objects.filter(purpose="newsletter").order_by("given_at", "pk")
        ],
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("municipalities", "0003_local_life"),
        ("accounts", "0004_consent"),
    ]

    operations = [
        migrations.RunPython(newsletter_consents_into_consents, consents_back_into_newsletter_consents),
        migrations.DeleteModel(name="NewsletterConsent"),
    ]
