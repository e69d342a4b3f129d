"""Citizens ask their municipality's IT support for help; IT supporters answer from a queue."""

from django.urls import reverse

from belong.core.models import StaffAccess
from belong.municipalities.models import HelpRequest, StaffRole
from tests.factories import LicenceFactory, MunicipalityFactory, PostcodeFactory
from tests.html import validate_html
from tests.staff import make_staff, sign_in_staff

Role = StaffRole.Role


def ask(client, municipality, **fields):
    data = {
        "name": "Karen",
        "municipality": municipality.pk,
        "contact": "phone",
        "phone": "12 34 56 78",
        "email": "",
        "description": "Jeg kan ikke logge ind.",
        **fields,
    }
    return client.post(reverse("help_request"), data)


def test_anyone_can_ask_for_a_call_back(client, aalborg):
    response = ask(client, aalborg)
    assert response.status_code == 302
    assert response["Location"] == reverse("help_request_sent")
    request = HelpRequest.objects.get()
    assert (request.municipality, request.phone, request.email) == (aalborg, "12345678", "")
    assert request.citizen is None


def test_a_signed_in_citizen_gets_their_name_and_municipality_filled_in(client, citizen, aalborg):
    client.force_login(citizen)
    page = client.get(reverse("help_request")).content.decode()
    validate_html(page)
    assert 'value="Anne"' in page
    assert f'<option value="{aalborg.pk}" selected>' in page
    ask(client, aalborg, contact="email", email="anne@example.dk", phone="")
    assert HelpRequest.objects.get().citizen == citizen


def test_the_chosen_way_of_contact_must_be_filled_in_and_typed_text_is_kept(client, aalborg):
    response = ask(client, aalborg, contact="email", description="Hjælp med mit opslag")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Skriv din e-mail, så vi kan svare dig." in page
    assert 'href="#id_email"' in page  # the error summary links to the field
    assert "Hjælp med mit opslag" in page
    response = ask(client, aalborg, phone="123")
    assert "8 cifre" in response.content.decode()
    assert not HelpRequest.objects.exists()


def test_asking_too_often_is_refused_politely(client, aalborg, settings):
    settings.BELONG_RATE_LIMITS = {**settings.BELONG_RATE_LIMITS, "help_request": "2/h"}
    ask(client, aalborg)
    ask(client, aalborg)
    response = ask(client, aalborg)
    assert response.status_code == 200
    assert "Prøv igen om" in response.content.decode()
    assert HelpRequest.objects.count() == 2


def test_behind_our_proxy_each_visitor_has_their_own_limit(client, aalborg, settings):
    """Every visitor reaches the app from the proxy's address: the limit must count the
    citizen's address the proxy adds, or one visitor could stop everyone asking for help."""
    settings.BELONG_RATE_LIMITS = {**settings.BELONG_RATE_LIMITS, "help_request": "1/h"}
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    first = {"HTTP_X_FORWARDED_FOR": "203.0.113.7", **proxy}
    assert ask_from(client, aalborg, **first).status_code == 302
    assert ask_from(client, aalborg, **first).status_code == 200  # the same citizen: limited
    other = {"HTTP_X_FORWARDED_FOR": "198.51.100.4", **proxy}
    assert ask_from(client, aalborg, **other).status_code == 302  # someone else: answered
    assert HelpRequest.objects.count() == 2


def ask_from(client, municipality, **meta):
    data = {
        "name": "Karen",
        "municipality": municipality.pk,
        "contact": "phone",
        "phone": "12345678",
        "email": "",
        "description": "Jeg kan ikke logge ind.",
    }
    return client.post(reverse("help_request"), data, **meta)


def test_the_queue_shows_only_own_municipalities_within_a_query_budget(
    client, aalborg, django_assert_max_num_queries
):
    other = MunicipalityFactory(code=101, name="København")
    LicenceFactory(municipality=other)
    for n in range(5):
        ask(client, aalborg, name=f"Aalborgenser {n}", description=f"Aalborg-sag {n}")
    ask(client, other, description="Københavnersag")
    supporter = make_staff(aalborg, Role.IT_SUPPORTER)
    sign_in_staff(client, supporter)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("help_queue")).content.decode()
    assert page.count("Aalborg-sag") == 5
    assert "Københavnersag" not in page
    # Contact details are not in the list; only opening a request shows them (and logs it).
    assert "12345678" not in page


def test_opening_a_request_is_logged_and_it_can_be_marked_handled(client, aalborg, citizen):
    client.force_login(citizen)
    ask(client, aalborg)
    client.logout()
    request = HelpRequest.objects.get()
    supporter = make_staff(aalborg, Role.IT_SUPPORTER)
    sign_in_staff(client, supporter)

    page = client.get(reverse("help_request_detail", args=[request.pk])).content.decode()
    assert "12345678" in page
    access = StaffAccess.objects.get()
    assert (access.staff, access.subject, access.action) == (
        supporter,
        citizen,
        f"help_request:{request.pk}",
    )

    client.post(reverse("help_request_handled", args=[request.pk]))
    request.refresh_from_db()
    assert request.handled_by == supporter and request.handled_at is not None
    assert "Aalborg-sag" not in client.get(reverse("help_queue")).content.decode()


def test_another_municipalitys_request_is_a_404(client, aalborg):
    other = MunicipalityFactory(code=101, name="København")
    LicenceFactory(municipality=other)
    PostcodeFactory(code="1000", municipality=other)
    ask(client, other)
    request = HelpRequest.objects.get()
    supporter = make_staff(aalborg, Role.IT_SUPPORTER)
    sign_in_staff(client, supporter)
    assert client.get(reverse("help_request_detail", args=[request.pk])).status_code == 404
    assert client.post(reverse("help_request_handled", args=[request.pk])).status_code == 404
    assert not StaffAccess.objects.exists()


def test_only_it_supporters_see_the_queue(client, aalborg):
    moderator = make_staff(aalborg, Role.MODERATOR)
    sign_in_staff(client, moderator)
    assert client.get(reverse("help_queue")).status_code == 404


def test_every_page_links_to_get_help(client, citizen):
    assert reverse("help_request") in client.get(reverse("home")).content.decode()
    client.force_login(citizen)
    assert reverse("help_request") in client.get(reverse("my_posts")).content.decode()
