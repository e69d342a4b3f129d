"""Personal data is declared app by app (`<app>/privacy.py`), and every model that holds a
person's data is declared somewhere: a new one fails here until its app says how to export
and erase it."""

import json

import pytest
from django.apps import apps
from django.conf import settings

from belong.messaging.models import Message
from belong.messaging.services import start_conversation
from belong.posts.models import Post
from belong.privacy.registry import (
    entries,
    erase_personal_data,
    export_personal_data,
    personal_data_models,
)
from belong.safety.services import block_user
from tests.factories import make_post

# Field names that are a person's data wherever they appear.
PERSONAL_FIELDS = {"email", "phone", "birth_date", "display_name", "name", "contact", "address"}


def holds_personal_data(model) -> bool:
    for field in model._meta.get_fields():
        related = getattr(field, "related_model", None)
        if field.concrete and related is not None:
            if related._meta.label == settings.AUTH_USER_MODEL:
                return True
        if field.concrete and field.name in PERSONAL_FIELDS and model._meta.app_label != "places":
            return True
    return False


def test_every_model_with_personal_data_is_in_a_registry():
    belongs = [m for m in apps.get_models() if m.__module__.startswith("belong.")]
    missing = [
        m._meta.label for m in belongs if holds_personal_data(m) and m not in personal_data_models()
    ]
    assert missing == []


def test_every_entry_says_how_to_export_and_erase():
    assert {entry.__name__ for entry in entries()} >= {
        "belong.accounts.privacy",
        "belong.posts.privacy",
        "belong.messaging.privacy",
        "belong.safety.privacy",
    }
    for entry in entries():
        assert callable(entry.export) and callable(entry.erase), entry.__name__


@pytest.mark.django_db
def test_export_holds_what_each_app_keeps_and_erasure_removes_it(citizen, outsider):
    post = make_post(author=outsider, title="Gåtur ved fjorden")
    start_conversation(
        sender=citizen, post=post, body="Hej, jeg går også gerne tur", client_token=None
    )
    make_post(author=citizen, title="Ny i byen")
    block_user(blocker=citizen, blocked=outsider)

    exported = export_personal_data(citizen)
    json.dumps(exported)  # plain JSON values only
    assert exported["accounts"]["profile"][0]["email"] == "anne@example.dk"
    assert exported["posts"]["posts"][0]["title"] == "Ny i byen"
    assert exported["messaging"]["messages_sent"][0]["body"] == "Hej, jeg går også gerne tur"
    assert exported["safety"]["blocked"][0]["blocked__display_name"] == "Ole"

    erase_personal_data(citizen)
    citizen.refresh_from_db()
    assert citizen.email is None and citizen.display_name == "" and not citizen.is_active
    assert not Post.objects.filter(author=citizen).exists()
    assert Message.objects.get(sender=citizen).body == ""
    assert export_personal_data(citizen)["safety"]["blocked"] == []
