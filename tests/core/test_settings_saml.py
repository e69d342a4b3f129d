"""The staff login's settings come from the environment, off unless the identity provider is
named, and a half configuration stops Belong at start."""

import json
import os
import subprocess
import sys

READ = (
    "import json, belong.settings as s; print(json.dumps({"
    # (The name is a translation, read once Django is set up.)
    "'apps': [{**a, 'name': None} for a in s.SOCIALACCOUNT_PROVIDERS['saml']['APPS']],"
    "'form_action': s.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action']}))"
)


def read_settings(**values):
    env = {k: v for k, v in os.environ.items() if not k.startswith("BELONG_STAFF_SAML_")}
    env.update(values)
    return subprocess.run(
        [sys.executable, "-c", READ], env=env, capture_output=True, text=True, timeout=60
    )


def test_the_staff_login_is_off_unless_configured():
    result = read_settings()
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["apps"] == []


def test_the_environment_configures_the_identity_provider():
    result = read_settings(
        BELONG_STAFF_SAML_IDP_ENTITY_ID="https://adfs.aalborg.dk/adfs/services/trust",
        BELONG_STAFF_SAML_IDP_SSO_URL="https://adfs.aalborg.dk/adfs/ls/",
        BELONG_STAFF_SAML_IDP_X509CERT="MIIC-test-certificate",
        BELONG_STAFF_SAML_SLUG="aalborg",
        BELONG_STAFF_SAML_MUNICIPALITY="851",
        BELONG_STAFF_SAML_ATTRIBUTE_EMAIL="http://schemas.xmlsoap.org/claims/upn",
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    (app,) = found["apps"]
    assert app["client_id"] == "aalborg" and app["provider_id"] == "staff-saml"
    assert app["settings"]["idp"] == {
        "entity_id": "https://adfs.aalborg.dk/adfs/services/trust",
        "sso_url": "https://adfs.aalborg.dk/adfs/ls/",
        "x509cert": "MIIC-test-certificate",
    }
    assert app["settings"]["belong_municipality"] == "851"
    assert app["settings"]["attribute_mapping"]["email"] == [
        "http://schemas.xmlsoap.org/claims/upn"
    ]
    assert app["settings"]["advanced"]["want_assertion_signed"] is True
    assert app["settings"]["advanced"]["reject_idp_initiated_sso"] is True
    assert "https://adfs.aalborg.dk" in found["form_action"]


def test_a_half_configuration_stops_belong_at_start():
    result = read_settings(BELONG_STAFF_SAML_IDP_ENTITY_ID="https://adfs.aalborg.dk/trust")
    assert result.returncode != 0
    assert "BELONG_STAFF_SAML_IDP_METADATA_URL" in result.stderr
    result = read_settings(
        BELONG_STAFF_SAML_IDP_ENTITY_ID="https://adfs.aalborg.dk/trust",
        BELONG_STAFF_SAML_IDP_METADATA_URL="https://adfs.aalborg.dk/metadata.xml",
        BELONG_STAFF_SAML_MUNICIPALITY="Aalborg",
    )
    assert result.returncode != 0
    assert "municipality code" in result.stderr
