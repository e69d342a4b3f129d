"""Run the test identity provider as a real process on a free port, for as long as a block
lasts, with a signing key and certificate made for it; and point Belong's staff login at it
as the environment would."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from belong.settings_saml import staff_saml_app
from tests.local_server import serving
from tests.saml_idp.run import PASSWORD, certificate_body

SLUG = "kommune"
__all__ = ["PASSWORD", "SLUG", "IdentityProvider", "running_idp", "staff_saml_settings"]


@dataclass(frozen=True)
class IdentityProvider:
    url: str
    key: str
    cert: str

    @property
    def entity_id(self) -> str:
        return f"{self.url}/metadata"


def key_and_certificate(common_name: str = "Kommunens login (test)") -> tuple[str, str]:
    """A fresh RSA key and a self-signed certificate for it, both PEM."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(tz=datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    return key_pem, cert.public_bytes(serialization.Encoding.PEM).decode()


@contextmanager
def running_idp(folder: Path, *, people: dict[str, dict[str, str]]) -> Iterator[IdentityProvider]:
    """The identity provider; `people` ({username: {"email", "uid"}}) log in with PASSWORD."""
    key, cert = key_and_certificate()
    (folder / "idp.key").write_text(key)
    (folder / "idp.crt").write_text(cert)
    env = {
        "SAML_IDP_KEY": str(folder / "idp.key"),
        "SAML_IDP_CERT": str(folder / "idp.crt"),
        "SAML_IDP_PEOPLE": json.dumps(people),
    }
    with serving(
        "tests.saml_idp.run",
        env=env,
        log_path=folder / "idp.log",
        ready_url=lambda port: f"http://127.0.0.1:{port}/metadata",
    ) as port:
        yield IdentityProvider(url=f"http://127.0.0.1:{port}", key=key, cert=cert)


def staff_saml_settings(
    settings, idp: IdentityProvider, *, municipality: str = "", metadata: bool = False
) -> None:
    """Point Belong's staff login at the identity provider, as the environment would: by its
    single sign-on URL and certificate, or by its metadata URL."""
    app = staff_saml_app(
        entity_id=idp.entity_id,
        slug=SLUG,
        metadata_url=idp.entity_id if metadata else "",
        sso_url=f"{idp.url}/sso",
        x509cert=certificate_body(idp.cert),
        municipality=municipality,
        uid_attributes=settings.BELONG_STAFF_SAML_ATTRIBUTE_UID,
        email_attributes=settings.BELONG_STAFF_SAML_ATTRIBUTE_EMAIL,
    )
    settings.SOCIALACCOUNT_PROVIDERS = {**settings.SOCIALACCOUNT_PROVIDERS, "saml": {"APPS": [app]}}
    policy = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = {
        **policy,
        "DIRECTIVES": {
            **policy["DIRECTIVES"],
            "form-action": [*policy["DIRECTIVES"]["form-action"], idp.url],
        },
    }
