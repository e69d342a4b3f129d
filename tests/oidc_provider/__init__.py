"""A real OpenID Connect provider (django-oidc-provider) for the MitID login tests, run as a
process of its own on a free port: it stands where a broker such as Signicat or Criipto
stands in production, with a birthdate claim as MitID gives it."""
