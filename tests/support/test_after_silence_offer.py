"""After silence or a kind "no": three suggestions with their reasons, an activity nearby,
the support request and the help lines, on the page and in the e-mail."""

import datetime

from django.urls import reverse

from belong.core import clock
from belong.messaging.closure import close_silent_conversations
from belong.messaging.models import Outbox
from belong.messaging.services import send_ready_reply, start_conversation
from belong.messaging.tasks import render_email
from belong.municipalities.models import StaffRole
from tests.factories import UserFactory, make_post, years_ago
from tests.html import validate_html
from tests.local_life import make_activity
from tests.staff import make_staff


def others_who_walk(postcode, count=4, **user_fields):
    for n in range(count):
        person = UserFactory(display_name=f"Gående {n}", postcode=postcode, **user_fields)
        make_post(person, title=f"Gåtur nummer {n}", interests=["walks-nature"])


def test_a_closed_silence_offers_suggestions_an_activity_support_and_help(
    client, citizen, aalborg, aalborg_postcode
):
    make_post(citizen, title="Jeg søger en at gå med", interests=["walks-nature"])
    bo = UserFactory(display_name="Bo", postcode=aalborg_postcode)
    conversation = start_conversation(
        sender=citizen, post=make_post(bo, title="Bos gåtur"), body="Hej Bo", client_token=None
    ).conversation
    others_who_walk(aalborg_postcode)
    facilitator = make_staff(aalborg, StaffRole.Role.FACILITATOR, postcode=aalborg_postcode)
    make_activity(facilitator, title="Fællesgåtur i Kildeparken")
    with clock.set_to(clock.now() + datetime.timedelta(days=8)):
        close_silent_conversations()

    client.force_login(citizen)
    page = client.get(reverse("conversation", args=[conversation.pk])).content.decode()
    validate_html(page)
    assert "Mennesker, der måske passer til det, du søger" in page
    assert page.count("Gåtur nummer") == 3  # three, never the one who did not answer
    assert "Bos gåtur" not in page.split("efter-stilhed")[1]
    assert "I kan begge lide gåture og natur" in page  # a reason, in plain words
    assert "En aktivitet nær dig" in page and "Fællesgåtur i Kildeparken" in page
    assert reverse("support_home") in page and "70 201 201" in page

    _subject, body = render_email(Outbox.objects.get(kind="closure"))
    assert body.count("Gåtur nummer") == 3
    assert "I kan begge lide gåture og natur" in body
    assert "Fællesgåtur i Kildeparken" in body
    assert "/stoette/" in body and "70 201 201" in body


def test_a_kind_no_sends_an_email_with_the_offer(client, citizen, aalborg_postcode):
    bo = UserFactory(display_name="Bo", postcode=aalborg_postcode)
    conversation = start_conversation(
        sender=citizen, post=make_post(bo), body="Hej Bo", client_token=None
    ).conversation
    others_who_walk(aalborg_postcode, count=2)
    send_ready_reply(sender=bo, conversation=conversation, reply="decline", client_token=None)
    subject, body = render_email(Outbox.objects.get(kind="declined", recipient=citizen))
    assert subject == "Et venligt svar på Belong"
    assert "Det handler ikke om, hvem du er" in body
    assert body.count("Gåtur nummer") == 2
    assert "70 201 201" in body
    client.force_login(citizen)
    page = client.get(reverse("conversation", args=[conversation.pk])).content.decode()
    assert page.count("Gåtur nummer") == 2
    # The one who said no is offered nothing.
    client.force_login(bo)
    page = client.get(reverse("conversation", args=[conversation.pk])).content.decode()
    assert "Gåtur nummer" not in page


def test_a_minor_is_offered_only_what_the_youth_space_shows(client, aalborg, aalborg_postcode):
    sofie = UserFactory(display_name="Sofie", birth_date=years_ago(15), postcode=aalborg_postcode)
    emma = UserFactory(display_name="Emma", birth_date=years_ago(16), postcode=aalborg_postcode)
    conversation = start_conversation(
        sender=sofie, post=make_post(emma), body="Hej Emma", client_token=None
    ).conversation
    others_who_walk(aalborg_postcode, count=2)  # adults: never shown to a minor
    young = UserFactory(display_name="Ida", birth_date=years_ago(15), postcode=aalborg_postcode)
    make_post(young, title="Ung gåtur", interests=["walks-nature"])
    facilitator = make_staff(aalborg, StaffRole.Role.FACILITATOR, postcode=aalborg_postcode)
    make_activity(facilitator, title="Voksenaften")  # for adults only
    make_activity(facilitator, title="Ungeklub", age_range="youth")
    send_ready_reply(sender=emma, conversation=conversation, reply="decline", client_token=None)
    client.force_login(sofie)
    page = client.get(reverse("conversation", args=[conversation.pk])).content.decode()
    validate_html(page)
    assert "Ung gåtur" in page and "Gåtur nummer" not in page
    assert "Ungeklub" in page and "Voksenaften" not in page
    assert "116 111" in page and "70 201 201" not in page
    _subject, body = render_email(Outbox.objects.get(kind="declined", recipient=sofie))
    assert "Ung gåtur" in body and "Gåtur nummer" not in body and "116 111" in body
