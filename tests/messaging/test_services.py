import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone, translation

from belong.messaging import live, meetings, responsiveness, services
from belong.messaging.models import (
    CheckIn,
    Conversation,
    ConversationStatus,
    MeetingStatus,
    Message,
    MessageKind,
)
from belong.safety.services import block_user
from tests.factories import UserFactory, make_post, years_ago


def test_writing_to_a_post_starts_a_conversation_that_quotes_the_post(bo, post, citizen):
    message = services.start_conversation(
        sender=bo, post=post, body="Hej Anne!", client_token="token-abc-1"
    )
    conversation = message.conversation
    assert (conversation.starter, conversation.recipient) == (bo, citizen)
    assert conversation.post_title == "Gåtur ved fjorden"
    assert conversation.post_excerpt == "Jeg søger en at gå med."
    assert conversation.status == ConversationStatus.AWAITING
    assert (message.sender, message.recipient, message.body) == (bo, citizen, "Hej Anne!")
    assert live.unread_count(citizen) == 1
    assert live.unread_count(bo) == 0


def test_one_conversation_per_pair_and_post(bo, post):
    first = services.start_conversation(sender=bo, post=post, body="Hej", client_token="token-1-a")
    again = services.start_conversation(
        sender=bo, post=post, body="Hej igen", client_token="token-1-b"
    )
    assert first.conversation_id == again.conversation_id
    assert Conversation.objects.count() == 1
    assert Message.objects.count() == 2


def test_sending_twice_with_the_same_token_stores_one_message(bo, post, citizen):
    first = services.start_conversation(sender=bo, post=post, body="Hej", client_token="dbl-click")
    again = services.start_conversation(sender=bo, post=post, body="Hej", client_token="dbl-click")
    assert first.pk == again.pk
    reply = services.send_message(
        sender=citizen, conversation=first.conversation, body="Hej Bo", client_token="reply-tok"
    )
    retried = services.send_message(
        sender=citizen, conversation=first.conversation, body="Hej Bo", client_token="reply-tok"
    )
    assert reply.pk == retried.pk
    assert Message.objects.count() == 2


def test_someone_elses_token_is_no_concern_of_mine(bo, outsider, post, conversation):
    # Tokens are unique per sender (tests/messaging/test_client_tokens.py).
    message = services.start_conversation(
        sender=outsider, post=post, body="x", client_token="tok-first-1"
    )
    assert message.sender == outsider and message.conversation != conversation


@pytest.mark.parametrize(
    ("body", "error"),
    [("   ", "Skriv en besked"), ("x" * 4001, "højst være 4000 tegn")],
)
def test_empty_or_too_long_messages_are_refused_politely(bo, post, body, error):
    with translation.override("da"), pytest.raises(ValidationError) as caught:
        services.start_conversation(sender=bo, post=post, body=body, client_token="token-len1")
    assert error in " ".join(caught.value.messages)
    assert not Message.objects.exists()


def test_nobody_writes_to_their_own_post(citizen, post):
    with pytest.raises(ValidationError):
        services.start_conversation(sender=citizen, post=post, body="Hej", client_token="own-post")


def test_adults_can_never_start_a_conversation_with_a_minor(bo, minor):
    youth_post = make_post(minor, title="Tegning")
    assert youth_post.is_youth
    with translation.override("da"), pytest.raises(ValidationError) as caught:
        services.start_conversation(
            sender=bo, post=youth_post, body="Hej", client_token="adult-token-1"
        )
    assert "Voksne kan ikke skrive til unge" in caught.value.messages[0]


def test_minors_only_write_to_youth_posts(minor, post, aalborg_postcode):
    with pytest.raises(ValidationError):
        services.start_conversation(sender=minor, post=post, body="Hej", client_token="minor-1a")
    friend = UserFactory(birth_date=years_ago(15), postcode=aalborg_postcode)
    youth_post = make_post(friend)
    message = services.start_conversation(
        sender=minor, post=youth_post, body="Hej", client_token="minor-1b"
    )
    assert message.conversation.recipient == friend


def test_a_blocked_person_cannot_write_to_you(bo, citizen, post, conversation):
    block_user(blocker=citizen, blocked=bo)
    with pytest.raises(ValidationError):
        services.send_message(
            sender=bo, conversation=conversation, body="Hallo?", client_token="blocked-1"
        )
    other_post = make_post(citizen, title="Brætspil")
    with pytest.raises(ValidationError):
        services.start_conversation(
            sender=bo, post=other_post, body="Hej", client_token="blocked-2"
        )


def test_outsiders_cannot_write_in_a_conversation(outsider, conversation):
    with pytest.raises(Http404):
        services.send_message(
            sender=outsider, conversation=conversation, body="Hej", client_token="outsider"
        )
    with pytest.raises(Http404):
        services.get_conversation_for_user(outsider, conversation.pk)


def test_an_answer_marks_the_conversation_answered_and_counts_for_responsiveness(
    citizen, conversation
):
    services.send_message(
        sender=citizen, conversation=conversation, body="Hej Bo!", client_token="answer-1"
    )
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.ANSWERED
    assert conversation.answered_at is not None
    assert citizen.responsiveness.answered == 1
    with translation.override("da"):
        assert (
            responsiveness.responsiveness_text(citizen) == "Har ikke fået mange beskeder her endnu"
        )


def test_responsiveness_is_computed_from_history(citizen, post, aalborg_postcode):
    now = timezone.now()
    for n in range(3):
        writer = UserFactory(postcode=aalborg_postcode)
        message = services.start_conversation(
            sender=writer, post=post, body="Hej", client_token=f"resp-{n}-start", now=now
        )
        services.send_message(
            sender=citizen,
            conversation=message.conversation,
            body="Hej!",
            client_token=f"resp-{n}-answer",
            now=now + datetime.timedelta(hours=3),
        )
    with translation.override("da"):
        assert responsiveness.responsiveness_text(citizen) == "Svarer som regel inden for et døgn"
    assert citizen.responsiveness.score == 100


def test_the_warm_decline_closes_the_contact_kindly(bo, citizen, conversation):
    with translation.override("da"):
        message = services.send_ready_reply(
            sender=citizen, conversation=conversation, reply="decline", client_token="decline-1"
        )
    assert message.body == "Tak for din besked. Jeg tror ikke, vi passer sammen, men held og lykke!"
    assert message.kind == MessageKind.DECLINE
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.DECLINED
    with pytest.raises(ValidationError):
        services.send_message(
            sender=bo, conversation=conversation, body="Men ...", client_token="after-decl"
        )


def test_ready_replies_exist_in_danish_and_english(citizen, conversation):
    with translation.override("en"):
        english = services.send_ready_reply(
            sender=citizen, conversation=conversation, reply="thanks", client_token="ready-en"
        )
    with translation.override("da"):
        danish = services.send_ready_reply(
            sender=citizen, conversation=conversation, reply="thanks", client_token="ready-da"
        )
    assert english.body.startswith("Thank you for your message")
    assert danish.body.startswith("Tak for din besked")
    with pytest.raises(ValidationError):
        services.send_ready_reply(
            sender=citizen, conversation=conversation, reply="nope", client_token="ready-xx"
        )


def test_mark_read_clears_the_unread_count(citizen, conversation):
    assert live.unread_count(citizen) == 1
    services.mark_read(user=citizen, conversation=conversation)
    assert live.unread_count(citizen) == 0


def test_a_meeting_is_proposed_answered_and_checked_in_privately(bo, citizen, conversation):
    now = timezone.now()
    meeting = meetings.propose_meeting(
        proposer=bo,
        conversation=conversation,
        starts_at=now + datetime.timedelta(days=2),
        place="Café Nord, Aalborg",
    )
    assert meeting.status == MeetingStatus.PROPOSED
    with pytest.raises(ValidationError):
        meetings.answer_meeting(user=bo, meeting=meeting, answer="accept")
    # Anne suggests another time instead: the first suggestion is replaced.
    counter = meetings.propose_meeting(
        proposer=citizen,
        conversation=conversation,
        starts_at=now + datetime.timedelta(days=3),
        place="Hovedbiblioteket",
    )
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.REPLACED
    meetings.answer_meeting(user=bo, meeting=counter, answer="accept")
    counter.refresh_from_db()
    assert counter.status == MeetingStatus.ACCEPTED
    with pytest.raises(ValidationError):
        meetings.answer_meeting(user=citizen, meeting=counter, answer="decline")

    # No check-in before the meeting; afterwards both get their own.
    assert meetings.due_checkins(bo, conversation, now=now) == []
    later = now + datetime.timedelta(days=4)
    assert meetings.due_checkins(bo, conversation, now=later) == [counter]
    meetings.answer_checkin(user=bo, meeting=counter, met=True, meet_again="yes", now=later)
    assert meetings.due_checkins(bo, conversation, now=later) == []
    assert meetings.due_checkins(citizen, conversation, now=later) == [counter]
    assert CheckIn.objects.get(user=bo).meet_again == "yes"


def test_a_meeting_needs_a_future_time_and_a_place(bo, conversation):
    with pytest.raises(ValidationError):
        meetings.propose_meeting(
            proposer=bo,
            conversation=conversation,
            starts_at=timezone.now() - datetime.timedelta(hours=1),
            place="Café",
        )
    with pytest.raises(ValidationError):
        meetings.propose_meeting(
            proposer=bo,
            conversation=conversation,
            starts_at=timezone.now() + datetime.timedelta(hours=1),
            place="  ",
        )


def test_search_can_prefer_responsive_authors(citizen, outsider, bo, aalborg_postcode):
    from belong.messaging.models import Responsiveness
    from belong.posts.models import Post

    quiet = make_post(outsider, title="Stille")
    new = make_post(bo, title="Ny")
    keen = make_post(citizen, title="Svarer hurtigt")
    Responsiveness.objects.create(user=citizen, first_contacts=4, answered_within_day=4, score=100)
    Responsiveness.objects.create(user=outsider, first_contacts=4, score=0)
    ordered = responsiveness.with_author_responsiveness(Post.objects.all()).order_by(
        "-author_responsiveness", "pk"
    )
    assert [p.pk for p in ordered] == [keen.pk, new.pk, quiet.pk]
    assert [p.author_responsiveness for p in ordered] == [100, 50, 0]


def test_a_meeting_suggestion_is_owed_by_e_mail(bo, citizen, conversation):
    from belong.messaging.models import Outbox

    meetings.propose_meeting(
        proposer=bo,
        conversation=conversation,
        starts_at=timezone.now() + datetime.timedelta(days=2),
        place="Café Nord",
    )
    assert Outbox.objects.filter(kind="meeting", recipient=citizen).count() == 1
