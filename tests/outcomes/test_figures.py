"""The outcome figures: aggregates only, every cell through disclosure control, only people
with an open yes, and only analysts (or administrators) of the municipality; the tables for
research only for a researcher with a data agreement in force."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from belong.accounts import consents
from belong.core import clock
from belong.core.models import StaffAccess
from belong.messaging.models import CheckIn, Conversation, Meeting
from belong.outcomes import figures
from belong.outcomes.models import DataAgreement
from tests.factories import LicenceFactory, MunicipalityFactory, PostcodeFactory, UserFactory
from tests.html import validate_html
from tests.outcomes.people import JOINED, member
from tests.staff import make_staff, sign_in_staff

Q = consents.Purpose.QUESTIONNAIRES


def split(tables, key):
    return next(s for s in tables if s.key == key)


def everyone_at_3_months(municipality, **kwargs):
    return split(figures.outcome_tables(municipality, **kwargs), "all").rows[0].cells[0]


@pytest.fixture
def analyst(aalborg, aalborg_postcode):
    return make_staff(aalborg, "analyst", display_name="Ane", postcode=aalborg_postcode)


def test_the_change_from_the_first_round_is_a_mean_over_ten_or_more(aalborg, aalborg_postcode):
    for _ in range(10):
        member(aalborg_postcode, start=(10, 7), later=(16, 5))
    cell = everyone_at_3_months(aalborg)
    assert cell.people == 10
    assert cell.who5_change == pytest.approx(6)
    assert cell.ucla3_change == pytest.approx(-2)


def test_fewer_than_five_people_are_hidden_and_a_mean_over_fewer_than_ten(
    aalborg, aalborg_postcode
):
    for _ in range(4):
        member(aalborg_postcode)
    cell = everyone_at_3_months(aalborg)
    assert (cell.people, cell.who5_change, cell.ucla3_change) == (None, None, None)
    for _ in range(3):
        member(aalborg_postcode)
    cell = everyone_at_3_months(aalborg)
    assert cell.people == 7 and cell.who5_change is None  # counted, but no mean over 7


def test_a_withdrawn_yes_leaves_every_figure(aalborg, aalborg_postcode):
    people = [member(aalborg_postcode, start=(10, 7), later=(20, 3)) for _ in range(10)]
    assert everyone_at_3_months(aalborg).people == 10
    consents.withdraw(user=people[0], purpose=Q, via="profile")
    assert everyone_at_3_months(aalborg).people is None or everyone_at_3_months(aalborg).people == 9
    assert everyone_at_3_months(aalborg).who5_change is None  # 9: no mean any more


def test_splits_by_use_of_belong_count_only_people_who_said_yes_to_linking(
    aalborg, aalborg_postcode
):
    for _ in range(10):
        member(aalborg_postcode, linking=False, gender="man")
    tables = figures.outcome_tables(aalborg)
    assert split(tables, "all").rows[0].cells[0].people == 10
    gender = {row.label: row.cells[0].people for row in split(tables, "gender").rows}
    assert set(gender.values()) == {None}


def test_a_split_hides_a_small_group_and_what_would_give_it_away(aalborg, aalborg_postcode):
    """With 12 women and 2 men, the men's cell is hidden; the total (14, shown for everyone)
    minus the women gives only what the hidden cells hold together, never the men alone."""
    for _ in range(12):
        member(aalborg_postcode, gender="woman")
    for _ in range(2):
        member(aalborg_postcode, gender="man")
    rows = {
        row.label: row.cells[0] for row in split(figures.outcome_tables(aalborg), "gender").rows
    }
    assert rows["Mand"].people is None
    assert rows["Mand"].who5_change is None
    hidden = [label for label, cell in rows.items() if cell.people is None]
    assert len(hidden) >= 2 and "Mand" in hidden
    assert split(figures.outcome_tables(aalborg), "all").rows[0].cells[0].people == 14


def test_loneliness_at_start_splits_the_change(aalborg, aalborg_postcode):
    for _ in range(10):
        member(aalborg_postcode, start=(8, 8), later=(12, 6))
    for _ in range(10):
        member(aalborg_postcode, start=(15, 4), later=(15, 4))
    rows = {
        row.label: row.cells[0]
        for row in split(figures.outcome_tables(aalborg), "lonely_at_start").rows
    }
    assert rows["Ensom (7 eller mere)"].who5_change == pytest.approx(4)
    assert rows["Ikke ensom (under 7)"].who5_change == pytest.approx(0)


def test_meeting_someone_counts_a_we_met_check_in_before_the_later_round(aalborg, aalborg_postcode):
    people = [member(aalborg_postcode) for _ in range(10)]
    other = UserFactory(postcode=aalborg_postcode)
    conversation = Conversation.objects.create(starter=people[0], recipient=other)
    for person in people[:5]:
        meeting = Meeting.objects.create(
            conversation=conversation, proposed_by=other, starts_at=JOINED, place="Biblioteket"
        )
        CheckIn.objects.create(
            meeting=meeting, user=person, met=True, answered_at=JOINED + datetime.timedelta(days=20)
        )
    rows = {
        row.label: row.cells[0].people
        for row in split(figures.outcome_tables(aalborg), "met_someone").rows
    }
    assert rows == {"Har mødt nogen": 5, "Ikke endnu": 5}


def test_other_municipalities_answers_never_count(aalborg, aalborg_postcode):
    aarhus = MunicipalityFactory(code=751, name="Aarhus")
    LicenceFactory(municipality=aarhus)
    elsewhere = PostcodeFactory(code="8000", municipality=aarhus)
    for _ in range(10):
        member(elsewhere)
    assert everyone_at_3_months(aalborg).people is None


def test_the_analysts_page_shows_only_protected_aggregates(
    client, aalborg, aalborg_postcode, analyst
):
    people = [member(aalborg_postcode, start=(10, 7), later=(16, 5)) for _ in range(10)]
    sign_in_staff(client, analyst)
    response = client.get(reverse("outcome_figures", args=[aalborg.pk]))
    page = response.content.decode()
    validate_html(page)
    assert "10 personer" in page and "6,0" in page
    assert "ikke valideret" in page  # UCLA-3's Danish wording is marked
    assert "skjult (for få)" in page  # the splits with too few people
    for person in people:
        assert person.display_name not in page and person.email not in page
    assert "tabeller.csv" not in page  # no agreement, no download
    assert not StaffAccess.objects.filter(subject__in=people).exists()


def test_the_page_is_quick_however_many_answered(
    client, aalborg, aalborg_postcode, analyst, django_assert_max_num_queries
):
    for _ in range(12):
        member(aalborg_postcode)
    sign_in_staff(client, analyst)
    with django_assert_max_num_queries(30):
        assert client.get(reverse("outcome_figures", args=[aalborg.pk])).status_code == 200


def test_the_home_sends_an_analyst_of_one_municipality_to_its_page(client, aalborg, analyst):
    sign_in_staff(client, analyst)
    response = client.get(reverse("outcome_figures_home"))
    assert response["Location"] == reverse("outcome_figures", args=[aalborg.pk])


def test_another_municipalitys_page_is_not_found(client, aalborg, analyst):
    aarhus = MunicipalityFactory(code=751, name="Aarhus")
    sign_in_staff(client, analyst)
    assert client.get(reverse("outcome_figures", args=[aarhus.pk])).status_code == 404


@pytest.mark.parametrize("role", ["moderator", "facilitator", "it_supporter"])
def test_other_roles_do_not_see_the_outcomes(client, aalborg, role):
    staff = make_staff(aalborg, role)
    sign_in_staff(client, staff)
    assert client.get(reverse("outcome_figures", args=[aalborg.pk])).status_code == 404


def test_citizens_do_not_see_the_outcomes(client, aalborg, citizen):
    client.force_login(citizen)
    assert client.get(reverse("outcome_figures", args=[aalborg.pk])).status_code == 404
    assert client.get(reverse("outcome_tables_csv", args=[aalborg.pk])).status_code == 404


def test_an_administrator_reads_the_page_too(client, aalborg):
    admin = make_staff(aalborg, "administrator")
    sign_in_staff(client, admin)
    assert client.get(reverse("outcome_figures", args=[aalborg.pk])).status_code == 200


def agreement(researcher, municipality, *, days_left=100):
    today = clock.today()
    return DataAgreement.objects.create(
        researcher=researcher,
        municipality=municipality,
        reference="DPA-2026-17",
        starts_on=today - datetime.timedelta(days=10),
        ends_on=today + datetime.timedelta(days=days_left),
        recorded_at=clock.now(),
    )


def test_a_researcher_with_an_agreement_downloads_aggregate_tables_and_a_codebook(
    client, aalborg, aalborg_postcode, analyst
):
    for _ in range(10):
        member(aalborg_postcode, research=True, start=(10, 7), later=(16, 5))
    for _ in range(10):
        member(aalborg_postcode, research=False)
    agreement(analyst, aalborg)
    sign_in_staff(client, analyst)
    page = client.get(reverse("outcome_figures", args=[aalborg.pk])).content.decode()
    assert "DPA-2026-17" in page and "tabeller.csv" in page
    response = client.get(reverse("outcome_tables_csv", args=[aalborg.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    everyone = next(r for r in rows if r["split"] == "all" and r["months_on_belong"] == "3")
    assert everyone["people"] == "10"  # only those who said yes to research
    assert everyone["who5_change"] == "6.00"
    assert set(rows[0]) == {
        "split",
        "group",
        "months_on_belong",
        "people",
        "who5_change",
        "ucla3_change",
    }
    codebook = client.get(reverse("outcome_codebook_csv", args=[aalborg.pk])).content.decode()
    assert "who5_change" in codebook and "færre end 5" in codebook


def test_no_download_without_an_agreement_in_force(client, aalborg, analyst):
    agreement(analyst, aalborg, days_left=-1)
    sign_in_staff(client, analyst)
    assert client.get(reverse("outcome_tables_csv", args=[aalborg.pk])).status_code == 404
    assert client.get(reverse("outcome_codebook_csv", args=[aalborg.pk])).status_code == 404


def test_an_agreement_for_another_municipality_opens_nothing_here(client, aalborg, analyst):
    aarhus = MunicipalityFactory(code=751, name="Aarhus")
    agreement(analyst, aarhus)
    sign_in_staff(client, analyst)
    assert client.get(reverse("outcome_tables_csv", args=[aalborg.pk])).status_code == 404
    assert client.get(reverse("outcome_tables_csv", args=[aarhus.pk])).status_code == 404
