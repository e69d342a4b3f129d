"""Deploy checks: production refuses to start with settings that are only fit for a laptop."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security, deploy=True)
def check_secret_key(app_configs, **kwargs):
    if settings.SECRET_KEY == settings.INSECURE_SECRET_KEY:
        return [
            Error(
                "SECRET_KEY is the development default.",
                hint="Set the SECRET_KEY environment variable to a long random value.",
                id="belong.E001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_not_debug(app_configs, **kwargs):
    if settings.DEBUG:
        return [Error("DEBUG is on.", hint="Unset DEBUG in production.", id="belong.E002")]
    return []


@register(Tags.security, deploy=True)
def check_base_url(app_configs, **kwargs):
    # Workers send e-mails outside any request: only this setting tells them the address.
    if not settings.BELONG_BASE_URL:
        return [
            Warning(
                "BELONG_BASE_URL is not set: links in e-mails point at this machine.",
                hint="Set BELONG_BASE_URL to the address citizens use, e.g. https://belong.aalborg.dk.",
                id="belong.W001",
            )
        ]
    return []
