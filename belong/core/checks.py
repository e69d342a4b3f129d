"""Deploy checks: production refuses to start with settings that are only fit for a laptop."""

from django.conf import settings
from django.core.checks import Error, Tags, register


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


# Django's own warning (security.W009) uses the same measure; a warning is not enough for a
# key that signs every session of a whole country's citizens.
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_UNIQUE_CHARACTERS = 5


@register(Tags.security, deploy=True)
def check_secret_key_strength(app_configs, **kwargs):
    key = str(settings.SECRET_KEY)
    if key == settings.INSECURE_SECRET_KEY:
        return []  # belong.E001 says it already
    if len(key) < SECRET_KEY_MIN_LENGTH or len(set(key)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS:
        return [
            Error(
                "SECRET_KEY is too short or too simple to be secret.",
                hint=(
                    f"Use at least {SECRET_KEY_MIN_LENGTH} random characters, e.g. from "
                    "`python3 -c 'import secrets; print(secrets.token_urlsafe(50))'`."
                ),
                id="belong.E003",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_allowed_hosts(app_configs, **kwargs):
    if "*" in settings.ALLOWED_HOSTS:
        return [
            Error(
                "ALLOWED_HOSTS accepts any host ('*').",
                hint="Name the host names Belong is reached at, e.g. belong.aalborg.dk.",
                id="belong.E004",
            )
        ]
    return []
