"""Moving the newsletter's and assisted sign-up's consents onto the one consent record keeps
their whole history: the words, versions, languages, moments and withdrawals."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("accounts", "0003_merge_restrictions_and_codes"), ("municipalities", "0003_local_life")]
AFTER = [("accounts", "0004_consent"), ("municipalities", "0004_newsletter_consent_into_consents")]
GIVEN = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC)
WITHDRAWN = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=datetime.UTC)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_newsletter_and_assisted_consents_move_with_their_history():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    User = old.get_model("accounts", "User")
    Region = old.get_model("places", "Region")
    Municipality = old.get_model("places", "Municipality")
    NewsletterConsent = old.get_model("municipalities", "NewsletterConsent")
    AssistedSignup = old.get_model("accounts", "AssistedSignup")
    region = Region.objects.create(code=1081, name="Region Nordjylland", name_en="North")
    aalborg = Municipality.objects.create(
        code=851, name="Aalborg", slug="aalborg", region=region, population=1
    )
    anne = User.objects.create(email="anne@example.dk", display_name="Anne")
    karen = User.objects.create(email=None, display_name="Karen")
    NewsletterConsent.objects.create(
        user=anne,
        wording="Ja tak (gammel)",
        version="2026-01",
        language="da",
        given_at=GIVEN,
        given_via="profile",
        withdrawn_at=WITHDRAWN,
        withdrawn_via="one_click",
    )
    NewsletterConsent.objects.create(
        user=anne,
        wording="Yes please",
        version="2026-12",
        language="en",
        given_at=WITHDRAWN,
        given_via="profile",
    )
    AssistedSignup.objects.create(
        citizen=karen,
        staff=None,
        municipality=aalborg,
        consent_text="Karen siger ja.",
        consented_at=GIVEN,
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Consent = new.get_model("accounts", "Consent")
    rows = list(
        Consent.objects.filter(user_id=anne.pk)
        .order_by("given_at")
        .values(
            "purpose",
            "wording",
            "version",
            "language",
            "given_at",
            "given_via",
            "withdrawn_at",
            "withdrawn_via",
        )
    )
    assert rows == [
        {
            "purpose": "newsletter",
            "wording": "Ja tak (gammel)",
            "version": "2026-01",
            "language": "da",
            "given_at": GIVEN,
            "given_via": "profile",
            "withdrawn_at": WITHDRAWN,
            "withdrawn_via": "one_click",
        },
        {
            "purpose": "newsletter",
            "wording": "Yes please",
            "version": "2026-12",
            "language": "en",
            "given_at": WITHDRAWN,
            "given_via": "profile",
            "withdrawn_at": None,
            "withdrawn_via": "",
        },
    ]
    assisted = Consent.objects.get(user_id=karen.pk)
    assert (assisted.purpose, assisted.wording, assisted.given_at, assisted.given_via) == (
        "assisted_signup",
        "Karen siger ja.",
        GIVEN,
        "assisted",
    )

    # Back to the latest state for the rest of the suite.
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
