"""Schemathesis against the OpenAPI document: no server errors, no schema violations.

Every operation gets BELONG_API_EXAMPLES examples (default 100, as CI runs it); set it
lower for a quick local run."""

import os

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test
from schemathesis.checks import CHECKS as ALL_CHECKS
from schemathesis.checks import load_all_checks
from schemathesis.specs.openapi.checks import (
    positive_data_acceptance as _positive_data_acceptance,
)

from belong.accounts.consents import give
from belong.api.main import api as ninja_api
from belong.wsgi import application
from tests.api.conftest import api_client_for
from tests.local_life import make_activity, make_organisation
from tests.staff import make_staff

EXAMPLES = int(os.environ.get("BELONG_API_EXAMPLES", "100"))
STATEFUL_EXAMPLES = EXAMPLES
load_all_checks()

# Rules that a JSON Schema cannot state (they compare two fields, or depend on the clock or
# on what exists), so the document states them in words on the schema: (operation, field)
# of the 422 each answers with.
STATED_RULES = {
    ("POST /api/v1/posts", "wish_age_max"),  # not below wish_age_min
    ("PUT /api/v1/posts/{post_id}", "wish_age_max"),
    # Written as an organisation only where the author is an owner or editor.
    ("POST /api/v1/posts", "organisation"),
    ("PUT /api/v1/posts/{post_id}", "organisation"),
    ("POST /api/v1/conversations/{conversation_id}/meetings", None),  # ahead, within a year
    ("PUT /api/v1/me", "postcode"),  # a postcode in a municipality that offers Belong
    # An organisation's postcode (as above), contact e-mail and web address.
    ("POST /api/v1/organisations", "postcode"),
    ("POST /api/v1/organisations", "contact_email"),
    ("POST /api/v1/organisations", "website"),
    ("PUT /api/v1/organisations/{organisation_id}", "postcode"),
    ("PUT /api/v1/organisations/{organisation_id}", "contact_email"),
    ("PUT /api/v1/organisations/{organisation_id}", "website"),
    # A phone number when the citizen asks to be called; e-mail only with an address.
    ("POST /api/v1/support-requests", "phone"),
    ("POST /api/v1/support-requests", "contact"),
}


def _error_answer(response) -> dict | None:
    try:
        answer = response.json()
    except ValueError:
        return None
    if isinstance(answer, dict) and set(answer) == {"code", "message", "field"}:
        return answer
    return None


def refused_by_a_stated_rule(response, case) -> bool:
    """A well-formed request that a rule of the platform refused: a 400 refusal (the
    conversation has ended, the post is one's own ...) or a rule stated in words above."""
    answer = _error_answer(response)
    if answer is None:
        return False
    if response.status_code == 400:
        return answer["code"] not in ("invalid_json", "error")
    if response.status_code == 422:
        return (case.operation.label, answer["field"]) in STATED_RULES
    return False


def positive_data_acceptance(ctx, response, case):
    """Schemathesis' own check, except for requests refused by a rule stated above."""
    if refused_by_a_stated_rule(response, case):
        return None
    return _positive_data_acceptance(ctx, response, case)


# Every check schemathesis has (as `--checks all`), the positive one as above.
CHECKS = [
    positive_data_acceptance if check is _positive_data_acceptance else check
    for check in ALL_CHECKS.get_all()
]


def _load_schema():
    # The document as the API serves it; requests go through the whole Django stack (WSGI).
    schema = schemathesis.openapi.from_dict(ninja_api.get_openapi_schema(path_prefix="/api/v1/"))
    schema.app = application
    return schema


schema = _load_schema()


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Schemathesis calls the WSGI app itself, not through Django's test client, so the
    end of each request would close the database connection the test's transaction lives
    on (PostgreSQL then fails). Do as the test client does: leave it open."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def world(citizen, seeded, aalborg):
    client = api_client_for(citizen)
    facilitator = make_staff(aalborg, "facilitator")
    club = make_organisation(citizen)
    activities = [
        make_activity(facilitator, municipality=aalborg, capacity=1).pk,
        make_activity(citizen, organisation=club).pk,
    ]
    return {
        "headers": client.headers,
        "ids": {
            "post_id": [seeded["mine"].pk, seeded["theirs"].pk],
            "conversation_id": [seeded["conversation"].pk],
            "meeting_id": [seeded["meeting"].pk],
            "code": ["9000"],
            "organisation_id": [club.pk],
            "activity_id": activities,
            "consent_id": [give(user=citizen, purpose="research", via="profile").pk],
        },
    }


class FreshState:
    """Each example starts from the same database and the same empty rate limits, and
    leaves nothing behind: Hypothesis replays examples and needs the same answers to the
    same requests. Without this, rows and limit counts piled up from example to example,
    so a replayed example met other answers (an empty list, a 429 after a minute's window
    turned) and Hypothesis stopped with FlakyStrategyDefinition, which happened on slow
    full runs only."""

    def __enter__(self):
        cache.clear()
        self.savepoint = transaction.savepoint()

    def __exit__(self, *exc_info):
        transaction.savepoint_rollback(self.savepoint)
        cache.clear()


def _trace(kind, case, response) -> None:
    # BELONG_API_TRACE=1 prints one line a request, for counting what a run tried.
    if os.environ.get("BELONG_API_TRACE"):
        print(kind, case.method, case.path, case.path_parameters, response.status_code)


def _point_at_real_objects(case, ids) -> None:
    """Half of the generated ids are swapped for real ones (chosen by the generated value,
    so an example still replays the same), so the operations meet real data too. Not in a
    case made invalid on purpose: the swap could make it valid again (the body is checked
    before the id is looked up, so an invalid body still meets its validation)."""
    if case.meta is not None and case.meta.generation.mode.is_negative:
        return
    for name, real in ids.items():
        value = (case.path_parameters or {}).get(name)
        if isinstance(value, int) and value % 2 == 0:
            case.path_parameters[name] = real[(value // 2) % len(real)]
        elif isinstance(value, str) and len(value) % 2 == 0:
            case.path_parameters[name] = real[0]


def _send_as_the_citizen(case, headers) -> None:
    """The citizen's own headers go into the case itself, not as call arguments: the
    negative checks then judge what was sent. (A generated, invalid Authorization header
    that the call replaced with the citizen's token was taken for invalid data accepted.)"""
    case.headers = {**(case.headers or {}), **headers}


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_the_api_keeps_its_promises(case, world):
    with FreshState():
        _point_at_real_objects(case, world["ids"])
        _send_as_the_citizen(case, world["headers"])
        response = case.call()
        _trace("TRACE", case, response)
        case.validate_response(response, checks=CHECKS, headers=world["headers"])


def test_stateful_workflows_keep_their_promises(world):
    """Follow the document's links: write a post, then read, change, pause, renew and
    delete it; write to a post, then read, answer, meet, report and block."""
    workflow = schema.as_state_machine()
    headers = world["headers"]

    class Workflow(workflow):
        def setup(self):
            self.fresh = FreshState()
            self.fresh.__enter__()

        def teardown(self):
            self.fresh.__exit__(None, None, None)

        def get_call_kwargs(self, case):
            _send_as_the_citizen(case, headers)
            return {}

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            _trace("STATEFUL", case, response)
            if any(value is None for value in (case.path_parameters or {}).values()):
                # A link followed from a null id (an activity a facilitator runs has no
                # organisation): the harness writes "None" into the path, no client would.
                return
            case.validate_response(response, checks=CHECKS, headers=world["headers"])

    run_state_machine_as_test(
        Workflow,
        settings=settings(
            max_examples=STATEFUL_EXAMPLES,
            stateful_step_count=6,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
        ),
    )
