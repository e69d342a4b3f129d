"""In a real browser, script payloads in what people write never run: no dialog opens and
the Content-Security-Policy reports nothing on Belong's own pages."""

import pytest
from django.urls import reverse

from belong.messaging.services import start_conversation
from belong.posts.models import Post
from tests.browser.test_posts_journey import log_in
from tests.factories import UserFactory, make_post
from tests.safety.test_xss import PAYLOADS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_no_payload_opens_a_dialog_and_the_csp_stays_quiet(page, live_server, aalborg_postcode):
    anne = UserFactory(email="anne@example.dk", display_name="Anne", postcode=aalborg_postcode)
    anne.about = " ".join(PAYLOADS)
    anne.save()
    writer = UserFactory(display_name='"><img src=x onerror=alert(1)>', postcode=aalborg_postcode)
    posts = []
    for n, payload in enumerate(PAYLOADS):
        post = make_post(anne, title=f"Opslag {n}", body="Tekst")
        Post.objects.filter(pk=post.pk).update(title=payload[:120], body=payload)
        posts.append(post)
    conversation = start_conversation(
        sender=writer, post=posts[0], body="\n".join(PAYLOADS), client_token="xss-browser-1"
    ).conversation

    dialogs, violations = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    log_in(page, live_server, "anne@example.dk")
    urls = [
        reverse("post_detail", args=[posts[1].pk]),
        reverse("post_edit", args=[posts[3].pk]),
        reverse("my_posts"),
        reverse("profile"),
        reverse("conversation", args=[conversation.pk]),
        f"{reverse('search')}?where=country&q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    ]
    for url in urls:
        page.goto(live_server.url + url)
        page.wait_for_load_state("load")
        # Hover over everything a payload could have turned into a handler.
        page.get_by_role("main").hover()
    assert dialogs == [], dialogs
    assert violations == [], violations
