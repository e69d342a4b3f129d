"""Start the test identity provider: `python -m tests.saml_idp.run PORT`, with SAML_IDP_KEY and
SAML_IDP_CERT (paths to the PEM key and certificate) and SAML_IDP_PEOPLE (JSON:
{username: {"email": ..., "uid": ...}}, who log in with PASSWORD) in the environment."""

from __future__ import annotations

import base64
import datetime
import html
import json
import os
import secrets
import sys
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from lxml import etree
from onelogin.saml2.constants import OneLogin_Saml2_Constants as SAML
from onelogin.saml2.utils import OneLogin_Saml2_Utils

PASSWORD = "kommune-test"  # noqa: S105
PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol"
ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion"
EMAIL = "urn:oid:0.9.2342.19200300.100.1.3"
SUBJECT_ID = "urn:oasis:names:tc:SAML:attribute:subject-id"
URI = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri"
PERSISTENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"
PASSWORD_CONTEXT = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def instant(moment: datetime.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def certificate_body(pem: str) -> str:
    return "".join(line for line in pem.splitlines() if line and "-----" not in line)


def metadata(entity_id: str, sso_url: str, cert: str) -> str:
    return f"""<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="{entity_id}">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="false"
      protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
        <ds:X509Data>
          <ds:X509Certificate>{certificate_body(cert)}</ds:X509Certificate>
        </ds:X509Data>
      </ds:KeyInfo>
    </md:KeyDescriptor>
    <md:SingleSignOnService Binding="{SAML.BINDING_HTTP_REDIRECT}" Location="{sso_url}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>"""


def read_authn_request(encoded: str) -> dict[str, str]:
    """What the redirect binding's SAMLRequest asks: its ID, its issuer, where to answer."""
    xml = zlib.decompress(base64.b64decode(encoded), -15)
    root = etree.fromstring(xml, PARSER)
    issuer = root.find(f"{{{ASSERTION}}}Issuer")
    return {
        "request_id": root.get("ID", ""),
        "acs": root.get("AssertionConsumerServiceURL", ""),
        "sp": issuer.text if issuer is not None else "",
    }


def signed_response(
    *, entity_id: str, key: str, cert: str, person: dict, request: dict[str, str]
) -> str:
    """A Response with one assertion about `person`, the assertion signed (RSA-SHA256)."""
    now = datetime.datetime.now(tz=datetime.UTC)
    soon, before = (
        instant(now + datetime.timedelta(minutes=5)),
        instant(now - datetime.timedelta(minutes=1)),
    )
    acs, request_id, audience = (html.escape(request[k]) for k in ("acs", "request_id", "sp"))
    uid, email = html.escape(person["uid"]), html.escape(person["email"])
    assertion = f"""<saml:Assertion xmlns:saml="{ASSERTION}" ID="_a{secrets.token_hex(16)}"
    Version="2.0" IssueInstant="{instant(now)}"><saml:Issuer>{entity_id}</saml:Issuer>
  <saml:Subject>
    <saml:NameID Format="{PERSISTENT}">{uid}</saml:NameID>
    <saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">
      <saml:SubjectConfirmationData NotOnOrAfter="{soon}" Recipient="{acs}"
          InResponseTo="{request_id}"/>
    </saml:SubjectConfirmation>
  </saml:Subject>
  <saml:Conditions NotBefore="{before}" NotOnOrAfter="{soon}">
    <saml:AudienceRestriction><saml:Audience>{audience}</saml:Audience></saml:AudienceRestriction>
  </saml:Conditions>
  <saml:AuthnStatement AuthnInstant="{instant(now)}" SessionIndex="_s{secrets.token_hex(8)}">
    <saml:AuthnContext>
      <saml:AuthnContextClassRef>{PASSWORD_CONTEXT}</saml:AuthnContextClassRef>
    </saml:AuthnContext>
  </saml:AuthnStatement>
  <saml:AttributeStatement>
    <saml:Attribute Name="{SUBJECT_ID}" NameFormat="{URI}">
      <saml:AttributeValue>{uid}</saml:AttributeValue>
    </saml:Attribute>
    <saml:Attribute Name="{EMAIL}" NameFormat="{URI}">
      <saml:AttributeValue>{email}</saml:AttributeValue>
    </saml:Attribute>
  </saml:AttributeStatement>
</saml:Assertion>"""
    signed = OneLogin_Saml2_Utils.add_sign(
        assertion, key, cert, sign_algorithm=SAML.RSA_SHA256, digest_algorithm=SAML.SHA256
    )
    response = etree.fromstring(
        f"""<samlp:Response xmlns:samlp="{PROTOCOL}" xmlns:saml="{ASSERTION}"
    ID="_r{secrets.token_hex(16)}" Version="2.0" IssueInstant="{instant(now)}"
    Destination="{acs}" InResponseTo="{request_id}"><saml:Issuer>{entity_id}</saml:Issuer>
  <samlp:Status><samlp:StatusCode Value="{SUCCESS}"/></samlp:Status>
</samlp:Response>""",
        PARSER,
    )
    response.append(etree.fromstring(signed, PARSER))
    return etree.tostring(response).decode()


def page(title: str, body: str) -> bytes:
    return f"""<!doctype html><html lang="da"><head><meta charset="utf-8">
<title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>""".encode()


def login_form(request: dict[str, str], relay_state: str, error: str = "") -> bytes:
    hidden = "".join(
        f'<input type="hidden" name="{name}" value="{html.escape(value)}">'
        for name, value in {**request, "RelayState": relay_state}.items()
    )
    return page(
        "Kommunens login (test)",
        f"""{f'<p role="alert">{error}</p>' if error else ""}
<form method="post" action="/sso">{hidden}
<label for="username">Brugernavn</label> <input id="username" name="username">
<label for="password">Adgangskode</label> <input id="password" name="password" type="password">
<button type="submit">Log ind hos kommunen</button></form>""",
    )


def answer_form(acs: str, saml_response: str, relay_state: str) -> bytes:
    """The POST binding: a form the browser sends on to Belong's ACS by itself."""
    encoded = base64.b64encode(saml_response.encode()).decode()
    return page(
        "Videre til Belong",
        f"""<form id="answer" method="post" action="{html.escape(acs)}">
<input type="hidden" name="SAMLResponse" value="{encoded}">
<input type="hidden" name="RelayState" value="{html.escape(relay_state)}">
<button type="submit">Fortsæt til Belong</button></form>
<script>document.getElementById("answer").submit()</script>""",
    )


class IdentityProvider(BaseHTTPRequestHandler):
    base = ""
    key = cert = ""
    people: dict[str, dict] = {}

    @property
    def entity_id(self) -> str:
        return f"{self.base}/metadata"

    def send(self, body: bytes, *, status: int = 200, kind: str = "text/html") -> None:
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/metadata":
            xml = metadata(self.entity_id, f"{self.base}/sso", self.cert)
            self.send(xml.encode(), kind="application/samlmetadata+xml")
        elif url.path == "/sso" and "SAMLRequest" in query:
            try:
                request = read_authn_request(query["SAMLRequest"])
            except (ValueError, zlib.error, etree.XMLSyntaxError):
                self.send(page("Forkert forespørgsel", ""), status=400)
                return
            self.send(login_form(request, query.get("RelayState", "")))
        else:
            self.send(page("Ikke fundet", ""), status=404)

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        request = {k: form.get(k, "") for k in ("request_id", "acs", "sp")}
        relay_state = form.get("RelayState", "")
        person = self.people.get(form.get("username", ""))
        if person is None or form.get("password") != PASSWORD:
            self.send(login_form(request, relay_state, "Forkert brugernavn eller adgangskode."))
            return
        response = signed_response(
            entity_id=self.entity_id, key=self.key, cert=self.cert, person=person, request=request
        )
        self.send(answer_form(request["acs"], response, relay_state))

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        sys.stderr.write(f"{self.address_string()} {format % args}\n")


def main(port: str) -> None:
    IdentityProvider.base = f"http://127.0.0.1:{port}"
    with open(os.environ["SAML_IDP_KEY"]) as key, open(os.environ["SAML_IDP_CERT"]) as cert:
        IdentityProvider.key, IdentityProvider.cert = key.read(), cert.read()
    IdentityProvider.people = json.loads(os.environ.get("SAML_IDP_PEOPLE", "{}"))
    ThreadingHTTPServer(("127.0.0.1", int(port)), IdentityProvider).serve_forever()


if __name__ == "__main__":
    main(sys.argv[1])
