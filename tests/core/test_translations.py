"""Every Danish text is translated, and the compiled .mo files say what the .po files say."""

import gettext
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "belong" / "locale"


def entries(language):
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    return [e for e in po if not e.obsolete]


def test_every_danish_text_is_translated():
    missing = [
        e.msgid
        for e in entries("da")
        if "fuzzy" in e.flags
        or (e.msgid_plural and not all(e.msgstr_plural.values()))
        or (not e.msgid_plural and not e.msgstr)
    ]
    assert not missing, f"{len(missing)} Danish texts lack a translation: {missing[:10]}"


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_compiled_catalogue_matches_the_po_file(language):
    with open(LOCALE / language / "LC_MESSAGES" / "django.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = []
    for e in entries(language):
        if "fuzzy" in e.flags:
            continue
        key = f"{e.msgctxt}\x04{e.msgid}" if e.msgctxt else e.msgid
        if e.msgid_plural:
            expected = e.msgstr_plural.get(0) or ""
            got = compiled._catalog.get((key, 0), "")
        else:
            expected = e.msgstr
            got = compiled._catalog.get(key, "")
        if expected and got != expected:
            stale.append(e.msgid)
    assert not stale, (
        f"django.mo for {language} is out of date ({len(stale)} texts, e.g. {stale[:3]}); "
        "run 'belong compilemessages' in belong/"
    )
