"""A citizen's questionnaires: asked only with a yes, at sign-up and after 3, 6 and 12 months,
scored right, one gentle reminder per round, a warm pointer to support when it is hard, and
answers deleted when the yes is taken back."""

import datetime
import re

import pytest
from django.urls import reverse

from belong.accounts import consents
from belong.core import clock
from belong.messaging.models import Outbox
from belong.messaging.tasks import send_outbox_email
from belong.outcomes import instruments, services
from belong.outcomes.models import Reminder, Response
from tests.factories import UserFactory
from tests.html import validate_html
from tests.outcomes.people import JOINED, answer, member, ucla3_items, who5_items

Q = consents.Purpose.QUESTIONNAIRES


def form_data(who5=(3, 3, 3, 3, 3), ucla3=(1, 1, 1), alone="no"):
    data = {f"who5_{i}": str(v) for i, v in enumerate(who5, start=1)}
    data.update({f"ucla3_{i}": str(v) for i, v in enumerate(ucla3, start=1)})
    data["unwanted_alone"] = alone
    return data


def test_scores_add_up_and_stay_in_range():
    assert instruments.score(instruments.WHO5, [5, 5, 5, 5, 5]) == 25
    assert instruments.score(instruments.WHO5, [0, 0, 0, 0, 0]) == 0
    assert instruments.score(instruments.UCLA3, [1, 1, 1]) == 3
    assert instruments.score(instruments.UCLA3, [3, 3, 3]) == 9
    with pytest.raises(ValueError):
        instruments.score(instruments.WHO5, [6, 5, 5, 5, 5])
    with pytest.raises(ValueError):
        instruments.score(instruments.UCLA3, [0, 1, 1])
    with pytest.raises(ValueError):
        instruments.score(instruments.UCLA3, [1, 1])


@pytest.mark.parametrize(
    ("who5", "ucla3", "care"),
    [(12, 3, True), (13, 6, False), (25, 7, True), (13, 9, True), (20, 5, False)],
)
def test_the_duty_of_care_rule(who5, ucla3, care):
    assert instruments.needs_care(who5_raw=who5, ucla3_score=ucla3) is care


def test_rounds_open_at_sign_up_and_after_3_6_and_12_months(citizen):
    citizen.date_joined = JOINED
    joined = JOINED.date()
    assert services.open_wave(citizen, joined) == 0
    assert services.open_wave(citizen, datetime.date(2026, 4, 4)) == 0
    assert services.open_wave(citizen, datetime.date(2026, 4, 5)) == 3
    assert services.open_wave(citizen, datetime.date(2026, 7, 5)) == 6
    assert services.open_wave(citizen, datetime.date(2027, 1, 5)) == 12
    assert services.open_wave(citizen, datetime.date(2027, 4, 5)) is None


def test_nothing_is_asked_or_taken_without_a_yes(aalborg_postcode):
    user = UserFactory(postcode=aalborg_postcode, date_joined=JOINED)
    assert services.due_wave(user, JOINED.date()) is None
    with pytest.raises(services.AnswerRefused):
        answer(user, who5=10, ucla3=5, when=JOINED)
    assert not Response.objects.exists()


def test_a_round_is_answered_once(aalborg_postcode):
    user = member(aalborg_postcode, later=None)
    with pytest.raises(services.AnswerRefused):
        answer(user, who5=20, ucla3=3, when=JOINED + datetime.timedelta(days=2))
    assert Response.objects.get(user=user).who5_raw == 10


def test_helpers_give_the_scores_asked_for():
    assert sum(who5_items(13)) == 13 and sum(ucla3_items(7)) == 7


def test_withdrawing_the_yes_deletes_the_answers_wherever_it_is_taken_back(aalborg_postcode):
    by_service = member(aalborg_postcode)
    by_profile = member(aalborg_postcode)
    keeps = member(aalborg_postcode)
    consents.withdraw(user=by_service, purpose=Q, via="questionnaire")
    consent = consents.open_consent(by_profile, Q)
    consents.withdraw_by_id(user=by_profile, pk=consent.pk, via="profile")
    assert not Response.objects.filter(user__in=[by_service, by_profile]).exists()
    assert Response.objects.filter(user=keeps).count() == 2
    # Taking back linking or research keeps the answers (they count in fewer figures).
    consents.withdraw(user=keeps, purpose=consents.Purpose.OUTCOME_LINKING, via="profile")
    assert Response.objects.filter(user=keeps).count() == 2


def test_one_gentle_reminder_per_round_and_never_more(aalborg_postcode, mailoutbox):
    user = UserFactory(postcode=aalborg_postcode, date_joined=JOINED, email="ida@example.dk")
    never_said_yes = UserFactory(postcode=aalborg_postcode, date_joined=JOINED)
    with clock.set_to(JOINED):
        consents.give(user=user, purpose=Q, via="questionnaire")
    assert services.send_reminders(now=JOINED + datetime.timedelta(days=3)) == 0
    assert services.send_reminders(now=JOINED + datetime.timedelta(days=8)) == 1
    assert services.send_reminders(now=JOINED + datetime.timedelta(days=9)) == 0
    assert services.send_reminders(now=JOINED + datetime.timedelta(days=40)) == 0
    row = Outbox.objects.get(kind="questionnaire")
    assert row.recipient == user
    send_outbox_email.call(row.pk)
    assert [m.to for m in mailoutbox] == [["ida@example.dk"]]
    assert "/spoergeskema/" in mailoutbox[0].body
    assert "eneste påmindelse" in mailoutbox[0].body
    assert not Reminder.objects.filter(user=never_said_yes).exists()
    # The next round brings its own single reminder; an answered round brings none.
    answer(user, who5=15, ucla3=4, when=JOINED + datetime.timedelta(days=95))
    assert services.send_reminders(now=JOINED + datetime.timedelta(days=110)) == 0
    assert services.send_reminders(now=JOINED + datetime.timedelta(days=190)) == 1
    assert Outbox.objects.filter(kind="questionnaire").count() == 2


def test_the_page_asks_for_a_yes_first_then_shows_the_questions(client, citizen):
    client.force_login(citizen)
    page = client.get(reverse("outcomes_questionnaires")).content.decode()
    validate_html(page)
    assert "Ja, jeg vil gerne svare" in page
    response = client.post(reverse("questionnaire_consent"), {"questionnaires": "on"})
    assert response.status_code == 302
    assert consents.has_consent(citizen, Q)
    assert not consents.has_consent(citizen, consents.Purpose.RESEARCH)
    page = client.get(reverse("outcomes_questionnaires")).content.decode()
    validate_html(page)
    assert "Har jeg været glad og i godt humør" in page


def test_the_yes_form_without_the_box_explains_kindly(client, citizen):
    client.force_login(citizen)
    response = client.post(reverse("questionnaire_consent"), {"research": "on"})
    assert response.status_code == 400
    assert 'href="#id_questionnaires"' in response.content.decode()
    assert not consents.has_consent(citizen, consents.Purpose.RESEARCH)


def test_a_missing_answer_keeps_the_others_and_says_what_is_missing(client, citizen):
    consents.give(user=citizen, purpose=Q, via="questionnaire")
    client.force_login(citizen)
    data = form_data()
    del data["who5_3"]
    data["who5_1"] = "5"
    response = client.post(reverse("outcomes_questionnaires"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#id_who5_3"' in page
    kept = re.search(r'<input[^>]*name="who5_1"[^>]*value="5"[^>]*>', page).group(0)
    assert "checked" in kept
    assert not Response.objects.exists()


@pytest.mark.parametrize("bad", ["7", "-1", "x", ""])
def test_bad_answers_never_give_a_500(client, citizen, bad):
    consents.give(user=citizen, purpose=Q, via="questionnaire")
    client.force_login(citizen)
    data = form_data()
    data["who5_2"] = bad
    data["unwanted_alone"] = "maybe"
    assert client.post(reverse("outcomes_questionnaires"), data).status_code == 400


def test_low_wellbeing_gives_a_warm_pointer_to_support_only_to_the_person(client, citizen):
    consents.give(user=citizen, purpose=Q, via="questionnaire")
    client.force_login(citizen)
    response = client.post(
        reverse("outcomes_questionnaires"), form_data(who5=(2, 2, 2, 2, 2)), follow=True
    )
    page = response.content.decode()
    validate_html(page)
    assert Response.objects.get(user=citizen).who5_raw == 10
    assert reverse("support_home") in page and "70 201 201" in page
    assert "din egen læge" in page.lower()
    # Shown once, right after answering.
    assert "70 201 201" not in client.get(reverse("outcomes_questionnaires")).content.decode()


def test_loneliness_gives_the_pointer_and_good_answers_do_not(client, citizen, outsider):
    consents.give(user=citizen, purpose=Q, via="questionnaire")
    consents.give(user=outsider, purpose=Q, via="questionnaire")
    client.force_login(citizen)
    page = client.post(
        reverse("outcomes_questionnaires"),
        form_data(who5=(5, 5, 5, 5, 5), ucla3=(3, 2, 2)),
        follow=True,
    ).content.decode()
    assert "70 201 201" in page
    client.force_login(outsider)
    page = client.post(
        reverse("outcomes_questionnaires"), form_data(who5=(4, 4, 4, 4, 4)), follow=True
    ).content.decode()
    assert "70 201 201" not in page and "Tak for dine svar" in page


def test_stopping_on_the_page_deletes_the_answers(client, aalborg_postcode):
    user = member(aalborg_postcode)
    client.force_login(user)
    response = client.post(reverse("questionnaire_consent_withdraw", args=["questionnaires"]))
    assert response.status_code == 302
    assert not Response.objects.filter(user=user).exists()
    assert not consents.has_consent(user, Q)


def test_withdrawing_an_unknown_purpose_changes_nothing(client, aalborg_postcode):
    user = member(aalborg_postcode)
    client.force_login(user)
    client.post(reverse("questionnaire_consent_withdraw", args=["terms"]))
    assert Response.objects.filter(user=user).count() == 2


def test_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("outcomes_questionnaires"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_answers_are_in_the_export_and_go_with_erasure(aalborg_postcode):
    from belong.outcomes import privacy

    user = member(aalborg_postcode)
    exported = privacy.export(user)["questionnaire_answers"]
    assert [row["wave"] for row in exported] == [0, 3]
    privacy.erase(user)
    assert not Response.objects.filter(user=user).exists()


def test_the_overview_invites_once_after_sign_up_and_when_a_round_is_ready(
    client, aalborg_postcode
):
    new = UserFactory(postcode=aalborg_postcode)
    client.force_login(new)
    assert "Vil du hjælpe os" in client.get(reverse("home")).content.decode()
    # Once the first round closes without a yes, nobody is pressed again.
    new.date_joined = clock.now() - datetime.timedelta(days=100)
    new.save(update_fields=["date_joined"])
    page = client.get(reverse("home")).content.decode()
    assert "Vil du hjælpe os" not in page and "nye spørgsmål" not in page
    # A citizen who said yes hears when a round is ready, and not when it is answered.
    consents.give(user=new, purpose=Q, via="questionnaire")
    assert "Der er nye spørgsmål klar til dig" in client.get(reverse("home")).content.decode()
    answer(new, who5=15, ucla3=4, when=clock.now())
    assert "nye spørgsmål" not in client.get(reverse("home")).content.decode()
