"""Staff login with the municipality's own identity provider (SAML 2.0, allauth's `saml`
provider), read from the environment like the rest of `belong.settings`, which takes it all
from here. Off unless the identity provider is named (docs/operations.md, "Staff login with
the municipality's identity provider")."""

from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

env = environ.Env()

# The identity provider: its entity ID, and either its metadata URL (read and cached for four
# hours) or its single sign-on URL (redirect binding) with its signing certificate (PEM, or
# the base64 body of one).
BELONG_STAFF_SAML_IDP_ENTITY_ID = env.str("BELONG_STAFF_SAML_IDP_ENTITY_ID", default="")
BELONG_STAFF_SAML_IDP_METADATA_URL = env.str("BELONG_STAFF_SAML_IDP_METADATA_URL", default="")
BELONG_STAFF_SAML_IDP_SSO_URL = env.str("BELONG_STAFF_SAML_IDP_SSO_URL", default="")
BELONG_STAFF_SAML_IDP_X509CERT = env.str("BELONG_STAFF_SAML_IDP_X509CERT", default="")
# The organisation's part of Belong's SAML addresses: /accounts/saml/<slug>/metadata/ ...
BELONG_STAFF_SAML_SLUG = env.str("BELONG_STAFF_SAML_SLUG", default="kommune")
# The identity provider's name on the page before it ("Log ind via ...").
BELONG_STAFF_SAML_NAME = env.str("BELONG_STAFF_SAML_NAME", default="")
# Belong's entity ID at the identity provider; empty: the SP metadata URL.
BELONG_STAFF_SAML_SP_ENTITY_ID = env.str("BELONG_STAFF_SAML_SP_ENTITY_ID", default="")
# The municipality (by code, e.g. 851) whose staff this provider signs in: only someone
# holding a role there gets in. Empty: anyone holding a staff role (one municipality's site).
BELONG_STAFF_SAML_MUNICIPALITY = env.str("BELONG_STAFF_SAML_MUNICIPALITY", default="")
# The attributes that carry the person's lasting identifier and work e-mail; the first one
# present counts. Without a uid attribute the NameID is the identifier.
BELONG_STAFF_SAML_ATTRIBUTE_UID = env.list(
    "BELONG_STAFF_SAML_ATTRIBUTE_UID", default=["urn:oasis:names:tc:SAML:attribute:subject-id"]
)
BELONG_STAFF_SAML_ATTRIBUTE_EMAIL = env.list(
    "BELONG_STAFF_SAML_ATTRIBUTE_EMAIL",
    default=[
        "urn:oid:0.9.2342.19200300.100.1.3",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
    ],
)
# The one SocialAccount provider name the links are stored under (stays when the identity
# provider's entity ID changes).
BELONG_STAFF_SAML_PROVIDER_ID = "staff-saml"

BELONG_STAFF_SAML_ENABLED = bool(BELONG_STAFF_SAML_IDP_ENTITY_ID)
if BELONG_STAFF_SAML_ENABLED and not (
    BELONG_STAFF_SAML_IDP_METADATA_URL
    or (BELONG_STAFF_SAML_IDP_SSO_URL and BELONG_STAFF_SAML_IDP_X509CERT)
):
    raise ImproperlyConfigured(
        "BELONG_STAFF_SAML_IDP_ENTITY_ID needs BELONG_STAFF_SAML_IDP_METADATA_URL, or "
        "BELONG_STAFF_SAML_IDP_SSO_URL with BELONG_STAFF_SAML_IDP_X509CERT."
    )
if BELONG_STAFF_SAML_MUNICIPALITY and not BELONG_STAFF_SAML_MUNICIPALITY.isdigit():
    raise ImproperlyConfigured("BELONG_STAFF_SAML_MUNICIPALITY is a municipality code: digits.")


def staff_saml_app(
    *,
    entity_id: str,
    slug: str = "kommune",
    name: str = "",
    metadata_url: str = "",
    sso_url: str = "",
    x509cert: str = "",
    sp_entity_id: str = "",
    municipality: str = "",
    uid_attributes: list[str] | tuple[str, ...] = (),
    email_attributes: list[str] | tuple[str, ...] = (),
) -> dict:
    """allauth's SAML app for the identity provider: signed assertions required, logins the
    identity provider starts by itself refused, the municipality named for the staff rule
    (belong/municipalities/staff_login.py)."""
    idp: dict = {"entity_id": entity_id}
    if metadata_url:
        idp["metadata_url"] = metadata_url
    else:
        idp.update(sso_url=sso_url, x509cert=x509cert)
    return {
        "provider_id": BELONG_STAFF_SAML_PROVIDER_ID,
        "name": name or _("the municipality's login"),
        "client_id": slug,
        "settings": {
            "idp": idp,
            "sp": {"entity_id": sp_entity_id} if sp_entity_id else {},
            "attribute_mapping": {
                "uid": list(uid_attributes),
                "email": list(email_attributes),
            },
            "advanced": {
                "strict": True,
                "want_assertion_signed": True,
                "reject_idp_initiated_sso": True,
                "reject_deprecated_algorithm": True,
                "allow_single_label_domains": False,
            },
            "belong_municipality": municipality,
        },
    }


BELONG_STAFF_SAML_APPS = (
    [
        staff_saml_app(
            entity_id=BELONG_STAFF_SAML_IDP_ENTITY_ID,
            slug=BELONG_STAFF_SAML_SLUG,
            name=BELONG_STAFF_SAML_NAME,
            metadata_url=BELONG_STAFF_SAML_IDP_METADATA_URL,
            sso_url=BELONG_STAFF_SAML_IDP_SSO_URL,
            x509cert=BELONG_STAFF_SAML_IDP_X509CERT,
            sp_entity_id=BELONG_STAFF_SAML_SP_ENTITY_ID,
            municipality=BELONG_STAFF_SAML_MUNICIPALITY,
            uid_attributes=BELONG_STAFF_SAML_ATTRIBUTE_UID,
            email_attributes=BELONG_STAFF_SAML_ATTRIBUTE_EMAIL,
        )
    ]
    if BELONG_STAFF_SAML_ENABLED
    else []
)
# The login leads on to the identity provider (browsers check a form's redirects): the
# single sign-on URL's origin, else the metadata URL's.
BELONG_STAFF_SAML_FORM_ACTION = [
    "{0.scheme}://{0.netloc}".format(urlsplit(url))
    for url in [BELONG_STAFF_SAML_IDP_SSO_URL or BELONG_STAFF_SAML_IDP_METADATA_URL]
    if BELONG_STAFF_SAML_ENABLED and url
]
