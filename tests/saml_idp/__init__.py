"""A small SAML 2.0 identity provider for the staff login tests, run as a process of its own
on a free port: it stands where the municipality's own identity provider (AD FS, Entra ID,
KOMBIT's context handler ...) stands in production. It serves its metadata, takes the
AuthnRequest by the redirect binding, shows a login form, and posts back a Response whose
assertion it signs with a key and certificate made for the test."""
