import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from belong.messaging import live, meetings, notifications, services
from belong.messaging.models import (
    Conversation,
    ConversationStatus,
    EmailMode,
    Meeting,
    MeetingStatus,
    Message,
)
from belong.safety.models import Block, Report
from tests.factories import UserFactory, make_post
from tests.html import validate_html


def test_a_post_offers_write_to_its_author_with_their_responsiveness(client, bo, post):
    client.force_login(bo)
    html = client.get(reverse("post_detail", args=[post.pk])).content.decode()
    validate_html(html)
    assert "Skriv til Anne" in html
    assert reverse("conversation_start", args=[post.pk]) in html
    assert "Har ikke fået mange beskeder her endnu" in html


def test_the_author_is_not_offered_to_write_to_herself(client, citizen, post):
    client.force_login(citizen)
    html = client.get(reverse("post_detail", args=[post.pk])).content.decode()
    assert "Skriv til Anne" not in html


def test_writing_first_from_a_post(client, bo, citizen, post):
    client.force_login(bo)
    page = client.get(reverse("conversation_start", args=[post.pk]))
    html = page.content.decode()
    validate_html(html)
    assert "Skriv til Anne" in html and "Gåtur ved fjorden" in html
    token = page.context["form"].initial["client_token"]
    data = {"body": "Hej Anne!\nJeg går også gerne ture.", "client_token": token}
    response = client.post(reverse("conversation_start", args=[post.pk]), data, follow=True)
    html = response.content.decode()
    validate_html(html)
    assert "Din besked er sendt." in html
    assert "Hej Anne!<br>Jeg går også gerne ture." in html
    assert "Fra opslaget af Anne" in html
    # A double click (the same form sent again) stores nothing more.
    client.post(reverse("conversation_start", args=[post.pk]), data)
    assert Message.objects.count() == 1
    # Anne sees the unread count in the header of every page.
    client.force_login(citizen)
    home = client.get(reverse("home")).content.decode()
    assert 'class="badge">1<span class="visually-hidden"> ulæste</span>' in home


def test_a_failed_first_message_keeps_what_was_typed(client, bo, post):
    client.force_login(bo)
    long_text = "Hej! " + "x" * 4000
    response = client.post(
        reverse("conversation_start", args=[post.pk]),
        {"body": long_text, "client_token": "keep-typed-1"},
    )
    html = response.content.decode()
    validate_html(html)
    assert "error-summary" in html
    assert "En besked kan højst være 4000 tegn." in html
    assert "Hej! xxxx" in html
    assert not Conversation.objects.exists()


def test_messages_are_plain_text_with_safe_links(client, bo, citizen, conversation):
    services.send_message(
        sender=citizen,
        conversation=conversation,
        body='<script>alert("x")</script>\nSe https://aalborg.dk/aktiviteter og <b>mig</b>',
        client_token="safe-text-1",
    )
    client.force_login(bo)
    html = client.get(reverse("conversation", args=[conversation.pk])).content.decode()
    validate_html(html)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>" in html
    assert '<a href="https://aalborg.dk/aktiviteter" rel="nofollow noopener noreferrer">' in html
    assert "&lt;b&gt;mig&lt;/b&gt;" in html


def test_reading_the_conversation_clears_the_unread_count(client, citizen, conversation):
    client.force_login(citizen)
    assert live.unread_count(citizen) == 1
    client.get(reverse("conversation", args=[conversation.pk]))
    assert live.unread_count(citizen) == 0


def test_sending_from_the_conversation_page(client, citizen, conversation):
    client.force_login(citizen)
    url = reverse("conversation_send", args=[conversation.pk])
    response = client.post(url, {"body": "Hej Bo", "client_token": "page-send-1"})
    assert response.status_code == 302
    client.post(url, {"body": "Hej Bo", "client_token": "page-send-1"})
    assert conversation.messages.filter(sender=citizen).count() == 1
    empty = client.post(url, {"body": "  ", "client_token": "page-send-2"})
    assert empty.status_code == 400
    assert "Skriv en besked, før du sender den." in empty.content.decode()


def test_the_polling_partial_shows_new_messages(client, bo, citizen, conversation):
    services.send_message(
        sender=citizen, conversation=conversation, body="Nyt svar", client_token="poll-msg-1"
    )
    client.force_login(bo)
    response = client.get(
        reverse("conversation_messages", args=[conversation.pk]), HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "Nyt svar" in html
    assert 'hx-trigger="every 5s' in html
    assert "<html" not in html


def test_a_ready_reply_and_the_warm_decline(client, bo, citizen, conversation):
    client.force_login(citizen)
    page = client.get(reverse("conversation", args=[conversation.pk])).content.decode()
    assert "Tak for din besked. Jeg tror ikke, vi passer sammen, men held og lykke!" in page
    url = reverse("conversation_ready_reply", args=[conversation.pk])
    client.post(url, {"reply": "decline", "client_token": "decline-page-1"})
    client.post(url, {"reply": "decline", "client_token": "decline-page-1"})
    assert conversation.messages.filter(sender=citizen).count() == 1
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.DECLINED
    client.force_login(bo)
    html = client.get(reverse("conversation", args=[conversation.pk])).content.decode()
    validate_html(html)
    assert "Anne har svaret dig venligt" in html
    assert "afvist" not in html.lower()
    assert "Skriv et svar" not in html


def test_inbox_lists_conversations_with_unread_counts_within_a_query_budget(
    client, citizen, post, aalborg_postcode, django_assert_max_num_queries
):
    for n in range(12):
        writer = UserFactory(postcode=aalborg_postcode)
        services.start_conversation(
            sender=writer, post=post, body=f"Hej nr. {n}", client_token=f"inbox-tok-{n}"
        )
    client.force_login(citizen)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("inbox"))
    html = response.content.decode()
    validate_html(html)
    assert html.count("1 ulæst") == 12
    assert "Hej nr. 11" in html


def test_the_conversation_page_has_a_query_budget(
    client, bo, citizen, conversation, django_assert_max_num_queries
):
    for n in range(15):
        sender = citizen if n % 2 else bo
        services.send_message(
            sender=sender, conversation=conversation, body=f"Besked {n}", client_token=f"budget-{n}"
        )
    meetings.propose_meeting(
        proposer=bo,
        conversation=conversation,
        starts_at=timezone.now() + datetime.timedelta(days=1),
        place="Café Nord",
    )
    client.force_login(citizen)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("conversation", args=[conversation.pk]))
    html = response.content.decode()
    validate_html(html)
    assert "Besked 14" in html
    assert "Bo foreslår et møde" in html


def test_a_long_conversation_shows_its_newest_messages_and_earlier_ones_a_link_away(
    client, bo, citizen, conversation, django_assert_max_num_queries
):
    meetings.propose_meeting(
        proposer=bo,
        conversation=conversation,
        starts_at=timezone.now() + datetime.timedelta(days=30),
        place="Café Nord",
    )
    start = timezone.now()
    Message.objects.bulk_create(
        [
            Message(
                conversation=conversation,
                sender=citizen if n % 2 else bo,
                recipient=bo if n % 2 else citizen,
                body=f"Besked nr. {n}.",
                created_at=start + datetime.timedelta(minutes=n),
            )
            for n in range(120)
        ]
    )
    client.force_login(citizen)
    url = reverse("conversation", args=[conversation.pk])
    with django_assert_max_num_queries(14):
        page = client.get(url)
    html = page.content.decode()
    validate_html(html)
    assert "Besked nr. 119." in html and "Besked nr. 70." in html
    assert "Besked nr. 69." not in html
    # The post's quote opens the conversation, not its newest stretch.
    assert "Fra opslaget af Anne" not in html
    # A meeting suggested long ago can still be answered.
    assert "Bo foreslår et møde" in html
    earlier = page.context["thread"].earlier_than
    assert f'href="{url}?foer={earlier}">Vis tidligere beskeder</a>' in html

    html = client.get(url, {"foer": earlier}).content.decode()
    validate_html(html)
    assert "Besked nr. 69." in html and "Besked nr. 20." in html
    assert "Besked nr. 70." not in html and "Besked nr. 19." not in html
    assert "Tilbage til de nyeste beskeder" in html
    assert "every 5s" not in html  # an earlier stretch is not replaced by the newest

    first = client.get(
        url, {"foer": client.get(url, {"foer": earlier}).context["thread"].earlier_than}
    )
    html = first.content.decode()
    assert "Hej Anne! Jeg går også gerne." in html and "Besked nr. 19." in html
    assert "Fra opslaget af Anne" in html
    assert first.context["thread"].earlier_than is None
    # Nonsense is the newest stretch, never an error.
    for odd in ["abc", "-1", "9" * 30, str(10**12)]:
        assert client.get(url, {"foer": odd}).status_code == 200


CONVERSATION_URLS = [
    ("conversation", "get"),
    ("conversation_messages", "get"),
    ("conversation_send", "post"),
    ("conversation_ready_reply", "post"),
    ("meeting_propose", "get"),
    ("conversation_block", "get"),
    ("conversation_block", "post"),
    ("conversation_report", "get"),
    ("conversation_report", "post"),
]


@pytest.mark.parametrize(("name", "method"), CONVERSATION_URLS)
def test_someone_elses_conversation_is_404(client, outsider, conversation, name, method):
    client.force_login(outsider)
    response = getattr(client, method)(reverse(name, args=[conversation.pk]))
    assert response.status_code == 404
    assert not Block.objects.exists() and not Report.objects.exists()
    assert conversation.messages.count() == 1


@pytest.mark.parametrize(("name", "method"), CONVERSATION_URLS)
def test_anonymous_visitors_are_sent_to_log_in(client, conversation, name, method):
    response = getattr(client, method)(reverse(name, args=[conversation.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_someone_elses_meeting_is_404(client, bo, outsider, conversation):
    meeting = meetings.propose_meeting(
        proposer=bo,
        conversation=conversation,
        starts_at=timezone.now() + datetime.timedelta(days=1),
        place="Café Nord",
    )
    client.force_login(outsider)
    assert (
        client.post(reverse("meeting_answer", args=[meeting.pk]), {"answer": "accept"}).status_code
        == 404
    )
    assert client.post(reverse("meeting_checkin", args=[meeting.pk])).status_code == 404
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PROPOSED


def test_adults_never_reach_the_write_page_of_a_youth_post(client, bo, minor):
    youth_post = make_post(minor)
    client.force_login(bo)
    assert client.get(reverse("conversation_start", args=[youth_post.pk])).status_code == 404
    response = client.post(
        reverse("conversation_start", args=[youth_post.pk]),
        {"body": "Hej", "client_token": "adult-to-minor"},
    )
    assert response.status_code == 404
    assert not Conversation.objects.exists()


def test_block_from_a_conversation_hides_posts_and_stops_messages(
    client, bo, citizen, post, conversation
):
    client.force_login(citizen)
    confirm = client.get(reverse("conversation_block", args=[conversation.pk])).content.decode()
    validate_html(confirm)
    assert "Vil du blokere Bo?" in confirm
    client.post(reverse("conversation_block", args=[conversation.pk]))
    assert Block.objects.filter(blocker=citizen, blocked=bo).exists()
    client.force_login(bo)
    assert client.get(reverse("post_detail", args=[post.pk])).status_code == 404
    response = client.post(
        reverse("conversation_send", args=[conversation.pk]),
        {"body": "Hallo?", "client_token": "after-block-1"},
    )
    assert response.status_code == 400
    assert conversation.messages.count() == 1


def test_report_asks_politely_for_a_reason_and_stores_the_report(client, bo, citizen, conversation):
    client.force_login(citizen)
    url = reverse("conversation_report", args=[conversation.pk])
    failed = client.post(url, {"details": "Han skrev grimme ting"})
    html = failed.content.decode()
    validate_html(html)
    assert "Vælg, hvad der er galt." in html
    assert "Han skrev grimme ting" in html
    client.post(url, {"reason": "harassment", "details": "Han skrev grimme ting"})
    report = Report.objects.get()
    first = conversation.messages.get()
    assert (report.reporter, report.reported, report.target, report.target_id) == (
        citizen,
        bo,
        "message",
        first.pk,
    )


def test_a_meeting_is_proposed_and_accepted_from_the_pages(client, bo, citizen, conversation):
    client.force_login(bo)
    url = reverse("meeting_propose", args=[conversation.pk])
    validate_html(client.get(url).content)
    past = client.post(url, {"day": "2001-01-01", "time": "15:00", "place": "Café Nord"})
    html = past.content.decode()
    assert "Vælg et tidspunkt, der ikke er gået endnu." in html
    assert 'value="Café Nord"' in html
    day = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    client.post(url, {"day": day, "time": "15:00", "place": "Café Nord"})
    meeting = Meeting.objects.get()
    client.force_login(citizen)
    page = client.get(reverse("conversation", args=[conversation.pk])).content.decode()
    assert "Bo foreslår et møde" in page
    client.post(reverse("meeting_answer", args=[meeting.pk]), {"answer": "accept"})
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.ACCEPTED


def test_the_check_in_is_private(client, bo, citizen, conversation):
    meeting = meetings.propose_meeting(
        proposer=bo,
        conversation=conversation,
        starts_at=timezone.now() + datetime.timedelta(hours=1),
        place="Café Nord",
    )
    meetings.answer_meeting(user=citizen, meeting=meeting, answer="accept")
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=2)
    )
    client.force_login(bo)
    page = client.get(reverse("conversation", args=[conversation.pk])).content.decode()
    validate_html(page)
    assert "Hvordan gik det?" in page
    prefix = f"m{meeting.pk}"
    client.post(
        reverse("meeting_checkin", args=[meeting.pk]),
        {f"{prefix}-met": "yes", f"{prefix}-meet_again": "no"},
    )
    assert (
        "Hvordan gik det?"
        not in client.get(reverse("conversation", args=[conversation.pk])).content.decode()
    )
    client.force_login(citizen)
    other = client.get(reverse("conversation", args=[conversation.pk])).content.decode()
    # Anne gets her own check-in and never sees Bo's answer.
    assert "Hvordan gik det?" in other
    assert 'value="no" checked' not in other


def test_notification_settings(client, citizen):
    client.force_login(citizen)
    page = client.get(reverse("notification_settings")).content.decode()
    validate_html(page)
    assert "Med det samme" in page
    client.post(reverse("notification_settings"), {"email_mode": "daily"})
    assert notifications.email_mode(citizen) == EmailMode.DAILY
