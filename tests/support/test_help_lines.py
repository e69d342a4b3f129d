"""The help lines after silence or a kind "no": one data file, the right lines for each age."""

import datetime
import json
import re

from django.urls import reverse

from belong.core import clock
from belong.core.help_lines import DATA, _load, help_lines_for
from belong.messaging.closure import close_silent_conversations
from belong.messaging.models import Outbox
from belong.messaging.services import send_ready_reply, start_conversation
from belong.messaging.tasks import render_email
from tests.factories import UserFactory, make_post, years_ago


def test_the_data_file_holds_every_line_with_a_well_formed_number():
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    assert set(raw) == {"youth", "adult"}
    numbers = {line["name"]: line["phone"] for lines in raw.values() for line in lines}
    assert numbers["Børnetelefonen"] == "116 111"
    assert numbers["Livslinien"] == "70 201 201"
    for lines in _load().values():
        for line in lines:
            assert line.url.startswith("https://") and line.about
            if line.phone:
                assert re.fullmatch(r"\+45\d{6,8}", line.tel), line


def test_minors_get_the_youth_lines_and_adults_the_national_ones(citizen, minor):
    assert [line.name for line in help_lines_for(minor)] == ["Børnetelefonen", "Cyberhus"]
    assert [line.name for line in help_lines_for(citizen)] == ["Livslinien"]


def test_a_closed_silence_shows_the_support_button_and_help_lines(
    client, citizen, aalborg_postcode
):
    bo = UserFactory(display_name="Bo", postcode=aalborg_postcode)
    conversation = start_conversation(
        sender=citizen, post=make_post(bo), body="Hej Bo", client_token=None
    ).conversation
    with clock.set_to(clock.now() + datetime.timedelta(days=8)):
        close_silent_conversations()
    _subject, body = render_email(Outbox.objects.get(kind="closure"))
    assert "70 201 201" in body and "/stoette/" in body
    client.force_login(citizen)
    page = client.get(reverse("conversation", args=[conversation.pk])).content.decode()
    assert "Du står ikke alene med det" in page
    assert reverse("support_home") in page
    assert "70 201 201" in page and "116 111" not in page
    # Bo, who did not answer, is not shown the offer.
    client.force_login(bo)
    page = client.get(reverse("conversation", args=[conversation.pk])).content.decode()
    assert "Du står ikke alene med det" not in page


def test_a_minor_declined_kindly_sees_the_youth_lines(client, aalborg_postcode):
    sofie = UserFactory(display_name="Sofie", birth_date=years_ago(15), postcode=aalborg_postcode)
    emma = UserFactory(display_name="Emma", birth_date=years_ago(16), postcode=aalborg_postcode)
    conversation = start_conversation(
        sender=sofie, post=make_post(emma), body="Hej Emma", client_token=None
    ).conversation
    send_ready_reply(sender=emma, conversation=conversation, reply="decline", client_token=None)
    client.force_login(sofie)
    page = client.get(reverse("conversation", args=[conversation.pk])).content.decode()
    assert "116 111" in page and "Cyberhus" in page and "Livslinien" not in page
