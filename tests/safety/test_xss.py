"""Script payloads in every text a person writes stay text on every page that shows it.

Each payload goes into every user text field (display name, about me, post title and body,
draft, message, meeting place, saved search name, report details, a moderator's reason, an
appeal, a municipality's guidance and word list, the search box, a help request's name and
description, an assisted citizen's name and first post, an API key's name); every page that
shows them (the citizen's, the moderator's and the IT supporter's) is parsed (html5lib)
and must hold no injected element, no inline handler, no `javascript:` link and no script
without the page's nonce.
"""

from __future__ import annotations

import datetime

import html5lib
import pytest
from django.urls import reverse
from django.utils import timezone

from belong.messaging.models import Meeting, Message
from belong.posts.models import Draft, Post, SavedSearch
from belong.safety.models import ModerationSettings, Notice
from tests.factories import UserFactory, make_post, post_fields
from tests.staff import make_staff, sign_in_staff

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "javascript:alert(1)",
    '<a href="javascript:alert(1)">klik her</a>',
    'https://example.dk/"onmouseover=alert(1)//',
    "<iframe src=javascript:alert(1)></iframe>",
    "<b onmouseover=alert(1)>fed</b><style>*{display:none}</style>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "{{ request }}{% csrf_token %}<object data=x></object>",
]
# Elements Belong's templates never use; any of them in a page was injected.
FOREIGN_TAGS = {"img", "svg", "iframe", "object", "embed", "math", "style", "base", "frame"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href"}


def injected(content: bytes) -> list[str]:
    """What in this page did not come from our templates."""
    document = html5lib.parse(content, namespaceHTMLElements=False)
    found = []
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.rsplit("}", 1)[-1]
        if tag in FOREIGN_TAGS:
            found.append(f"<{tag}>")
        if tag == "script" and not (
            element.get("src", "").startswith("/static/") and element.get("nonce")
        ):
            if element.get("type") != "application/json":
                found.append(f"<script {element.attrib}>")
        for name, value in element.attrib.items():
            name = name.rsplit("}", 1)[-1].lower()
            if name.startswith("on"):
                found.append(f"<{tag} {name}=...>")
            compact = "".join(value.split()).lower()
            if name in URL_ATTRIBUTES and compact.startswith(("javascript:", "data:", "vbscript:")):
                found.append(f"<{tag} {name}={value!r}>")
    return found


def page_text(content: bytes) -> str:
    document = html5lib.parse(content, namespaceHTMLElements=False)
    return "".join(document.itertext())


def assert_clean(response, where, shows: str | None = None):
    assert response.status_code == 200, f"{where}: {response.status_code}"
    problems = injected(response.content)
    assert not problems, f"{where} carries injected markup: {problems}"
    if shows is not None:  # the payload is really on the page, as text
        assert shows in page_text(response.content), f"{where} does not show the text"


@pytest.fixture
def written(aalborg_postcode, citizen):
    """Return a function that fills every text field with `payload` and returns the world."""
    from belong.accounts.services import create_api_token
    from belong.assisted.services import assisted_signup
    from belong.messaging.meetings import propose_meeting
    from belong.messaging.services import start_conversation
    from belong.moderation.services import act_on_report, appeal_action, report_content
    from belong.municipalities.help import request_help

    def fill(payload):
        citizen.display_name = payload[:40]
        citizen.about = payload
        citizen.save()
        writer = UserFactory(display_name=payload[:40], about=payload, postcode=aalborg_postcode)
        reader = UserFactory(display_name="Ole", postcode=aalborg_postcode)
        post = make_post(citizen, title="Gåtur", body="Jeg går gerne ture.")
        # Straight into the rows: escaping must not depend on form validation.
        Post.objects.filter(pk=post.pk).update(title=payload[:120], body=payload)
        post.refresh_from_db()
        conversation = start_conversation(
            sender=writer, post=post, body=payload, client_token="xss-first-0001"
        ).conversation
        propose_meeting(
            proposer=writer,
            conversation=conversation,
            starts_at=timezone.now() + datetime.timedelta(days=2),
            place="Café Nord",
        )
        Meeting.objects.filter(conversation=conversation).update(place=payload[:200])
        SavedSearch.objects.create(owner=citizen, name=payload[:80], query={"q": payload})
        Draft.objects.update_or_create(
            author=citizen, post=None, defaults={"data": {"title": payload, "body": payload}}
        )
        # Reports with the payload as details: the writer's first message and profile (by the
        # citizen, one of them urgent), and the citizen's post (by the reader).
        message = Message.objects.filter(conversation=conversation, sender=writer).first()
        about_message = report_content(
            reporter=citizen, target="message", obj=message, reason="self_harm", details=payload
        )
        about_profile = report_content(
            reporter=citizen, target="profile", obj=writer, reason="other", details=payload
        )
        about_post = report_content(
            reporter=reader, target="post", obj=post, reason="harassment", details=payload
        )
        aalborg = aalborg_postcode.municipality
        ModerationSettings.objects.update_or_create(
            municipality=aalborg, defaults={"guidance": payload, "word_list": payload}
        )
        moderator = make_staff(
            aalborg,
            "moderator",
            "administrator",
            "it_supporter",
            "facilitator",
            display_name="Mette",
            postcode=aalborg_postcode,
        )
        # The citizen asks the IT support for help and names an API key with the payload;
        # the staff member signs up a citizen whose name and first post are the payload.
        help_request = request_help(
            citizen=citizen,
            limit_key="xss",
            municipality=aalborg,
            name=payload[:80],
            contact="email",
            email="anne@example.dk",
            description=payload,
        )
        create_api_token(user=citizen, name=payload[:60])
        assisted, _post, _code = assisted_signup(
            staff=moderator,
            display_name=payload[:40],
            birth_date=datetime.date(1948, 3, 2),
            gender="woman",
            postcode=aalborg_postcode,
            email=None,
            post_fields=post_fields(title=payload[:120], body=payload),
        )
        # The moderator warns the citizen with the payload as reason; she appeals with it.
        warning = act_on_report(moderator=moderator, report=about_post, kind="warn", reason=payload)
        appeal = appeal_action(user=citizen, action=warning, text=payload)
        return {
            "post": post,
            "conversation": conversation,
            "writer": writer,
            "reader": reader,
            "moderator": moderator,
            "reports": [about_message, about_profile, about_post],
            "notice": Notice.objects.get(action=warning),
            "appeal": appeal,
            "help_request": help_request,
            "assisted": assisted,
        }

    return fill


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_stay_text_on_every_page(client, citizen, written, payload):
    world = written(payload)
    post, conversation = world["post"], world["conversation"]

    client.force_login(citizen)
    pages = {
        "post_detail": reverse("post_detail", args=[post.pk]),
        "post_edit": reverse("post_edit", args=[post.pk]),
        "post_new (draft)": reverse("post_new"),
        "my_posts": reverse("my_posts"),
        "conversation": reverse("conversation", args=[conversation.pk]),
        "conversation_messages": reverse("conversation_messages", args=[conversation.pk]),
        "inbox": reverse("inbox"),
        "profile": reverse("profile"),
        "profile_edit": reverse("profile_edit"),
        "saved_searches": reverse("saved_searches"),
        "conversation_report": reverse("conversation_report", args=[conversation.pk]),
        "conversation_block": reverse("conversation_block", args=[conversation.pk]),
        "meeting_propose": reverse("meeting_propose", args=[conversation.pk]),
    }
    shown = {
        "post_detail": payload[:120],
        "my_posts": payload[:120],
        "conversation": payload,
        "inbox": payload[:40],
        "profile": payload,
        "saved_searches": payload[:80],
    }
    for where, url in pages.items():
        assert_clean(client.get(url), where, shows=shown.get(where))
    # Reflected: the search box and the saved-search message echo what was typed.
    assert_clean(client.get(reverse("search"), {"q": payload}), "search (own words)")
    response = client.post(
        reverse("saved_search_create"), {"q": payload, "name": payload[:80]}, follow=True
    )
    assert_clean(response, "saved search message")

    # Someone else sees the post, its author's name and the card in search results.
    client.force_login(world["reader"])
    assert_clean(client.get(reverse("post_detail", args=[post.pk])), "post_detail (reader)")
    assert_clean(client.get(reverse("conversation_start", args=[post.pk])), "conversation_start")
    assert_clean(client.get(reverse("search"), {"where": "country"}), "search results")

    # The citizen reads the moderator's decision.
    client.force_login(citizen)
    notice = world["notice"]
    assert_clean(client.get(reverse("notices")), "notices")
    assert_clean(
        client.get(reverse("notice_detail", args=[notice.pk])), "notice_detail", shows=payload
    )

    # The moderator, signed in with a second factor, reads the queue, each report, the
    # appeal, and the administrator's pages that show names, guidance and the word list.
    sign_in_staff(client, world["moderator"])
    aalborg = world["moderator"].staff_roles.first().municipality
    assert_clean(client.get(reverse("moderation_queue")), "moderation_queue", shows=payload)
    for report in world["reports"]:
        where = f"moderation_report ({report.target})"
        url = reverse("moderation_report", args=[report.pk])
        assert_clean(client.get(url), where, shows=payload)
    assert_clean(
        client.get(reverse("moderation_appeal", args=[world["appeal"].pk])),
        "moderation_appeal",
        shows=payload,
    )
    assert_clean(client.get(reverse("moderation_settings", args=[aalborg.pk])), "settings")
    assert_clean(client.get(reverse("access_log", args=[aalborg.pk])), "access_log")
    assert_clean(client.get(reverse("staff_birth_date", args=[citizen.pk])), "staff_birth_date")

    # The same staff member as IT supporter and facilitator: the help queue, the request,
    # the assisted citizens and a citizen's printed guide.
    assert_clean(client.get(reverse("help_queue")), "help_queue", shows=payload[:80])
    help_request = world["help_request"]
    assert_clean(
        client.get(reverse("help_request_detail", args=[help_request.pk])),
        "help_request_detail",
        shows=payload,
    )
    assert_clean(client.get(reverse("assisted_list")), "assisted_list", shows=payload[:40].strip())
    assert_clean(
        client.get(reverse("assisted_guide", args=[world["assisted"].pk])),
        "assisted_guide",
        shows=payload[:40].strip(),
    )
    # Typed into the assisted sign-up form: a new account's guide, or the form again.
    response = client.post(
        reverse("assisted_signup"),
        {
            "consent": "on",
            "display_name": payload[:40],
            "birth_date_0": "3",
            "birth_date_1": "4",
            "birth_date_2": "1948",
            "gender": "woman",
            "postcode": "9000",
            "email": "",
            "title": payload[:120],
            "body": payload,
            "motive": "friend",
        },
        follow=True,
    )
    assert_clean(response, "assisted_signup (sent)")

    # The key's name on the citizen's profile page.
    client.force_login(citizen)
    assert_clean(client.get(reverse("profile")), "profile (API keys)", shows=payload[:60].strip())
    response = client.post(reverse("api_token_create"), {"name": payload[:60]}, follow=True)
    assert_clean(response, "api_token_create (sent)")
    # Typed into "Get help" by someone without an account: sent, or the form again.
    client.logout()
    response = client.post(
        reverse("help_request"),
        {"name": payload[:80], "contact": "email", "email": "x", "description": payload},
    )
    assert_clean(response, "help_request (form with errors)")


@pytest.mark.parametrize("payload", PAYLOADS[:4])
def test_a_failed_form_echoes_payloads_as_text(client, citizen, payload):
    client.force_login(citizen)
    # Too long to save: the form comes back with the text in it.
    response = client.post(reverse("post_new"), {"title": payload, "body": payload * 400})
    assert_clean(response, "post form with errors")
    response = client.post(
        reverse("profile_edit"), {"display_name": payload * 10, "about": payload}
    )
    assert_clean(response, "profile form with errors")


def test_the_checker_finds_injected_markup():
    """The test above can fail: the checker sees what a missing escape would let through."""
    page = (
        b"<!DOCTYPE html><html><head><title>x</title></head><body>"
        b'<p><img src=x onerror=alert(1)></p><a href=" javascript:alert(1)">x</a>'
        b"<script>alert(1)</script><svg onload=alert(1)></svg></body></html>"
    )
    problems = injected(page)
    assert "<img>" in problems and "<svg>" in problems
    assert any("javascript" in problem for problem in problems)
    assert any(problem.startswith("<script") for problem in problems)
    assert any("onerror" in problem for problem in problems)
