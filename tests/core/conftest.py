"""Shared by the route walks: a small world of objects every object URL can point at."""

import datetime
from dataclasses import dataclass

import pytest
from django.http import QueryDict
from django.utils import timezone

from tests.factories import (
    LicenceFactory,
    MunicipalityFactory,
    PostcodeFactory,
    UserFactory,
    make_post,
    post_fields,
)
from tests.staff import make_staff


@dataclass
class World:
    citizen: object  # signed in for the GET walk; owns `post`
    other: object  # wrote to the citizen; owns `other_post`
    post: object
    other_post: object
    conversation: object
    meeting: object
    saved_search: object
    draft: object  # the citizen's unpublished post
    municipality: object  # Aalborg, where everyone in the world lives
    staff: object  # moderator, administrator, IT supporter and facilitator in Aalborg, with
    # a second factor
    report: object  # open: the citizen reported Bo's post
    notice: object  # the citizen's: her post drew a warning
    appeal: object  # open: the citizen appealed that warning
    stranger: object  # lives in Aalborg, has no posts and shares no conversation
    far_staff: object  # moderator, administrator, IT supporter, facilitator in Hjørring only
    help_request: object  # open: the citizen asked Aalborg's IT support for help
    assisted: object  # signed up in Aalborg with the staff member's help; has a personal code
    api_token: object  # the citizen's personal API key
    api_token_raw: str  # ... and the key itself, shown once
    support_request: object = None  # waiting: the citizen asked Aalborg for a facilitator
    # Agreed to a first human response; nobody has written to her post for 8 days.
    unanswered: object = None
    # The municipality's own things (set after the rest, below).
    announcement: object = None  # Aalborg's, shown now
    newsletter: object = None  # Aalborg's draft for this month
    staff_role: object = None  # Bo's role as facilitator in Aalborg
    newsletter_token: str = ""  # the citizen's unsubscribe token; she said yes
    # Local life (tests/local_life.py): the citizen owns a club for all ages that applied
    # for verification and named her as adult contact; Aalborg's facilitator (the staff
    # member) runs an adult activity the citizen signed up for, and a youth activity.
    organisation: object = None
    application: object = None
    adult_contact: object = None
    activity: object = None
    youth_activity: object = None
    signup: object = None
    # The citizen's data, prepared in the background and ready to download.
    data_export: object = None
    # A started small group of the citizen, Bo and Inge, with a message from Bo.
    small_group: object = None
    group_message: object = None


@pytest.fixture
def world(citizen, aalborg_postcode, settings, tmp_path):
    from belong.accounts.services import create_api_token
    from belong.assisted.services import assisted_signup
    from belong.messaging.meetings import propose_meeting
    from belong.messaging.services import start_conversation
    from belong.moderation.services import act_on_report, appeal_action, report_content
    from belong.municipalities.help import request_help
    from belong.posts.search import SearchQuery
    from belong.posts.services import save_search
    from belong.safety.models import Notice
    from belong.support.services import request_support

    aalborg = aalborg_postcode.municipality
    other = UserFactory(display_name="Bo", postcode=aalborg_postcode)
    post = make_post(citizen, title="Gåtur ved fjorden")
    other_post = make_post(other, title="Brætspil om torsdagen")
    conversation = start_conversation(
        sender=other, post=post, body="Hej Anne", client_token="walk-first-1"
    ).conversation
    meeting = propose_meeting(
        proposer=other,
        conversation=conversation,
        starts_at=timezone.now() + datetime.timedelta(days=2),
        place="Café Vesterå",
    )
    saved = save_search(owner=citizen, query=SearchQuery.from_params(QueryDict("q=kaffe")))
    draft = make_post(citizen, publish=False, title="Kladde")

    staff = make_staff(
        aalborg,
        "moderator",
        "administrator",
        "it_supporter",
        "facilitator",
        display_name="Mette",
        postcode=aalborg_postcode,
    )
    # Bo reports the citizen's post; the moderator warns her; she gets a notice and appeals.
    decided = report_content(
        reporter=other, target="post", obj=post, reason="harassment", details="Grov tone"
    )
    warning = act_on_report(
        moderator=staff, report=decided, kind="warn", reason="Hold en god tone."
    )
    notice = Notice.objects.get(action=warning)
    appeal = appeal_action(user=citizen, action=warning, text="Det var en misforståelse.")
    # The citizen reports Bo's post; nobody has decided it yet.
    report = report_content(
        reporter=citizen, target="post", obj=other_post, reason="scam", details="Reklame"
    )

    stranger = UserFactory(display_name="Karl", postcode=aalborg_postcode)
    hjorring = MunicipalityFactory(code=860, name="Hjørring", region=aalborg.region)
    LicenceFactory(municipality=hjorring)
    hjorring_postcode = PostcodeFactory(
        code="9800", name="Hjørring", municipality=hjorring, latitude=57.4642, longitude=9.9823
    )
    far_staff = make_staff(
        hjorring,
        "moderator",
        "administrator",
        "it_supporter",
        "facilitator",
        display_name="Pia",
        postcode=hjorring_postcode,
    )
    help_request = request_help(
        citizen=citizen,
        limit_key="walk",
        municipality=aalborg,
        name="Anne",
        contact="phone",
        phone="12345678",
        description="Jeg kan ikke finde mine beskeder.",
    )
    assisted, _post, _code = assisted_signup(
        staff=staff,
        display_name="Grethe",
        birth_date=datetime.date(1948, 3, 2),
        gender="woman",
        postcode=aalborg_postcode,
        email=None,
        post_fields=post_fields(title="Kortspil om eftermiddagen"),
    )
    api_token, api_token_raw = create_api_token(user=citizen, name="Min app")
    support_request = request_support(
        citizen=citizen, kind="talk", contact="phone", phone="12345678", message="Jeg er ny her."
    )
    world = World(
        citizen,
        other,
        post,
        other_post,
        conversation,
        meeting,
        saved,
        draft,
        aalborg,
        staff,
        report,
        notice,
        appeal,
        stranger,
        far_staff,
        help_request,
        assisted,
        api_token,
        api_token_raw,
        support_request=support_request,
    )
    world.unanswered = _unanswered(aalborg_postcode)
    _local_life(world)
    _add_municipal_things(world)
    _privacy_things(world, settings, tmp_path)
    _small_group(world)
    return world


def _small_group(world: World) -> None:
    from belong.matching.groups import send_group_message
    from belong.matching.models import GroupAnswer, SmallGroup, SmallGroupMember

    now = timezone.now()
    group = SmallGroup.objects.create(
        motive="friend", interest="walks-nature", offered_at=now, started_at=now
    )
    for person in (world.citizen, world.other, world.unanswered):
        SmallGroupMember.objects.create(
            group=group, user=person, answer=GroupAnswer.YES, answered_at=now
        )
    world.small_group = group
    world.group_message = send_group_message(sender=world.other, group=group, body="Hej alle!")


def _unanswered(postcode):
    from belong.core import clock
    from belong.support.first_response import agree

    person = UserFactory(display_name="Inge", postcode=postcode)
    with clock.set_to(timezone.now() - datetime.timedelta(days=8)):
        make_post(person, title="Nogen at drikke kaffe med?")
    agree(citizen=person)
    return person


def _privacy_things(world: World, settings, tmp_path) -> None:
    from belong.privacy.exports import build_export, request_export

    settings.MEDIA_ROOT = tmp_path / "media"
    world.data_export = request_export(user=world.citizen)
    build_export(world.data_export.pk)


def _local_life(world: World) -> None:
    from belong.activities.services import sign_up
    from belong.organisations.services import apply_for_verification, propose_adult_contact
    from tests.local_life import make_activity, make_organisation

    world.organisation = make_organisation(world.citizen, name="Fjordens Gåklub", ages="all")
    world.adult_contact = propose_adult_contact(
        editor=world.citizen, organisation=world.organisation, member=world.citizen
    )
    world.application = apply_for_verification(
        applicant=world.citizen, organisation=world.organisation, note="CVR 12345678"
    )
    world.activity = make_activity(world.staff, title="Kaffe og snak", needs_approval=True)
    world.youth_activity = make_activity(world.staff, title="Ungecafé", age_range="youth")
    world.signup = sign_up(user=world.citizen, activity=world.activity)


def _add_municipal_things(world: World) -> None:
    from belong.municipalities.local import save_announcement
    from belong.municipalities.newsletter import give_consent, start_newsletter, unsubscribe_token
    from belong.municipalities.services import grant_role

    now = timezone.now()
    world.announcement = save_announcement(
        administrator=world.staff,
        municipality=world.municipality,
        title="Julehygge på biblioteket",
        body="Kom og vær med.",
        starts_at=now - datetime.timedelta(days=1),
        ends_at=now + datetime.timedelta(days=7),
    )
    world.newsletter = start_newsletter(
        administrator=world.staff, municipality=world.municipality, month=timezone.localdate()
    )
    world.staff_role = grant_role(
        granted_by=world.staff,
        user=world.other,
        municipality=world.municipality,
        role="facilitator",
    )
    give_consent(user=world.citizen, language="da", via="profile")
    world.newsletter_token = unsubscribe_token(world.citizen)
