"""Dates are written as each language writes them: Danish months in Danish, English in English."""

import datetime
import importlib
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import FORMAT_SETTINGS

from belong.messaging import meetings, services
from belong.messaging.models import Message, MessageKind
from tests.factories import UserFactory, make_post

BELONG = Path(__file__).resolve().parents[2] / "belong"
DATE_FILTER = re.compile(r"""\|date:["']([^"']*)["']""")
# Django's own formats that are not names of a written date.
MACHINE_FORMATS = {"c", "U"}


def named_formats_in_templates() -> dict[str, list[Path]]:
    used: dict[str, list[Path]] = {}
    for path in BELONG.rglob("templates/**/*"):
        if path.suffix in {".html", ".txt"}:
            for name in DATE_FILTER.findall(path.read_text()):
                used.setdefault(name, []).append(path)
    return used


def test_templates_name_a_format_instead_of_spelling_one_out():
    # A spelled-out format ("j. M H:i") writes "1. Dec" on a Danish page and "kl." on an
    # English one; a named one follows the page's language.
    spelled = {
        name: [str(p.relative_to(BELONG)) for p in paths]
        for name, paths in named_formats_in_templates().items()
        if name not in MACHINE_FORMATS and not name.endswith("_FORMAT")
    }
    assert not spelled, f"use a named format from belong/core/formats/: {spelled}"


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_every_named_format_exists_in_every_language(language):
    module = importlib.import_module(f"belong.core.formats.{language}.formats")
    for name in named_formats_in_templates():
        if name in MACHINE_FORMATS or name in FORMAT_SETTINGS:
            continue
        assert hasattr(module, name), f"{name} is missing for {language}"


@pytest.fixture
def december_conversation(citizen, aalborg_postcode):
    bo = UserFactory(email="bo@example.dk", display_name="Bo", postcode=aalborg_postcode)
    post = make_post(citizen, title="Gåtur ved fjorden")
    conversation = services.start_conversation(
        sender=bo, post=post, body="Hej Anne!", client_token="tok-december"
    ).conversation
    when = timezone.make_aware(datetime.datetime(2026, 12, 1, 12, 49))  # noqa: DTZ001
    Message.objects.filter(conversation=conversation).update(created_at=when)
    conversation.last_message_at = when
    conversation.save(update_fields=["last_message_at"])
    return conversation


def test_the_inbox_writes_danish_months_in_danish(client, citizen, december_conversation):
    client.force_login(citizen)
    html = client.get(reverse("inbox")).content.decode()
    assert "1. dec 12:49" in html
    assert "Dec" not in html


def test_the_inbox_writes_english_months_in_english(client, citizen, december_conversation):
    client.force_login(citizen)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("inbox")).content.decode()
    assert "1 Dec 12:49" in html


def test_a_conversation_writes_its_times_in_the_readers_language(
    client, citizen, december_conversation
):
    url = reverse("conversation", args=[december_conversation.pk])
    client.force_login(citizen)
    assert "1. dec 12:49" in client.get(url).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "1 Dec 12:49" in client.get(url).content.decode()


@pytest.mark.parametrize(
    ("language", "written"),
    [("da", "mandag 7. december kl. 18:30"), ("en", "Monday 7 December, 18:30")],
)
def test_a_meeting_suggestion_names_the_day_in_the_proposers_language(
    citizen, december_conversation, language, written
):
    now = timezone.make_aware(datetime.datetime(2026, 12, 1, 13, 0))  # noqa: DTZ001
    starts_at = timezone.make_aware(datetime.datetime(2026, 12, 7, 18, 30))  # noqa: DTZ001
    with translation.override(language):
        meetings.propose_meeting(
            proposer=citizen,
            conversation=december_conversation,
            starts_at=starts_at,
            place="Café Luna",
            now=now,
        )
    body = Message.objects.get(kind=MessageKind.MEETING).body
    assert written in body
