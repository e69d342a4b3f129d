# ruff: noqa: E501  (the reference is the template loop, line for line)
"""The conversation page's speech bubbles are drawn in Python (messaging.message_bubbles):
the same HTML as the template loop they replace, kept here as the reference, for every kind
of message, in Danish and English."""

import datetime
import re

import pytest
from django.template import engines
from django.utils import timezone, translation

from belong.messaging import meetings, services
from belong.messaging.models import Message, MessageKind
from belong.messaging.projections import messages_for_reader, staff_label
from belong.messaging.templatetags.messaging import message_bubbles

REFERENCE = (
    "{% load i18n messaging %}{% for message in thread %}"
    """
      <li class="bubble {% if message.from_belong %}note{% elif message.sent_by_me %}mine{% else %}theirs{% endif %}" id="besked-{{ message.pk }}">
        <p class="who">{% if message.from_belong %}Belong{% elif message.sent_by_me %}{% translate "You" %}{% else %}{{ other.display_name|default:_("Deleted user") }}{% if message.kind == "staff" %}, {{ staff_label }}{% endif %}{% endif %} · <time datetime="{{ message.created_at|date:'c' }}">{{ message.created_at|date:"SHORT_DAY_TIME_FORMAT" }}</time></p>
        {% if message.kind == "closure" %}
          <p>{% translate "We have closed this conversation because there has been no answer for a week. It is not about you: people are sometimes busy or no longer look in here. There are many others who would like company, so have a look at other posts." %}</p>
          <p><a href="{% url 'search' %}">{% translate "See other posts" %}</a></p>
        {% elif message.kind == "adult" %}
          <p>{{ message.text }}</p>
        {% elif message.hidden %}
          <p class="muted">{{ message.text }}</p>
        {% else %}
          <div class="text">{{ message.text|message_text }}</div>
          {% if message.may_report %}<p class="report-link"><a href="{% url 'conversation_report' conversation.pk %}?besked={{ message.pk }}">{% translate "Report this message" %}</a></p>{% endif %}
        {% endif %}
        {% if message.proposes_meeting %}
          <p class="meeting-card"><strong>{% translate "Suggested meeting" %}:</strong> {{ message.meeting.starts_at|date:"WEEKDAY_DATETIME_FORMAT" }}, {{ message.meeting.place }} · {{ message.meeting.get_status_display }}</p>
        {% endif %}
      </li>
"""
    "{% endfor %}"
)


def squeeze(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_bubbles_are_the_template_loops_html(bo, citizen, conversation, language):
    services.send_message(
        sender=citizen,
        conversation=conversation,
        body="Hej Bo <b>&</b> se www.example.com\nNy linje",
        client_token="bubble-1",
    )
    meetings.propose_meeting(
        proposer=bo,
        conversation=conversation,
        starts_at=timezone.now() + datetime.timedelta(days=2),
        place="Café <Nord>",
    )
    hidden = services.send_message(
        sender=citizen, conversation=conversation, body="Skjult", client_token="bubble-2"
    )
    Message.objects.filter(pk=hidden.pk).update(hidden_at=timezone.now())
    for kind, body in [(MessageKind.CLOSURE, ""), (MessageKind.ADULT, "Du er nu voksen.")]:
        Message.objects.create(
            conversation=conversation, sender=None, recipient=bo, kind=kind, body=body
        )
    Message.objects.create(
        conversation=conversation,
        sender=citizen,
        recipient=bo,
        kind=MessageKind.STAFF,
        body="Fra kommunen",
    )
    rows = conversation.messages.select_related("meeting").order_by("created_at", "pk")
    for reader in (bo, citizen):
        thread = messages_for_reader(rows, reader)
        other = conversation.other(reader)
        label = staff_label(conversation) or "Fra kommunens facilitator"
        with translation.override(language):
            expected = (
                engines["django"]
                .from_string(REFERENCE)
                .render(
                    {
                        "thread": thread,
                        "conversation": conversation,
                        "other": other,
                        "staff_label": label,
                    }
                )
            )
            drawn = message_bubbles(thread, conversation, other, label)
        assert len(thread) == 7
        assert squeeze(drawn) == squeeze(expected)


def test_a_deleted_person_is_named_kindly(bo, conversation):
    thread = messages_for_reader(conversation.messages.all(), bo)
    with translation.override("da"):
        assert "Slettet bruger" not in message_bubbles(thread, conversation, bo, "")
        html = message_bubbles(
            messages_for_reader(conversation.messages.all(), conversation.recipient),
            conversation,
            None,
            "",
        )
    assert "Slettet bruger" in html
