import re

from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD


def test_a_citizen_logs_in_with_password(client, citizen):
    response = client.post(
        reverse("account_login"), {"login": citizen.email, "password": PASSWORD}, follow=True
    )
    assert response.wsgi_request.user == citizen


def test_a_wrong_password_is_explained_and_the_email_kept(client, citizen):
    response = client.post(reverse("account_login"), {"login": citizen.email, "password": "nej"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "error-summary" in html
    assert f'value="{citizen.email}"' in html


def test_a_citizen_logs_in_with_a_code_from_email(client, citizen):
    client.post(reverse("account_request_login_code"), {"email": citizen.email})
    assert len(mail.outbox) == 1
    code = re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", mail.outbox[0].body).group(1)
    response = client.post(reverse("account_confirm_login_code"), {"code": code}, follow=True)
    assert response.wsgi_request.user == citizen


def test_logging_out_ends_the_session(client, citizen):
    client.force_login(citizen)
    client.post(reverse("account_logout"))
    assert not client.get(reverse("profile")).wsgi_request.user.is_authenticated
