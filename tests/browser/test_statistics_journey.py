"""An analyst signs in with a second factor, opens her municipality's statistics from the
staff page, reads a chart and its table (a small month shown as "under 5"), downloads the
figures as CSV, and the page passes axe."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from belong.municipalities.models import StaffRole
from belong.statistics.dashboard import figure_sets, last_complete_months
from belong.statistics.models import MonthlyFigure
from tests.browser.axe import assert_no_axe_violations
from tests.browser.test_moderation_journey import staff_log_in
from tests.staff import make_staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_context_args(browser_context_args):
    # axe is added as a script tag; the Content-Security-Policy must not stop the test tool.
    return {**browser_context_args, "bypass_csp": True}


def seed_year(municipality):
    """A rolled-up year: every figure at 40, members growing, one quiet month of reports."""
    now = timezone.now()
    rows = []
    for index, month in enumerate(last_complete_months()):
        values = {
            name: 40
            for figure_set in figure_sets()
            for c in figure_set.columns
            for name in c.figures
        }
        values["members"] = 160
        values["new_members"] = 20 + index
        values["reports"] = 2 if index == 11 else 12
        rows.extend(
            MonthlyFigure(
                municipality=municipality,
                month=month.first_day,
                figure=name,
                value=value,
                computed_at=now,
            )
            for name, value in values.items()
        )
    MonthlyFigure.objects.bulk_create(rows)


def test_an_analyst_reads_the_dashboard(page, live_server, aalborg):
    seed_year(aalborg)
    analyst = make_staff(
        aalborg, StaffRole.Role.ANALYST, email="sara@aalborg.dk", display_name="Sara", is_staff=True
    )

    staff_log_in(page, live_server.url, "sara@aalborg.dk", analyst.totp_secret)

    page.get_by_role("navigation").get_by_role("link", name="Personale").click()
    page.get_by_role("link", name="Statistik").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Statistik for Aalborg")

    members = page.get_by_role("region", name="Medlemmer, måned for måned")
    expect(members).to_be_visible()
    expect(
        page.get_by_role("img", name="Medlemmer: Medlemmer ved månedens slutning")
    ).to_be_visible()
    expect(page.get_by_text("Følger fundet “Synlighed”:").first).to_be_visible()

    safety = page.get_by_role("region", name="Anmeldelser og moderation, måned for måned")
    last_row = safety.get_by_role("row").nth(12)
    expect(last_row.get_by_role("cell").first).to_have_text("under 5")

    with page.expect_download() as waiting:
        page.get_by_role("link", name="Hent “Anmeldelser og moderation” som CSV").click()
    content = open(waiting.value.path(), encoding="utf-8").read()
    assert "under 5" in content and ",2," not in content

    assert_no_axe_violations(page)
