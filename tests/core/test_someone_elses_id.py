"""Every object URL answers 404 to someone whose object it is not, and changes nothing.

A signed-in outsider (an adult in the same municipality, with no relation to the citizen)
tries each object route with the ids of the citizen's things. On staff pages a moderator and
administrator of another municipality (Hjørring), signed in with a second factor, tries
Aalborg's reports, appeals, settings and citizens. The last test fails when a route with an
id is added without a case here: add it to OBJECT_CASES or STAFF_CASES.
"""

import pytest
from django.urls import reverse

from belong.core.models import StaffAccess
from tests.core.test_url_walk import ROUTES, _snapshot, _under_prefix
from tests.staff import sign_in_staff


def _code(world) -> str:
    from belong.activities.attendance import attendance_token

    return attendance_token(world.signup)


# (route name, method, the object's URL arguments from the world)
OBJECT_CASES = [
    # The citizen's own posts: only she may edit, pause, renew or delete them.
    ("post_edit", "get", lambda w: {"pk": w.post.pk}),
    ("post_edit", "post", lambda w: {"pk": w.post.pk}),
    ("post_autosave", "post", lambda w: {"pk": w.post.pk}),
    ("post_pause", "post", lambda w: {"pk": w.post.pk}),
    ("post_resume", "post", lambda w: {"pk": w.post.pk}),
    ("post_renew", "post", lambda w: {"pk": w.post.pk}),
    ("post_delete", "get", lambda w: {"pk": w.post.pk}),
    ("post_delete", "post", lambda w: {"pk": w.post.pk}),
    # A draft is nobody else's to read or write to.
    ("post_detail", "get", lambda w: {"pk": w.draft.pk}),
    ("conversation_start", "get", lambda w: {"post_pk": w.draft.pk}),
    ("conversation_start", "post", lambda w: {"post_pk": w.draft.pk}),
    # Nobody may mark a post they cannot see as "not for me".
    ("suggestion_hide", "post", lambda w: {"pk": w.draft.pk}),
    # Saved searches.
    ("saved_search_delete", "post", lambda w: {"pk": w.saved_search.pk}),
    # A conversation between the citizen and Bo.
    ("conversation", "get", lambda w: {"pk": w.conversation.pk}),
    ("conversation_messages", "get", lambda w: {"pk": w.conversation.pk}),
    ("conversation_send", "post", lambda w: {"pk": w.conversation.pk}),
    ("conversation_ready_reply", "post", lambda w: {"pk": w.conversation.pk}),
    ("meeting_propose", "get", lambda w: {"pk": w.conversation.pk}),
    ("meeting_propose", "post", lambda w: {"pk": w.conversation.pk}),
    ("conversation_block", "get", lambda w: {"pk": w.conversation.pk}),
    ("conversation_block", "post", lambda w: {"pk": w.conversation.pk}),
    ("conversation_report", "get", lambda w: {"pk": w.conversation.pk}),
    ("conversation_report", "post", lambda w: {"pk": w.conversation.pk}),
    # Their meeting.
    ("meeting_answer", "post", lambda w: {"pk": w.meeting.pk}),
    ("meeting_checkin", "post", lambda w: {"pk": w.meeting.pk}),
    # Reports: a post the outsider cannot see (a draft), a person they have never met.
    ("report_post", "get", lambda w: {"pk": w.draft.pk}),
    ("report_post", "post", lambda w: {"pk": w.draft.pk}),
    ("report_profile", "get", lambda w: {"pk": w.stranger.pk}),
    ("report_profile", "post", lambda w: {"pk": w.stranger.pk}),
    # The citizen's notice about a decision, and her right to appeal it.
    ("notice_detail", "get", lambda w: {"pk": w.notice.pk}),
    ("notice_detail", "post", lambda w: {"pk": w.notice.pk}),
    # The citizen's request for a facilitator: nobody else may read or withdraw it.
    ("support_request_detail", "get", lambda w: {"pk": w.support_request.pk}),
    ("support_request_withdraw", "post", lambda w: {"pk": w.support_request.pk}),
    # The citizen's API key: nobody else may delete it.
    ("api_token_revoke", "post", lambda w: {"pk": w.api_token.pk}),
    # The citizen's club: only its owners and editors change it.
    ("organisation_edit", "get", lambda w: {"pk": w.organisation.pk}),
    ("organisation_edit", "post", lambda w: {"pk": w.organisation.pk}),
    ("organisation_members", "get", lambda w: {"pk": w.organisation.pk}),
    ("organisation_members", "post", lambda w: {"pk": w.organisation.pk}),
    (
        "organisation_propose_contact",
        "post",
        lambda w: {"pk": w.organisation.pk, "member_pk": w.organisation.memberships.get().pk},
    ),
    ("organisation_apply", "get", lambda w: {"pk": w.organisation.pk}),
    ("organisation_apply", "post", lambda w: {"pk": w.organisation.pk}),
    # A club without a logo has no logo to report.
    ("report_logo", "get", lambda w: {"pk": w.organisation.pk}),
    ("report_logo", "post", lambda w: {"pk": w.organisation.pk}),
    # The facilitator's activity: only she changes it, sees who came, answers sign-ups.
    ("activity_edit", "get", lambda w: {"pk": w.activity.pk}),
    ("activity_edit", "post", lambda w: {"pk": w.activity.pk}),
    ("activity_cancel", "post", lambda w: {"pk": w.activity.pk}),
    ("activity_attendance", "get", lambda w: {"pk": w.activity.pk}),
    ("activity_attendance", "post", lambda w: {"pk": w.activity.pk}),
    # A participant's attendance code: only a facilitator who runs the activity uses it.
    ("activity_attendance_code", "get", lambda w: {"pk": w.activity.pk, "token": _code(w)}),
    ("activity_attendance_code", "post", lambda w: {"pk": w.activity.pk, "token": _code(w)}),
    # A post's photo: a post the outsider cannot see (a draft) shows no photo either.
    ("post_photo", "get", lambda w: {"pk": w.draft.pk}),
    # The citizen's small group: only its members read it, answer it or report in it.
    ("small_group", "get", lambda w: {"pk": w.small_group.pk}),
    ("small_group", "post", lambda w: {"pk": w.small_group.pk}),
    ("small_group_answer", "post", lambda w: {"pk": w.small_group.pk}),
    (
        "small_group_report",
        "get",
        lambda w: {"pk": w.small_group.pk, "message_pk": w.group_message.pk},
    ),
    (
        "small_group_report",
        "post",
        lambda w: {"pk": w.small_group.pk, "message_pk": w.group_message.pk},
    ),
    # The citizen's prepared data: only she may download it.
    ("my_data_export", "get", lambda w: {"pk": w.data_export.pk}),
    ("activity_decide_signup", "post", lambda w: {"pk": w.signup.pk}),
    # The check-in is the participant's own; the outsider has no place.
    ("activity_checkin", "post", lambda w: {"pk": w.activity.pk}),
    # A youth activity does not exist for an adult.
    ("activity_detail", "get", lambda w: {"pk": w.youth_activity.pk}),
    ("activity_signup", "post", lambda w: {"pk": w.youth_activity.pk}),
    ("activity_cancel_signup", "post", lambda w: {"pk": w.youth_activity.pk}),
    ("activity_ics", "get", lambda w: {"pk": w.youth_activity.pk}),
    # The citizen's consents are hers alone to take back.
    ("consent_withdraw", "post", lambda w: {"pk": w.citizen.consents.get(purpose="newsletter").pk}),
]
# The JSON API's routes (/api/v1/) are judged by prefix here; their someone-else's-id
# cases are in tests/api/test_every_operation.py (every operation with an id, by another
# citizen, is 404 and changes nothing) and tests/api/test_permissions.py.

# Staff pages, tried by the moderator and administrator of another municipality.
STAFF_CASES = [
    ("outcome_figures", "get", lambda w: {"pk": w.municipality.pk}),
    ("moderation_report", "get", lambda w: {"pk": w.report.pk}),
    ("moderation_assign", "post", lambda w: {"pk": w.report.pk}),
    ("moderation_act", "post", lambda w: {"pk": w.report.pk}),
    ("moderation_remove_photo", "post", lambda w: {"pk": w.report.pk}),
    ("moderation_appeal", "get", lambda w: {"pk": w.appeal.pk}),
    ("moderation_appeal", "post", lambda w: {"pk": w.appeal.pk}),
    ("moderation_settings", "get", lambda w: {"pk": w.municipality.pk}),
    ("moderation_settings", "post", lambda w: {"pk": w.municipality.pk}),
    ("access_log", "get", lambda w: {"pk": w.municipality.pk}),
    ("statistics_dashboard", "get", lambda w: {"pk": w.municipality.pk}),
    ("statistics_csv", "get", lambda w: {"pk": w.municipality.pk, "slug": "members"}),
    ("find_citizen", "get", lambda w: {"pk": w.municipality.pk}),
    ("staff_birth_date", "get", lambda w: {"pk": w.citizen.pk}),
    ("staff_birth_date", "post", lambda w: {"pk": w.citizen.pk}),
    # Aalborg's IT support queue and the citizens Aalborg's staff signed up.
    ("help_request_detail", "get", lambda w: {"pk": w.help_request.pk}),
    ("help_request_handled", "post", lambda w: {"pk": w.help_request.pk}),
    ("assisted_guide", "get", lambda w: {"pk": w.assisted.pk}),
    ("assisted_new_code", "post", lambda w: {"pk": w.assisted.pk}),
    # Aalborg's facilitators' support queue.
    ("support_staff_detail", "get", lambda w: {"pk": w.support_request.pk}),
    ("support_assign", "post", lambda w: {"pk": w.support_request.pk}),
    ("support_note", "post", lambda w: {"pk": w.support_request.pk}),
    ("support_close", "post", lambda w: {"pk": w.support_request.pk}),
    # Aalborg's first human response: its citizens and its rule.
    ("first_response_write", "get", lambda w: {"citizen_pk": w.unanswered.pk}),
    ("first_response_write", "post", lambda w: {"citizen_pk": w.unanswered.pk}),
    ("first_response_days", "post", lambda w: {"municipality_pk": w.municipality.pk}),
    # Aalborg's page, announcements, newsletter and staff roles.
    ("landing_page_edit", "get", lambda w: {"pk": w.municipality.pk}),
    ("landing_page_edit", "post", lambda w: {"pk": w.municipality.pk}),
    ("announcement_list", "get", lambda w: {"pk": w.municipality.pk}),
    ("announcement_new", "get", lambda w: {"pk": w.municipality.pk}),
    ("announcement_new", "post", lambda w: {"pk": w.municipality.pk}),
    ("announcement_edit", "get", lambda w: {"pk": w.announcement.pk}),
    ("announcement_edit", "post", lambda w: {"pk": w.announcement.pk}),
    ("announcement_delete", "post", lambda w: {"pk": w.announcement.pk}),
    ("newsletter_list", "get", lambda w: {"pk": w.municipality.pk}),
    ("newsletter_list", "post", lambda w: {"pk": w.municipality.pk}),
    ("newsletter_edit", "get", lambda w: {"pk": w.newsletter.pk}),
    ("newsletter_edit", "post", lambda w: {"pk": w.newsletter.pk}),
    ("newsletter_send", "post", lambda w: {"pk": w.newsletter.pk}),
    ("staff_roles", "get", lambda w: {"pk": w.municipality.pk}),
    ("staff_roles", "post", lambda w: {"pk": w.municipality.pk}),
    ("staff_role_remove", "post", lambda w: {"pk": w.staff_role.pk}),
    # Aalborg's verification queue: an application, an adult contact, a logo.
    ("verification_application", "get", lambda w: {"pk": w.application.pk}),
    ("verification_application", "post", lambda w: {"pk": w.application.pk}),
    ("verification_contact", "post", lambda w: {"pk": w.adult_contact.pk}),
    ("verification_remove_logo", "post", lambda w: {"pk": w.organisation.pk}),
]

# Routes with a parameter that names nothing anyone owns, with the reason.
NOBODYS = {
    "help_page": "a public help article by its slug, the same for everyone",
    "municipality_page": "a municipality's public page by its address name, the same for everyone",
    "privacy_notice": "a municipality's public privacy notice, the same for everyone",
    "newsletter_unsubscribe": "the signed token is the permission; a forged or altered one is "
    "404 (tests/municipalities/test_newsletter.py)",
    "organisation_detail": "an organisation's public profile, for everyone signed in",
    "organisation_logo": "a public logo; one removed by a moderator is 404 for everyone "
    "(tests/safety/test_uploads.py)",
    "organisation_follow": "anyone signed in may follow an organisation",
    "organisation_unfollow": "one's own follow, whoever's organisation it is",
    "organisation_calendar": "the public feed of an organisation's activities for adults",
    "questionnaire_consent_give": "one's own yes, named by its purpose, never by anyone's id",
    "questionnaire_consent_withdraw": "one's own yes, named by its purpose, never by anyone's id",
    "outcome_tables_csv": "only with a data agreement in force there; another municipality's "
    "is 404 (tests/outcomes/test_figures.py)",
    "outcome_codebook_csv": "only with a data agreement in force there; another municipality's "
    "is 404 (tests/outcomes/test_figures.py)",
}

# Filled-in forms, so that a missing check would really act rather than fail validation.
FORM_DATA = {
    "small_group": {"body": "Hej fra en fremmed"},
    "small_group_answer": {"answer": "yes"},
    "small_group_report": {"reason": "other", "details": "Fremmed"},
    "post_edit": {"title": "Overtaget", "body": "Overtaget opslag", "motive": "friend"},
    "post_autosave": {"title": "Overtaget"},
    "conversation_start": {"body": "Hej", "client_token": "intruder-0001"},
    "conversation_send": {"body": "Hej", "client_token": "intruder-0002"},
    "conversation_ready_reply": {"reply": "thanks", "client_token": "intruder-0003"},
    "meeting_propose": {"place": "Café Nord", "starts_at_0": "2030-01-01", "starts_at_1": "12:00"},
    "conversation_report": {"reason": "other", "details": "x"},
    "meeting_answer": {"answer": "accept"},
    "meeting_checkin": {"met": "yes", "meet_again": "yes"},
    "report_post": {"reason": "harassment", "details": "x"},
    "report_profile": {"reason": "harassment", "details": "x"},
    "report_logo": {"reason": "harassment", "details": "x"},
    "notice_detail": {"text": "Jeg klager"},
    "moderation_assign": lambda w: {"assignee": w.far_staff.pk},
    "moderation_act": {"kind": "ban", "reason": "Overtaget"},
    "moderation_remove_photo": {"reason": "Overtaget"},
    "moderation_appeal": {"decision": "grant", "reason": "Overtaget"},
    "moderation_settings": {"guidance": "Overtaget", "word_list": "overtaget"},
    "staff_birth_date": {"birth_date": "2012-01-01", "reason": "Overtaget"},
    "support_note": {"body": "Overtaget", "to_citizen": "1"},
    "support_close": {"outcome": "talked"},
    "landing_page_edit": {"welcome": "Overtaget"},
    "announcement_new": {
        "title": "Overtaget",
        "body": "Overtaget",
        "starts_on": "2026-01-01",
        "ends_on": "2026-01-02",
    },
    "announcement_edit": {
        "title": "Overtaget",
        "body": "Overtaget",
        "starts_on": "2026-01-01",
        "ends_on": "2026-01-02",
    },
    "newsletter_list": lambda w: {"month": w.newsletter.month.isoformat()},
    "newsletter_edit": {"subject_da": "Overtaget", "body_da": "Overtaget"},
    "staff_roles": lambda w: {"email": w.stranger.email, "role": "moderator"},
    "organisation_edit": {
        "name": "Overtaget",
        "kind": "club",
        "description": "Overtaget",
        "ages": "adults",
        "postcode": "9000",
    },
    "organisation_members": {"email": "outsider@example.dk", "role": "owner"},
    "organisation_apply": {"note": "Overtaget"},
    "activity_edit": {
        "title": "Overtaget",
        "description": "Overtaget",
        "day": "2099-01-01",
        "time": "12:00",
        "duration": "60",
        "place": "Overtaget",
        "capacity": "5",
        "age_range": "adult",
    },
    "activity_attendance": {"present": ["1"]},
    "activity_decide_signup": {"decision": "approve"},
    "activity_checkin": {"how_it_went": "good", "come_again": "yes"},
    "verification_application": {"decision": "approve", "reason": "Overtaget"},
    "verification_contact": {"decision": "approve"},
    "verification_remove_logo": {"reason": "Overtaget"},
}
# help_request_handled, assisted_new_code and api_token_revoke act on a bare POST.
# A GET whose query would act if the check were missing.
QUERY_DATA = {
    "find_citizen": lambda w: {"email": w.citizen.email},  # would redirect to her page
}


def _data(name, method, world):
    data = (FORM_DATA if method == "post" else QUERY_DATA).get(name, {})
    return data(world) if callable(data) else data


@pytest.mark.parametrize(
    ("name", "method", "kwargs"),
    OBJECT_CASES,
    ids=[f"{method.upper()} {name}" for name, method, _kwargs in OBJECT_CASES],
)
def test_someone_elses_id_is_404_and_changes_nothing(client, world, outsider, name, method, kwargs):
    client.force_login(outsider)
    before = _snapshot(set())
    url = reverse(name, kwargs=kwargs(world))
    response = getattr(client, method)(url, _data(name, method, world))
    assert response.status_code == 404, f"{method.upper()} {url}: {response.status_code}"
    assert _snapshot(set()) == before, f"{method.upper()} {url} changed data it does not own"


@pytest.mark.parametrize(
    ("name", "method", "kwargs"),
    STAFF_CASES,
    ids=[f"{method.upper()} {name}" for name, method, _kwargs in STAFF_CASES],
)
def test_another_municipalitys_staff_get_404_and_change_nothing(
    client, world, name, method, kwargs
):
    sign_in_staff(client, world.far_staff)
    before = _snapshot(set())
    logged = StaffAccess.objects.count()
    url = reverse(name, kwargs=kwargs(world))
    response = getattr(client, method)(url, _data(name, method, world))
    assert response.status_code == 404, f"{method.upper()} {url}: {response.status_code}"
    assert _snapshot(set()) == before, f"{method.upper()} {url} changed data it does not own"
    # Nothing was read, so nothing is logged as read.
    assert StaffAccess.objects.count() == logged, f"{method.upper()} {url} logged a read"


def test_the_staff_cases_can_fail(client, world):
    """The same requests by Aalborg's own moderator are answered: the 404s above come
    from the municipality check, not from a broken sign-in or a wrong URL."""
    sign_in_staff(client, world.staff)
    for name, method, kwargs in STAFF_CASES:
        if method == "get":
            url = reverse(name, kwargs=kwargs(world))
            response = client.get(url, _data(name, method, world))
            assert response.status_code in (200, 302), f"GET {url}: {response.status_code}"


def test_every_object_route_has_a_someone_elses_id_case():
    covered = {name for name, _method, _kwargs in OBJECT_CASES + STAFF_CASES} | set(NOBODYS)
    missing = [
        str(route)
        for route in ROUTES
        if route.converters and not _under_prefix(route) and route.name not in covered
    ]
    assert not missing, (
        "These routes take an id but have no 'someone else's id gives 404' case; add them to "
        f"OBJECT_CASES or STAFF_CASES in {__file__}: {missing}"
    )
