"""The citizen's export: a zip of plain JSON and CSV files with a README, from the profile
page and the API, holding their posts, their conversations as they see them, and the rest."""

import csv
import io
import json
import zipfile

import pytest
from django.utils import timezone

from belong.messaging.models import Message
from belong.messaging.services import send_message, start_conversation
from belong.privacy.export import build_export_zip
from tests.api.conftest import api_client_for
from tests.factories import make_post


@pytest.fixture
def talk(citizen, outsider):
    post = make_post(author=outsider, title="Gåtur ved fjorden")
    first = start_conversation(
        sender=citizen, post=post, body="Hej, jeg går også gerne tur", client_token=None
    )
    send_message(
        sender=outsider, conversation=first.conversation, body="Dejligt, Anne!", client_token=None
    )
    hidden = send_message(
        sender=outsider, conversation=first.conversation, body="Skjult ord", client_token=None
    )
    Message.objects.filter(pk=hidden.pk).update(hidden_at=timezone.now())
    make_post(author=citizen, title="Ny i byen")
    return first.conversation


def _open(content: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(content))


@pytest.mark.django_db
def test_the_zip_holds_a_readme_json_and_csv_with_posts_and_both_sides_of_a_talk(citizen, talk):
    archive = _open(build_export_zip(citizen))
    names = set(archive.namelist())
    assert {"README.txt", "all.json", "posts/posts.json", "posts/posts.csv"} <= names
    assert "messaging/conversation_messages.csv" in archive.read("README.txt").decode()

    posts = json.loads(archive.read("posts/posts.json"))
    assert [p["title"] for p in posts] == ["Ny i byen"]
    thread = json.loads(archive.read("messaging/conversation_messages.json"))
    assert [(m["from"], m["body"]) for m in thread] == [
        ("me", "Hej, jeg går også gerne tur"),
        ("Ole", "Dejligt, Anne!"),
        # Hidden while a moderator looks at it: the placeholder, as the conversation shows it.
        ("Ole", "Beskeden er skjult, mens en moderator ser på den."),
    ]
    assert thread[2]["hidden_by_moderation"] is True
    table = list(
        csv.DictReader(io.StringIO(archive.read("messaging/conversation_messages.csv").decode()))
    )
    assert table[1]["body"] == "Dejligt, Anne!"
    assert json.loads(archive.read("all.json"))["posts"]["posts"][0]["title"] == "Ny i byen"


@pytest.mark.django_db
def test_the_other_persons_export_does_not_show_the_first_persons_hidden_messages_differently(
    outsider, talk
):
    thread = json.loads(
        _open(build_export_zip(outsider)).read("messaging/conversation_messages.json")
    )
    # The sender sees their own message even while it is hidden from the other person.
    assert [m["body"] for m in thread if m["from"] == "me"] == ["Dejligt, Anne!", "Skjult ord"]


@pytest.mark.django_db
def test_the_page_offers_the_download_and_the_download_is_the_zip(client, citizen, talk):
    client.force_login(citizen)
    page = client.get("/profil/mine-data/")
    assert page.status_code == 200
    assert "/profil/mine-data/hent/" in page.content.decode()
    assert "/profil/mine-data/" in client.get("/profil/").content.decode()
    download = client.get("/profil/mine-data/hent/")
    assert download["Content-Type"] == "application/zip"
    assert "attachment" in download["Content-Disposition"]
    assert "posts/posts.json" in _open(download.content).namelist()


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client):
    assert client.get("/profil/mine-data/hent/").status_code == 302


@pytest.mark.django_db
def test_the_api_gives_the_same_export_as_tables(citizen, talk):
    answer = api_client_for(citizen).get("/me/export")
    assert answer.status_code == 200
    parts = {(p["app"], p["kind"]): p for p in answer.json()["parts"]}
    posts = parts["posts", "posts"]
    assert posts["rows"][0][posts["columns"].index("title")] == "Ny i byen"
    thread = parts["messaging", "conversation_messages"]
    assert thread["rows"][1][thread["columns"].index("body")] == "Dejligt, Anne!"
