"""Organisations: profiles, members, followers, adult contacts and verification."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from belong.core.models import StaffAccess
from belong.organisations import listing, services
from belong.organisations.models import Decision, LogEntry, Role
from tests.factories import UserFactory, years_ago
from tests.local_life import make_organisation
from tests.staff import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(aalborg, aalborg_postcode):
    return make_staff(aalborg, "moderator", postcode=aalborg_postcode)


def test_the_creator_becomes_owner(citizen):
    club = make_organisation(citizen)
    assert services.role_of(citizen, club) == Role.OWNER
    assert club.municipality.name == "Aalborg"
    assert not club.is_verified


def test_a_minor_cannot_create_an_organisation(minor):
    with pytest.raises(ValidationError):
        make_organisation(minor)


def test_someone_elses_organisation_is_404_for_editing(citizen, outsider):
    club = make_organisation(citizen)
    with pytest.raises(Http404):
        services.get_organisation_for_editor(outsider, club.pk)
    with pytest.raises(Http404):
        services.update_organisation(editor=outsider, organisation=club, fields={"name": "X"})


def test_citizens_follow_and_leave_again(citizen, outsider):
    club = make_organisation(citizen)
    services.follow(user=outsider, organisation=club)
    services.follow(user=outsider, organisation=club)
    assert services.is_following(outsider, club)
    services.unfollow(user=outsider, organisation=club)
    assert not services.is_following(outsider, club)


def test_a_minor_cannot_join_an_adult_club(citizen, minor):
    club = make_organisation(citizen)
    with pytest.raises(ValidationError):
        services.add_member(editor=citizen, organisation=club, email=minor.email)


def test_adults_do_not_see_minor_members_unless_vetted(citizen, minor, outsider, moderator):
    club = make_organisation(citizen, ages="all")
    services.add_member(editor=citizen, organisation=club, email=minor.email)
    services.add_member(editor=citizen, organisation=club, email=outsider.email, role="editor")
    names = {m.user.display_name for m in services.members_visible_to(outsider, club)}
    assert "Sofie" not in names
    contact = services.propose_adult_contact(editor=citizen, organisation=club, member=citizen)
    services.decide_adult_contact(staff=moderator, contact=contact, approve=True)
    names = {m.user.display_name for m in services.members_visible_to(citizen, club)}
    assert "Sofie" in names


def test_only_adult_members_become_adult_contacts(citizen, minor, outsider):
    club = make_organisation(citizen, ages="youth")
    services.add_member(editor=citizen, organisation=club, email=minor.email)
    with pytest.raises(ValidationError):
        services.propose_adult_contact(editor=citizen, organisation=club, member=minor)
    with pytest.raises(ValidationError):  # not a member
        services.propose_adult_contact(editor=citizen, organisation=club, member=outsider)


def test_verification_is_approved_with_a_log_entry(citizen, moderator):
    club = make_organisation(citizen)
    application = services.apply_for_verification(applicant=citizen, organisation=club)
    with pytest.raises(ValidationError):  # one application waits at a time
        services.apply_for_verification(applicant=citizen, organisation=club)
    assert list(services.verification_queue_for(moderator)) == [application]
    services.decide_application(staff=moderator, application=application, approve=True)
    club.refresh_from_db()
    assert club.is_verified
    assert club.verified_by_municipality.name == "Aalborg"
    assert LogEntry.objects.filter(organisation=club, kind="approved", actor=moderator).exists()


def test_a_refusal_needs_a_reason(citizen, moderator):
    club = make_organisation(citizen)
    application = services.apply_for_verification(applicant=citizen, organisation=club)
    with pytest.raises(ValidationError):
        services.decide_application(staff=moderator, application=application, approve=False)
    services.decide_application(
        staff=moderator, application=application, approve=False, reason="Vi kender jer ikke."
    )
    application.refresh_from_db()
    assert application.status == Decision.REFUSED
    assert LogEntry.objects.get(organisation=club, kind="refused").reason == "Vi kender jer ikke."


def test_another_municipalitys_staff_cannot_decide(citizen, nordjylland):
    hjorring = nordjylland["9800"].municipality
    far = make_staff(hjorring, "moderator", "administrator")
    club = make_organisation(citizen)
    application = services.apply_for_verification(applicant=citizen, organisation=club)
    assert not services.verification_queue_for(far).exists()
    with pytest.raises(Http404):
        services.get_application_for_staff(far, application.pk)
    with pytest.raises(Http404):
        services.decide_application(staff=far, application=application, approve=True)


def test_a_youth_organisation_needs_a_vetted_adult_contact(citizen, moderator):
    club = make_organisation(citizen, ages="youth")
    with pytest.raises(ValidationError):
        services.apply_for_verification(applicant=citizen, organisation=club)
    contact = services.propose_adult_contact(editor=citizen, organisation=club, member=citizen)
    application = services.apply_for_verification(applicant=citizen, organisation=club)
    with pytest.raises(ValidationError):  # the contact is not decided yet
        services.decide_application(staff=moderator, application=application, approve=True)
    services.decide_adult_contact(staff=moderator, contact=contact, approve=True)
    services.decide_application(staff=moderator, application=application, approve=True)
    assert services.vetted_contacts(club) == [citizen]


def test_reading_an_application_is_in_the_staff_access_log(citizen, moderator):
    club = make_organisation(citizen)
    application = services.apply_for_verification(applicant=citizen, organisation=club)
    services.read_application(staff=moderator, application=application)
    assert StaffAccess.objects.filter(staff=moderator, subject=citizen).exists()


def test_moving_municipality_takes_the_badge_away(citizen, moderator, nordjylland):
    club = make_organisation(citizen)
    application = services.apply_for_verification(applicant=citizen, organisation=club)
    services.decide_application(staff=moderator, application=application, approve=True)
    club.refresh_from_db()
    services.update_organisation(
        editor=citizen, organisation=club, fields={"postcode": nordjylland["9800"]}
    )
    club.refresh_from_db()
    assert not club.is_verified


def test_finding_organisations_by_word_interest_and_verification(citizen, moderator):
    walkers = make_organisation(citizen)
    knitters = make_organisation(
        citizen, name="Strikkecafé", description="Vi strikker.", interests=["crafts"]
    )
    application = services.apply_for_verification(applicant=citizen, organisation=walkers)
    services.decide_application(staff=moderator, application=application, approve=True)
    find = listing.find_organisations
    assert list(find(viewer=citizen, text="strik")) == [knitters]
    assert list(find(viewer=citizen, interest="crafts")) == [knitters]
    assert list(find(viewer=citizen, verified_only=True)) == [walkers]


def test_young_people_do_not_find_adult_organisations(citizen, aalborg_postcode):
    make_organisation(citizen)
    youth_club = make_organisation(citizen, name="Ungeklub", ages="youth")
    young = UserFactory(birth_date=years_ago(15), postcode=aalborg_postcode)
    assert list(listing.find_organisations(viewer=young)) == [youth_club]
