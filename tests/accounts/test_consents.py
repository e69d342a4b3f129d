"""Consent records: one versioned record per yes, for every purpose; withdrawing is one click;
a new yes is a new row; nobody touches another person's consent."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from belong.accounts import consents
from belong.accounts.models import Consent
from belong.core import clock
from tests.factories import UserFactory
from tests.html import validate_html

Purpose = consents.Purpose


def test_every_purpose_has_its_words_and_version():
    for purpose in Purpose.values:
        wording = consents.current_wording(purpose)
        assert wording.version and str(wording.text)
    with pytest.raises(ValueError):
        consents.current_wording("marketing")


def test_giving_records_the_words_shown_their_version_language_and_how(citizen):
    moment = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=datetime.UTC)
    consent = consents.give(
        user=citizen, purpose=Purpose.QUESTIONNAIRES, via="profile", language="da", now=moment
    )
    assert consent.wording.startswith("Ja, jeg vil gerne svare")
    assert consent.version == consents.current_wording(Purpose.QUESTIONNAIRES).version
    assert (consent.language, consent.given_at, consent.given_via) == ("da", moment, "profile")
    assert consents.has_consent(citizen, Purpose.QUESTIONNAIRES)
    assert not consents.has_consent(citizen, Purpose.RESEARCH)  # one yes is not another


def test_a_yes_in_english_keeps_the_english_words(citizen):
    consent = consents.give(user=citizen, purpose=Purpose.RESEARCH, via="profile", language="en")
    assert consent.wording.startswith("Yes, researchers")


def test_saying_yes_twice_changes_nothing_but_a_new_version_makes_a_new_row(citizen, monkeypatch):
    first = consents.give(user=citizen, purpose=Purpose.RESEARCH, via="profile", language="da")
    assert consents.give(user=citizen, purpose=Purpose.RESEARCH, via="api", language="da") == first
    monkeypatch.setitem(
        consents.WORDINGS,
        Purpose.RESEARCH,
        consents.Wording("2027-01", consents.WORDINGS[Purpose.RESEARCH].text),
    )
    second = consents.give(user=citizen, purpose=Purpose.RESEARCH, via="profile", language="da")
    assert second.pk != first.pk and second.version == "2027-01"
    first.refresh_from_db()
    assert first.withdrawn_at is not None
    assert Consent.objects.filter(user=citizen, purpose=Purpose.RESEARCH).count() == 2


def test_withdrawing_keeps_the_history_and_a_new_yes_is_a_new_row(citizen):
    with clock.set_to(datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC)):
        first = consents.give(user=citizen, purpose=Purpose.QUESTIONNAIRES, via="profile")
    with clock.set_to(datetime.datetime(2026, 12, 2, 12, 0, tzinfo=datetime.UTC)):
        assert consents.withdraw(user=citizen, purpose=Purpose.QUESTIONNAIRES, via="profile")
    assert not consents.withdraw(user=citizen, purpose=Purpose.QUESTIONNAIRES, via="profile")
    assert not consents.has_consent(citizen, Purpose.QUESTIONNAIRES)
    first.refresh_from_db()
    assert first.withdrawn_at.day == 2 and first.withdrawn_via == "profile"
    again = consents.give(user=citizen, purpose=Purpose.QUESTIONNAIRES, via="profile")
    assert again.pk != first.pk
    assert list(consents.consents_of(citizen)) == [again, first]


def test_the_database_allows_one_open_yes_per_person_and_purpose(citizen):
    consent = consents.give(user=citizen, purpose=Purpose.TERMS, via="signup")
    with pytest.raises(IntegrityError), transaction.atomic():
        Consent.objects.create(
            user=citizen,
            purpose=Purpose.TERMS,
            wording="x",
            version=consent.version,
            language="da",
            given_at=clock.now(),
            given_via="signup",
        )


def test_an_unknown_language_is_refused_politely(citizen):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        consents.give(user=citizen, purpose=Purpose.TERMS, via="signup", language="xx")


def test_the_profile_lists_every_consent_with_its_words_and_a_one_click_withdraw(client, citizen):
    consents.give(user=citizen, purpose=Purpose.TERMS, via="signup", language="da")
    research = consents.give(user=citizen, purpose=Purpose.RESEARCH, via="profile", language="da")
    client.force_login(citizen)
    page = client.get(reverse("profile")).content.decode()
    validate_html(page)
    assert "Jeg har læst Belongs vilkår" in page
    assert "Ja, forskere" in page
    assert reverse("consent_withdraw", args=[research.pk]) in page

    response = client.post(reverse("consent_withdraw", args=[research.pk]))
    assert response.status_code == 302 and response["Location"].endswith("#samtykker")
    assert not consents.has_consent(citizen, Purpose.RESEARCH)
    assert consents.has_consent(citizen, Purpose.TERMS)
    page = client.get(reverse("profile")).content.decode()
    assert "Du trak dette ja tilbage" in page


def test_withdrawing_asks_for_a_post(client, citizen):
    research = consents.give(user=citizen, purpose=Purpose.RESEARCH, via="profile")
    client.force_login(citizen)
    assert client.get(reverse("consent_withdraw", args=[research.pk])).status_code == 405
    assert consents.has_consent(citizen, Purpose.RESEARCH)


def test_someone_elses_consent_is_not_found(client, citizen, outsider):
    theirs = consents.give(user=outsider, purpose=Purpose.RESEARCH, via="profile")
    client.force_login(citizen)
    assert client.post(reverse("consent_withdraw", args=[theirs.pk])).status_code == 404
    assert consents.has_consent(outsider, Purpose.RESEARCH)


def test_a_visitor_is_sent_to_log_in(client, citizen):
    theirs = consents.give(user=citizen, purpose=Purpose.RESEARCH, via="profile")
    response = client.post(reverse("consent_withdraw", args=[theirs.pk]))
    assert response.status_code == 302 and "login" in response["Location"]
    assert consents.has_consent(citizen, Purpose.RESEARCH)


def test_consents_are_in_the_export_and_go_with_erasure(citizen):
    from belong.accounts import privacy

    consents.give(user=citizen, purpose=Purpose.TERMS, via="signup", language="da")
    consents.withdraw(user=citizen, purpose=Purpose.TERMS, via="profile")
    exported = privacy.export(citizen)["consents"]
    assert exported[0]["purpose"] == "terms" and exported[0]["withdrawn_via"] == "profile"
    other = UserFactory()
    consents.give(user=other, purpose=Purpose.TERMS, via="signup")
    privacy.erase(citizen)
    assert not Consent.objects.filter(user=citizen).exists()
    assert Consent.objects.filter(user=other).exists()
