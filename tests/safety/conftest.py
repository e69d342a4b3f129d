"""Safety personas: Anne writes a post, Bo, Carl and Dina read it; a moderator in Aalborg."""

import pytest

from belong.municipalities.models import StaffRole
from tests.factories import UserFactory, make_post
from tests.staff import make_staff


@pytest.fixture
def readers(aalborg_postcode):
    return [
        UserFactory(display_name=name, postcode=aalborg_postcode) for name in ("Bo", "Carl", "Dina")
    ]


@pytest.fixture
def post(citizen):
    return make_post(citizen, title="Gåtur ved fjorden", body="Jeg søger en at gå med.")


@pytest.fixture
def moderator(aalborg):
    return make_staff(aalborg, StaffRole.Role.MODERATOR, display_name="Mona Moderator")


@pytest.fixture
def administrator(aalborg):
    return make_staff(aalborg, StaffRole.Role.ADMINISTRATOR, display_name="Alma Admin")


@pytest.fixture
def conversation(readers, post):
    from belong.messaging.services import start_conversation

    return start_conversation(
        sender=readers[0], post=post, body="Hej Anne! Du er dum.", client_token="tok-first-1"
    ).conversation
