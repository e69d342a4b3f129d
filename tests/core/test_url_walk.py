"""Walks every route in the URLconf and checks three promises for each:

1. it is on ANONYMOUS_ALLOWED, or it refuses anonymous visitors (login redirect, 403, 404);
2. a POST without a CSRF token is refused (403), on every route but CSRF_EXEMPT's;
3. GET changes nothing in the database (a signed-in citizen GETs every route).

A NEW ROUTE appears here by itself. If a test fails for it:
- a page that needs no login (rare): add its name to ANONYMOUS_ALLOWED with the reason;
- a route with parameters (`<int:pk>`): add its name to ROUTE_KWARGS, pointing at an object
  of the `world` fixture (or add the object there);
- a GET that must write (an audit log row...): add it to GET_MAY_WRITE with the reason.
Anything else is a real hole: add @login_required (or staff_required), @require_POST, and
keep CSRF on.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, UUIDConverter
from django.urls.resolvers import RegexPattern

from belong.activities.attendance import attendance_token
from tests.core.conftest import World
from tests.staff import sign_in_staff

# Pages anyone may open without signing in, by URL name, with the reason.
ANONYMOUS_ALLOWED = {
    "home": "the public front page",
    "about": "public facts about Belong",
    "accessibility": "the accessibility statement must be public by law",
    "healthz": "load balancers probe it; it says nothing but ok/error",
    "healthz_live": "load balancers and supervisors probe it; it says only ok",
    "healthz_ready": "load balancers probe it; counts and ages, nothing personal",
    "set_language": "anyone may choose Danish or English",
    "place_check": "'does my municipality offer Belong?' comes before sign-up",
    "help_request": "'Get help' must reach people who cannot sign in; limited per address",
    "help_request_sent": "the thank-you page after 'Get help'; it shows nothing personal",
    "help_page": "help articles, read before or without an account",
    "manifest": "the web app manifest: the browser fetches it without a login",
    "service_worker": "the service worker script: the same for everyone, nothing personal",
    "offline": "the offline page the service worker keeps: the same for everyone",
    "organisation_calendar": "an organisation's iCalendar feed, which calendar apps fetch "
    "without signing in; it holds only activities for adults, never where young people meet",
    "code_login": "the login page for a personal code: a citizen is not signed in yet; "
    "limited per address and per login name",
    "municipality_page": "the page citizens land on from the municipality's website, before "
    "they have an account; it shows only what the staff wrote for everyone",
    "newsletter_unsubscribe": "one-click unsubscribe from the e-mail without logging in "
    "(RFC 8058); the signed token names the reader and can only stop the newsletter",
    "privacy_notice": "the municipality's privacy notice must be readable before signing up; "
    "it holds what the registry and the settings say, nothing personal",
}

# Routes that take a POST without a CSRF token, with the reason. Nothing else may.
CSRF_EXEMPT = {
    "newsletter_unsubscribe": "RFC 8058: mail programs POST 'List-Unsubscribe=One-Click' "
    "without a session or a token; the signed token in the address is the proof, and all it "
    "can do is stop the newsletter",
    "saml_acs": "the staff login's answer comes from the identity provider's page (SAML POST "
    "binding), which has no token of ours; the signed assertion and the request it answers are "
    "the proof (tests/municipalities/test_staff_saml_login.py refuses a changed, unsigned or "
    "unasked-for one), and the page only hands it on to saml_finish_acs, which has CSRF",
    "saml_sls": "the identity provider's signed logout message, by the same binding; it can "
    "only sign the session out",
}

# Whole families of routes judged by prefix, with the reason. Their CSRF and GET promises
# are still checked below; only the anonymous check is left to the library.
ANONYMOUS_BY_PREFIX = {
    "admin/": "Django's admin: every view is wrapped in admin_view, which sends anyone "
    "without a staff login and a second factor to Belong's login (tests/core/test_admin.py)",
    "accounts/": "allauth: login, sign-up, codes and password reset are public by design; "
    "its account pages (e-mail, password, 2FA) are login_required in allauth itself",
    "api/v1/": "the JSON API answers anonymous callers 401 in JSON, not with a login "
    "redirect; tests/api/test_every_operation.py checks every operation of the OpenAPI "
    "document for that (all but the public places, the document and its docs)",
}
# The API's public operations, by path under /api/v1/ (tests/api/test_every_operation.py).
API_PUBLIC = {
    "/openapi.json": "the API's own description",
    "/docs": "the API's documentation page",
    "/places/": "regions, municipalities and postcodes: public facts for the sign-up form",
}

# Routes whose GET may write, with the tables it may touch and the reason.
GET_MAY_WRITE: dict[str, tuple[set[str], str]] = {
    "conversation": ({"messaging.message:read_at"}, "reading a conversation marks it read"),
    "conversation_messages": ({"messaging.message:read_at"}, "the polled thread marks read"),
}
# Tables no GET promise covers: the session (login state, flash messages), the
# append-only staff-access log, which records reads by design, and a citizen's stored
# suggestions, a cache any read computes again when it is missing or the citizen changed.
NOT_STATE = {"sessions.session", "core.staffaccess", "matching.storedsuggestions"}


@dataclass(frozen=True)
class Route:
    pattern: str  # the full route, e.g. "opslag/<int:pk>/"
    name: str | None
    converters: tuple[tuple[str, type], ...]
    regex_groups: tuple[str, ...]

    def __str__(self):
        return f"{self.name or '(unnamed)'} /{self.pattern}"


def _walk(resolver, prefix="", namespace=None, converters=()):
    for entry in resolver.url_patterns:
        pattern = entry.pattern
        found = tuple(
            (key, type(value)) for key, value in getattr(pattern, "converters", {}).items()
        )
        if isinstance(entry, URLResolver):
            space = ":".join(part for part in (namespace, entry.namespace) if part) or None
            yield from _walk(entry, prefix + str(pattern), space, converters + found)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            groups = ()
            if isinstance(pattern, RegexPattern):
                groups = tuple(pattern.regex.groupindex)
            yield Route(prefix + str(pattern), name, converters + found, groups)


def all_routes() -> list[Route]:
    seen, routes = set(), []
    for route in _walk(get_resolver()):
        if route.pattern in seen:  # a route shadowed by an earlier one never answers
            continue
        seen.add(route.pattern)
        routes.append(route)
    return routes


ROUTES = all_routes()


# --- The objects routes point at: the `world` fixture in tests/core/conftest.py ---------


# Route name -> the URL's arguments, taken from the world. Add new object routes here.
ROUTE_KWARGS = {
    "post_detail": lambda w: {"pk": w.post.pk},
    "post_edit": lambda w: {"pk": w.post.pk},
    "post_autosave": lambda w: {"pk": w.post.pk},
    "post_pause": lambda w: {"pk": w.post.pk},
    "post_resume": lambda w: {"pk": w.post.pk},
    "post_renew": lambda w: {"pk": w.post.pk},
    "post_delete": lambda w: {"pk": w.post.pk},
    "saved_search_delete": lambda w: {"pk": w.saved_search.pk},
    "suggestion_hide": lambda w: {"pk": w.post.pk},
    # The citizen's small group; members only, so a 404 for everyone else.
    "small_group": lambda w: {"pk": w.small_group.pk},
    "small_group_answer": lambda w: {"pk": w.small_group.pk},
    "small_group_report": lambda w: {"pk": w.small_group.pk, "message_pk": w.group_message.pk},
    "conversation_start": lambda w: {"post_pk": w.other_post.pk},
    "conversation": lambda w: {"pk": w.conversation.pk},
    "conversation_messages": lambda w: {"pk": w.conversation.pk},
    "conversation_send": lambda w: {"pk": w.conversation.pk},
    "conversation_ready_reply": lambda w: {"pk": w.conversation.pk},
    "meeting_propose": lambda w: {"pk": w.conversation.pk},
    "conversation_block": lambda w: {"pk": w.conversation.pk},
    "conversation_report": lambda w: {"pk": w.conversation.pk},
    "meeting_answer": lambda w: {"pk": w.meeting.pk},
    "meeting_checkin": lambda w: {"pk": w.meeting.pk},
    "report_post": lambda w: {"pk": w.other_post.pk},
    "report_profile": lambda w: {"pk": w.other.pk},
    "notice_detail": lambda w: {"pk": w.notice.pk},
    # Staff pages: the walk's staff member moderates and administers Aalborg.
    "moderation_report": lambda w: {"pk": w.report.pk},
    "moderation_assign": lambda w: {"pk": w.report.pk},
    "moderation_act": lambda w: {"pk": w.report.pk},
    "moderation_remove_photo": lambda w: {"pk": w.report.pk},
    "moderation_appeal": lambda w: {"pk": w.appeal.pk},
    "moderation_settings": lambda w: {"pk": w.municipality.pk},
    "access_log": lambda w: {"pk": w.municipality.pk},
    "statistics_dashboard": lambda w: {"pk": w.municipality.pk},
    "statistics_csv": lambda w: {"pk": w.municipality.pk, "slug": "members"},
    "find_citizen": lambda w: {"pk": w.municipality.pk},
    "staff_birth_date": lambda w: {"pk": w.citizen.pk},
    # The walk's staff member is also IT supporter and facilitator in Aalborg.
    "help_request_detail": lambda w: {"pk": w.help_request.pk},
    "help_request_handled": lambda w: {"pk": w.help_request.pk},
    "support_request_detail": lambda w: {"pk": w.support_request.pk},
    "support_request_withdraw": lambda w: {"pk": w.support_request.pk},
    "support_staff_detail": lambda w: {"pk": w.support_request.pk},
    "support_assign": lambda w: {"pk": w.support_request.pk},
    "support_note": lambda w: {"pk": w.support_request.pk},
    "support_close": lambda w: {"pk": w.support_request.pk},
    "first_response_days": lambda w: {"municipality_pk": w.municipality.pk},
    "first_response_write": lambda w: {"citizen_pk": w.unanswered.pk},
    "assisted_guide": lambda w: {"pk": w.assisted.pk},
    "assisted_new_code": lambda w: {"pk": w.assisted.pk},
    "help_page": lambda w: {"slug": "godt-opslag"},
    "api_token_revoke": lambda w: {"pk": w.api_token.pk},
    # Consents: the citizen's newsletter yes; outcomes: Aalborg's figures.
    "consent_withdraw": lambda w: {"pk": w.citizen.consents.get(purpose="newsletter").pk},
    "questionnaire_consent_give": lambda w: {"purpose": "research"},
    "questionnaire_consent_withdraw": lambda w: {"purpose": "research"},
    "outcome_figures": lambda w: {"pk": w.municipality.pk},
    "outcome_tables_csv": lambda w: {"pk": w.municipality.pk},
    "outcome_codebook_csv": lambda w: {"pk": w.municipality.pk},
    "api:withdraw_consent": lambda w: {
        "consent_id": w.citizen.consents.get(purpose="newsletter").pk
    },
    # The municipality's page, announcements, newsletter and staff roles (Aalborg's).
    "municipality_page": lambda w: {"slug": w.municipality.slug},
    "landing_page_edit": lambda w: {"pk": w.municipality.pk},
    "announcement_list": lambda w: {"pk": w.municipality.pk},
    "announcement_new": lambda w: {"pk": w.municipality.pk},
    "announcement_edit": lambda w: {"pk": w.announcement.pk},
    "announcement_delete": lambda w: {"pk": w.announcement.pk},
    "newsletter_list": lambda w: {"pk": w.municipality.pk},
    "newsletter_edit": lambda w: {"pk": w.newsletter.pk},
    "newsletter_send": lambda w: {"pk": w.newsletter.pk},
    "newsletter_unsubscribe": lambda w: {"token": w.newsletter_token},
    "staff_roles": lambda w: {"pk": w.municipality.pk},
    "staff_role_remove": lambda w: {"pk": w.staff_role.pk},
    # The API, with real objects, so that the GET walk really reads them.
    "api:read_post": lambda w: {"post_id": w.post.pk},
    "api:pause": lambda w: {"post_id": w.post.pk},
    "api:resume": lambda w: {"post_id": w.post.pk},
    "api:renew": lambda w: {"post_id": w.post.pk},
    "api:start_conversation": lambda w: {"post_id": w.other_post.pk},
    "api:openers": lambda w: {"post_id": w.other_post.pk},
    "api:conversation": lambda w: {"conversation_id": w.conversation.pk},
    "api:messages": lambda w: {"conversation_id": w.conversation.pk},
    "api:mark_read": lambda w: {"conversation_id": w.conversation.pk},
    "api:send_ready_reply": lambda w: {"conversation_id": w.conversation.pk},
    "api:meetings": lambda w: {"conversation_id": w.conversation.pk},
    "api:answer_meeting": lambda w: {"meeting_id": w.meeting.pk},
    "api:checkin": lambda w: {"meeting_id": w.meeting.pk},
    "api:block": lambda w: {"conversation_id": w.conversation.pk},
    "api:report": lambda w: {"conversation_id": w.conversation.pk},
    "api:postcode": lambda w: {"code": "9000"},
    "api:support_request": lambda w: {"support_request_id": w.support_request.pk},
    "api:withdraw_support_request": lambda w: {"support_request_id": w.support_request.pk},
    "api:read_organisation": lambda w: {"organisation_id": w.organisation.pk},
    "api:follow": lambda w: {"organisation_id": w.organisation.pk},
    "api:apply": lambda w: {"organisation_id": w.organisation.pk},
    "api:read_activity": lambda w: {"activity_id": w.activity.pk},
    "api:sign_up": lambda w: {"activity_id": w.activity.pk},
    "admin:app_list": lambda w: {"app_label": "accounts"},
    # Local life: the citizen's club and the staff member's activities.
    "organisation_detail": lambda w: {"pk": w.organisation.pk},
    "report_logo": lambda w: {"pk": w.organisation.pk},
    "organisation_edit": lambda w: {"pk": w.organisation.pk},
    "organisation_logo": lambda w: {"pk": w.organisation.pk},
    "organisation_follow": lambda w: {"pk": w.organisation.pk},
    "organisation_unfollow": lambda w: {"pk": w.organisation.pk},
    "organisation_members": lambda w: {"pk": w.organisation.pk},
    "organisation_propose_contact": lambda w: {
        "pk": w.organisation.pk,
        "member_pk": w.organisation.memberships.get().pk,
    },
    "organisation_apply": lambda w: {"pk": w.organisation.pk},
    "organisation_calendar": lambda w: {"pk": w.organisation.pk},
    "verification_application": lambda w: {"pk": w.application.pk},
    "verification_contact": lambda w: {"pk": w.adult_contact.pk},
    "verification_remove_logo": lambda w: {"pk": w.organisation.pk},
    "activity_detail": lambda w: {"pk": w.activity.pk},
    "activity_signup": lambda w: {"pk": w.activity.pk},
    "activity_cancel_signup": lambda w: {"pk": w.activity.pk},
    "activity_ics": lambda w: {"pk": w.activity.pk},
    "activity_edit": lambda w: {"pk": w.activity.pk},
    "activity_cancel": lambda w: {"pk": w.activity.pk},
    "activity_attendance": lambda w: {"pk": w.activity.pk},
    "activity_checkin": lambda w: {"pk": w.activity.pk},
    "activity_decide_signup": lambda w: {"pk": w.signup.pk},
    "activity_attendance_code": lambda w: {
        "pk": w.activity.pk,
        "token": attendance_token(w.signup),
    },
    "post_photo": lambda w: {"pk": w.post.pk},
    "privacy_notice": lambda w: {"slug": w.municipality.slug},
    # allauth's MitID login (OpenID Connect), by its provider id.
    "openid_connect_login": lambda w: {"provider_id": "mitid"},
    "openid_connect_callback": lambda w: {"provider_id": "mitid"},
    # allauth's staff login with the municipality's identity provider (SAML), by its slug.
    **{
        name: lambda w: {"organization_slug": "kommune"}
        for name in ("saml_login", "saml_acs", "saml_finish_acs", "saml_sls", "saml_metadata")
    },
    "my_data_export": lambda w: {"pk": w.data_export.pk},
    "api:my_data_export": lambda w: {"export_id": w.data_export.pk},
    "api:download_my_data_export": lambda w: {"export_id": w.data_export.pk},
}


def _under_prefix(route: Route) -> str | None:
    return next((p for p in ANONYMOUS_BY_PREFIX if route.pattern.startswith(p)), None)


def url_for(route: Route, world: World) -> str:
    params = [key for key, _converter in route.converters] + list(route.regex_groups)
    if route.name in ROUTE_KWARGS:
        kwargs = ROUTE_KWARGS[route.name](world)
    elif params and _under_prefix(route):
        # A library's own route: any well-formed value will do.
        kwargs = {}
        for key, converter in route.converters:
            kwargs[key] = (
                1
                if issubclass(converter, IntConverter)
                else uuid.uuid4()
                if issubclass(converter, UUIDConverter)
                else "x1"
            )
        for key in route.regex_groups:
            kwargs[key] = "x1"
    elif params:
        pytest.fail(
            f"Route {route} takes {params}. Add {route.name!r} to ROUTE_KWARGS in "
            f"{__file__} so the walk can reach a real object."
        )
    else:
        kwargs = {}
    if route.name:
        return reverse(route.name, kwargs=kwargs)
    # An unnamed route (the admin's catch-all): fill its groups by hand.
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(kwargs[m.group(1)]), route.pattern)
    for key, value in kwargs.items():
        path = re.sub(rf"<(\w+:)?{key}>", str(value), path)
    return "/" + path.replace("^", "").replace("$", "")


# --- 1. Anonymous visitors --------------------------------------------------------------------


def _refuses_anonymous(response) -> bool:
    if response.status_code in (403, 404, 405):
        return True
    if response.status_code == 302:
        login = reverse(settings.LOGIN_URL)
        return response.url.startswith(login) or response.url.startswith(reverse("admin:login"))
    return False


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_every_route_is_public_by_choice_or_refuses_anonymous_visitors(route, world, client):
    if route.name in ANONYMOUS_ALLOWED or _under_prefix(route):
        return
    url = url_for(route, world)
    for method in ("get", "post"):
        try:
            response = getattr(client, method)(url)
        except Exception as error:  # noqa: BLE001 - any crash is a failure we want to name
            pytest.fail(
                f"{method.upper()} {url} ({route}) crashed for an anonymous visitor: "
                f"{error!r}. Protect the view with @login_required (or staff_required), "
                "or add it to ANONYMOUS_ALLOWED with a reason if it is public by design."
            )
        assert _refuses_anonymous(response), (
            f"{method.upper()} {url} ({route}) answered an anonymous visitor with "
            f"{response.status_code}. Protect the view with @login_required (or "
            "staff_required), or add its name to ANONYMOUS_ALLOWED in "
            f"{__file__} with the reason it is public."
        )


def test_the_allowlist_names_only_routes_that_exist():
    names = {route.name for route in ROUTES}
    assert set(ANONYMOUS_ALLOWED) <= names, set(ANONYMOUS_ALLOWED) - names
    assert set(ROUTE_KWARGS) <= names, set(ROUTE_KWARGS) - names
    assert set(GET_MAY_WRITE) <= names, set(GET_MAY_WRITE) - names
    assert set(CSRF_EXEMPT) <= names, set(CSRF_EXEMPT) - names


# --- 2. CSRF ------------------------------------------------------------------------------------


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_every_route_refuses_a_post_without_a_csrf_token(route, world):
    if route.name in CSRF_EXEMPT:
        return
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(world.citizen)
    url = url_for(route, world)
    response = csrf_client.post(url, {"body": "x", "name": "x"})
    refused = response.status_code == 403 and b"CSRF" in response.content
    if route.pattern.startswith("api/") and not refused:
        # The API's operations answer in JSON: a signed-in session without the token is
        # csrf_failed (every unsafe operation: tests/api/test_every_operation.py). A path
        # with only GET operations takes no POST at all (405).
        refused = response.status_code == 405 or (
            response.status_code == 403 and response.json()["code"] == "csrf_failed"
        )
    assert refused, (
        f"POST {url} ({route}) without a CSRF token answered {response.status_code}. "
        "Remove @csrf_exempt (or whatever skips Django's CSRF check) from the view."
    )


# --- 3. GET changes nothing ----------------------------------------------------------------


def _snapshot(ignore: set[str]) -> dict[str, str]:
    """One digest per table of every row (ignoring `app.model:field` entries)."""
    return {
        label: hashlib.sha256(repr(_project(fields, rows, label, ignore)).encode()).hexdigest()
        for label, (fields, rows) in _rows().items()
    }


def _rows() -> dict[str, tuple[list[str], list[tuple]]]:
    """Every row of every table, with the names of its fields (not the sessions' rows)."""
    tables = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in NOT_STATE or model is Session:
            continue
        fields = [f.attname for f in model._meta.concrete_fields]
        tables[label] = (fields, list(model._base_manager.order_by("pk").values_list(*fields)))
    return tables


def _project(fields: list[str], rows: list[tuple], label: str, ignore: set[str]) -> list[tuple]:
    keep = [i for i, name in enumerate(fields) if f"{label}:{name}" not in ignore]
    if len(keep) == len(fields):
        return rows
    return [tuple(row[i] for i in keep) for row in rows]


@pytest.mark.parametrize("who", ["citizen", "staff"])
def test_no_get_changes_the_database(world, client, who):
    """A citizen GETs every route, then a moderator and administrator signed in with a
    second factor, so that the staff pages are really opened, not just refused."""
    if who == "staff":
        sign_in_staff(client, world.staff)
    else:
        client.force_login(world.citizen)
    changed = []
    # The rows after one GET are the rows before the next: read once per route.
    before = _rows()
    for route in ROUTES:
        url = url_for(route, world)
        ignore, _reason = GET_MAY_WRITE.get(route.name, (set(), ""))
        client.get(url)
        after = _rows()
        tables = [
            label
            for label, (fields, rows) in before.items()
            if _project(fields, rows, label, ignore)
            != _project(fields, after[label][1], label, ignore)
        ]
        if tables:
            changed.append(f"GET {url} ({route}) changed {', '.join(tables)}")
        before = after
    assert not changed, (
        "GET must not change state; move the change behind a POST (@require_POST), or add "
        "the route to GET_MAY_WRITE with a reason:\n" + "\n".join(changed)
    )
