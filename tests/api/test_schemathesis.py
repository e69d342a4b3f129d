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
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from belong.api.main import api as ninja_api
from belong.wsgi import application
from tests.api.conftest import api_client_for
from tests.local_life import make_activity, make_organisation
from tests.staff import make_staff

EXAMPLES = int(os.environ.get("BELONG_API_EXAMPLES", "100"))
STATEFUL_EXAMPLES = EXAMPLES
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
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
    so an example still replays the same), so the operations meet real data too."""
    for name, real in ids.items():
        value = (case.path_parameters or {}).get(name)
        if isinstance(value, int) and value % 2 == 0:
            case.path_parameters[name] = real[(value // 2) % len(real)]
        elif isinstance(value, str) and len(value) % 2 == 0:
            case.path_parameters[name] = real[0]


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
        response = case.call(headers=world["headers"])
        _trace("TRACE", case, response)
        case.validate_response(response, checks=CHECKS)


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
            return {"headers": headers}

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            _trace("STATEFUL", case, response)
            case.validate_response(response, checks=CHECKS)

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
