"""Plain, warm Danish on the pages allauth draws too: login, logout, codes, passwords and the
second factor speak Belong's Danish, not allauth's stiff translation."""

import gettext
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from belong.municipalities.models import StaffRole
from tests.factories import PASSWORD
from tests.staff import make_staff, sign_in_staff

BELONG = Path(__file__).resolve().parents[2] / "belong"
CATALOGUES = [
    BELONG / "locale" / "da" / "LC_MESSAGES" / "django.po",
    BELONG / "locale_overrides" / "da" / "LC_MESSAGES" / "django.po",
]
# Words of the stiff Danish we replace ("Loggede succesfuldt ind", "Genautentificer venligst").
STIFF = ["venligst", "succes", "autentific", "indtast", "emailadresse", "nulstil", "password"]


def danish_texts(path):
    for entry in polib.pofile(str(path)):
        if not entry.obsolete:
            for text in [entry.msgstr, *entry.msgstr_plural.values()]:
                yield entry.msgid, text


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-4])
def test_no_stiff_words_in_the_danish_catalogues(path):
    stiff = [
        (msgid, text)
        for msgid, text in danish_texts(path)
        if any(word in text.lower() for word in STIFF)
    ]
    assert not stiff, stiff[:5]


def test_belongs_danish_for_allauth_is_compiled_and_wins():
    path = CATALOGUES[1]
    assert [str(p) for p in settings.LOCALE_PATHS].index(str(path.parents[2])) >= 0
    with open(path.with_suffix(".mo"), "rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    with translation.override("da"):
        for entry in polib.pofile(str(path)):
            if entry.msgid_plural:
                continue
            assert compiled._catalog.get(entry.msgid) == entry.msgstr, (
                f"{path.with_suffix('.mo')} is out of date: run 'belong compilemessages'"
            )
            assert translation.gettext(entry.msgid) == entry.msgstr, entry.msgid


def test_logging_in_and_out_is_said_warmly(client, citizen):
    response = client.post(
        reverse("account_login"), {"login": citizen.email, "password": PASSWORD}, follow=True
    )
    html = response.content.decode()
    assert "Velkommen, Anne. Du er logget ind." in html
    assert "succesfuldt" not in html
    response = client.post(reverse("account_logout"), follow=True)
    assert "Du er logget ud. På gensyn!" in response.content.decode()


def test_password_advice_is_plain_danish(client, citizen):
    client.force_login(citizen)
    html = client.get(reverse("account_change_password")).content.decode()
    assert "Den må ikke kun være tal." in html
    assert "udelukkende numerisk" not in html


def test_a_wrong_password_is_said_plainly(client, citizen):
    response = client.post(reverse("account_login"), {"login": citizen.email, "password": "nej"})
    assert "E-mailadressen eller adgangskoden passer ikke. Prøv igen." in response.content.decode()


def test_confirming_who_you_are_is_plain_danish(client, citizen):
    client.force_login(citizen)
    html = client.get(reverse("account_reauthenticate")).content.decode()
    assert "Bekræft, at det er dig" in html
    assert "skal vi lige se, at det stadig er dig" in html
    assert "enautentific" not in html.lower()


def test_the_second_factor_pages_are_plain_danish(client, aalborg):
    moderator = make_staff(aalborg, StaffRole.Role.MODERATOR)
    sign_in_staff(client, moderator, second_factor=False)
    html = client.get(reverse("mfa_reauthenticate")).content.decode()
    assert "Skriv koden fra din godkendelsesapp" in html
    moderator.authenticator_set.all().delete()
    html = client.get(reverse("mfa_activate_totp")).content.decode()
    assert "Sæt din godkendelsesapp op" in html and "Hemmelig nøgle" in html
    assert "Kode fra appen" in html
    assert "autentific" not in html.lower()
