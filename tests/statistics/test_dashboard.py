"""The municipality's statistics dashboard: its analysts and administrators read the last 12
complete months, every value through disclosure control, on the page and in the CSV alike."""

import csv
import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from belong.core import clock
from belong.core.models import StaffAccess
from belong.municipalities.models import StaffRole
from belong.statistics.dashboard import figure_sets, last_complete_months
from belong.statistics.models import MonthlyFigure
from tests.factories import MunicipalityFactory, UserFactory
from tests.html import validate_html
from tests.staff import make_staff, sign_in_staff

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2026, 12, 1, 10, tzinfo=datetime.UTC)
ANALYST = StaffRole.Role.ANALYST


@pytest.fixture(autouse=True)
def _in_december():
    with clock.set_to(TODAY):
        yield


def seed(municipality, figure, values):
    """The rolled-up values of a figure, oldest of the last 12 complete months first."""
    for month, value in zip(last_complete_months(), values, strict=True):
        MonthlyFigure.objects.update_or_create(
            municipality=municipality,
            month=month.first_day,
            figure=figure,
            defaults={"value": value, "computed_at": timezone.now()},
        )


def every_figure(municipality, value=40):
    for figure_set in figure_sets():
        for column in figure_set.columns:
            for name in column.figures:
                seed(municipality, name, [value] * 12)
    seed(municipality, "members", [160] * 12)


@pytest.fixture
def analyst(aalborg):
    return make_staff(aalborg, ANALYST, is_staff=True)


def dashboard(client, municipality):
    return client.get(reverse("statistics_dashboard", args=[municipality.pk]))


def download(client, municipality, slug):
    response = client.get(reverse("statistics_csv", args=[municipality.pk, slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def section(page: str, slug: str) -> str:
    found = re.search(rf'<section[^>]* id="{slug}".*?</section>', page, re.S)
    assert found, slug
    return found.group(0)


def body_rows(html: str) -> list[list[str]]:
    """The table's rows as text: the month, then its cells."""
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1)
    return [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def total_row(html: str) -> list[str]:
    foot = re.search(r"<tfoot>(.*?)</tfoot>", html, re.S).group(1)
    return [
        re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", foot)
    ]


def test_an_analyst_reads_every_figure_set_mapped_to_its_finding(client, aalborg, analyst):
    every_figure(aalborg)
    sign_in_staff(client, analyst)
    response = dashboard(client, aalborg)
    assert response.status_code == 200
    page = response.content.decode()
    validate_html(page)
    for figure_set in figure_sets():
        html = section(page, figure_set.slug)
        assert "Følger fundet" in html
        assert 'role="img"' in html and "<title" in html and "<desc" in html
        assert len(body_rows(html)) == 12
        assert reverse("statistics_csv", args=[aalborg.pk, figure_set.slug]) in html
    # December 2025 to November 2026: the last 12 complete months, no more.
    assert body_rows(section(page, "members"))[0][0] == "december 2025"
    assert body_rows(section(page, "members"))[-1][0] == "november 2026"
    for finding in ("Synlighed", "At række ud", "Relationelt match", "Intet svar"):
        assert finding in page
    access = StaffAccess.objects.get(staff=analyst)
    assert access.municipality == aalborg and access.action == "statistics"
    assert "Set-Cookie" not in response or "sessionid" in response.cookies


def test_a_small_count_reads_under_5_never_its_value(client, aalborg, analyst):
    every_figure(aalborg)
    seed(aalborg, "reports", [0, 3, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40])
    sign_in_staff(client, analyst)
    rows = body_rows(section(dashboard(client, aalborg).content.decode(), "safety"))
    assert rows[0][1] == rows[1][1] == "under 5"
    assert rows[2][1] == "40"
    lines = download(client, aalborg, "safety")
    assert lines[1][1] == lines[2][1] == "under 5"
    assert "0" not in (lines[1][1], lines[2][1]) and "3" not in (lines[1][1], lines[2][1])


def test_a_differencing_attempt_from_the_12_month_total_fails(client, aalborg, analyst):
    """One month of 3 new members and a year's total: the total less the shown months would
    give the 3, so a second month is hidden too and the total cannot be solved for either."""
    every_figure(aalborg)
    values = [3, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30]
    seed(aalborg, "new_members", values)
    sign_in_staff(client, analyst)
    html = section(dashboard(client, aalborg).content.decode(), "members")
    new_members = [row[2] for row in body_rows(html)]
    total = total_row(html)[2]
    lines = download(client, aalborg, "members")
    assert [line[2] for line in lines[1:13]] == [cell.replace(".", "") for cell in new_members]
    hidden = [i for i, cell in enumerate(new_members) if not cell.replace(".", "").isdigit()]
    assert hidden[0] == 0 and new_members[0] == "under 5"
    assert len(hidden) >= 2, "a lone hidden month would be the total less the others"
    assert new_members[hidden[1]] == "skjult"
    if total.replace(".", "").isdigit():
        shown = sum(int(new_members[i].replace(".", "")) for i in range(12) if i not in hidden)
        # What is left over is shared by two or more hidden months: the 3 is not pinned.
        assert int(total.replace(".", "")) - shown == values[0] + sum(values[i] for i in hidden[1:])
        assert len(hidden) > 1
    assert lines[13][0] == "12 måneder i alt"


def test_a_split_hides_a_second_category_so_the_members_total_gives_nothing_away(
    client, aalborg, analyst
):
    every_figure(aalborg)
    seed(aalborg, "members_gender_woman", [30] * 12)
    seed(aalborg, "members_gender_man", [20] * 12)
    seed(aalborg, "members_gender_other", [2] * 12)
    seed(aalborg, "members_gender_unspecified", [10] * 12)
    seed(aalborg, "members", [62] * 12)
    sign_in_staff(client, analyst)
    page = dashboard(client, aalborg).content.decode()
    for row in body_rows(section(page, "gender")):
        month, woman, man, other, unspecified, members = row
        assert other == "under 5"
        assert unspecified == "skjult"  # the smallest shown cell is held back as well
        assert (woman, man, members) == ("30", "20", "60")  # a stock, to the nearest 5
    lines = download(client, aalborg, "gender")
    assert all(line[3] == "under 5" and line[4] == "skjult" for line in lines[1:])


def test_shares_and_medians_over_too_few_people_are_not_shown(client, aalborg, analyst):
    every_figure(aalborg)
    seed(aalborg, "conversations", [8] + [40] * 11)
    seed(aalborg, "first_contacts_answered_72h", [6] + [30] * 11)  # 2 not answered: too few
    seed(aalborg, "first_reply_median_minutes", [600] * 12)
    seed(aalborg, "first_reply_n", [9, 10] + [30] * 10)
    sign_in_staff(client, analyst)
    rows = body_rows(section(dashboard(client, aalborg).content.decode(), "answers"))
    assert rows[0][1] == "for få til at vise"
    assert rows[1][1] == "75 %"
    assert rows[0][4] == "for få til at vise"  # a median over 9
    assert rows[1][4] == "10,0"  # a median over 10: 600 minutes are 10 hours


def test_free_periods_cannot_be_asked_for(client, aalborg, analyst):
    every_figure(aalborg)
    sign_in_staff(client, analyst)
    plain = dashboard(client, aalborg).content.decode()
    asked = client.get(
        reverse("statistics_dashboard", args=[aalborg.pk]),
        {"fra": "2026-11-01", "til": "2026-11-15", "month": "2026-11"},
    ).content.decode()
    for figure_set in figure_sets():
        assert section(asked, figure_set.slug) == section(plain, figure_set.slug)


def test_a_month_not_yet_rolled_up_says_so(client, aalborg, analyst):
    sign_in_staff(client, analyst)
    rows = body_rows(section(dashboard(client, aalborg).content.decode(), "members"))
    assert rows[0][1] == "ikke talt op endnu"


@pytest.mark.parametrize("role", [None, StaffRole.Role.MODERATOR, StaffRole.Role.FACILITATOR])
def test_citizens_and_other_staff_are_refused(client, aalborg, aalborg_postcode, role):
    if role is None:
        user = UserFactory(postcode=aalborg_postcode)
        client.force_login(user)
    else:
        user = make_staff(aalborg, role, is_staff=True)
        sign_in_staff(client, user)
    assert dashboard(client, aalborg).status_code == 404
    assert client.get(reverse("statistics_csv", args=[aalborg.pk, "members"])).status_code == 404
    assert not StaffAccess.objects.filter(action__startswith="statistics").exists()


def test_an_analyst_of_another_municipality_is_refused(client, aalborg):
    elsewhere = make_staff(MunicipalityFactory(), ANALYST, is_staff=True)
    sign_in_staff(client, elsewhere)
    assert dashboard(client, aalborg).status_code == 404
    assert client.get(reverse("statistics_csv", args=[aalborg.pk, "members"])).status_code == 404


def test_the_dashboard_needs_a_login_and_a_second_factor(client, aalborg, analyst):
    assert dashboard(client, aalborg).status_code == 302
    sign_in_staff(client, analyst, second_factor=False)
    response = dashboard(client, aalborg)
    assert response.status_code == 302
    assert not StaffAccess.objects.exists()


def test_an_administrator_reads_it_and_an_unknown_set_is_404(client, aalborg):
    administrator = make_staff(aalborg, StaffRole.Role.ADMINISTRATOR, is_staff=True)
    sign_in_staff(client, administrator)
    assert dashboard(client, aalborg).status_code == 200
    assert client.get(reverse("statistics_csv", args=[aalborg.pk, "nothing"])).status_code == 404
    assert (
        client.get(reverse("staff_home"))
        .content.decode()
        .count(reverse("statistics_dashboard", args=[aalborg.pk]))
    )


def test_the_csv_is_logged(client, aalborg, analyst):
    every_figure(aalborg)
    sign_in_staff(client, analyst)
    lines = download(client, aalborg, "posts")
    assert lines[0][0] == "Måned"
    assert lines[1][0] == "2025-12"
    assert StaffAccess.objects.filter(staff=analyst, action="statistics_csv:posts").exists()


def test_the_dashboard_has_a_fixed_query_budget(
    client, aalborg, analyst, django_assert_max_num_queries
):
    every_figure(aalborg)
    sign_in_staff(client, analyst)
    dashboard(client, aalborg)
    with django_assert_max_num_queries(12):
        assert dashboard(client, aalborg).status_code == 200


def test_the_page_travels_compressed_and_small(client, aalborg, analyst):
    every_figure(aalborg)
    sign_in_staff(client, analyst)
    url = reverse("statistics_dashboard", args=[aalborg.pk])
    response = client.get(url, headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    # The HTML of every chart and table, compressed: well inside a 40 KB page with its CSS
    # and scripts.
    assert len(response.content) < 15_000


def test_member_stocks_are_rounded_so_their_difference_does_not_give_a_hidden_month(
    client, aalborg, analyst
):
    """103 members at one month's end and 100 at the last: the 3 who joined read "under 5",
    and the stocks do not give them away either."""
    every_figure(aalborg)
    seed(aalborg, "members", [100, 103] + [140] * 10)
    seed(aalborg, "new_members", [20, 3] + [20] * 10)
    seed(aalborg, "members_gender_woman", [60, 62] + [80] * 10)
    seed(aalborg, "members_gender_man", [30, 31] + [50] * 10)
    seed(aalborg, "members_gender_other", [5] * 12)
    seed(aalborg, "members_gender_unspecified", [5] * 2 + [5] * 10)
    sign_in_staff(client, analyst)
    page = dashboard(client, aalborg).content.decode()
    members = body_rows(section(page, "members"))
    assert [members[0][1], members[1][1], members[1][2]] == ["100", "105", "under 5"]
    gender = body_rows(section(page, "gender"))
    assert gender[1][1:] == ["60", "30", "5", "5", "105"]
    assert "103" not in section(page, "members") and "103" not in section(page, "gender")
    lines = download(client, aalborg, "members")
    assert lines[2][1:3] == ["105", "under 5"]
