"""Danish unless the citizen chose otherwise: the language follows the switch, not the browser."""

from django.conf import settings
from django.utils import translation
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import trans_real


def _accepted_language(request, supported: set[str]) -> str | None:
    header = request.headers.get("Accept-Language", "")
    for code, _quality in trans_real.parse_accept_lang_header(header[:200]):
        base = code.split("-")[0].lower()
        if base in supported:
            return base
    return None


class LanguageMiddleware(MiddlewareMixin):
    """Activate the language chosen with the visible switch (its cookie), else Danish.

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many Danish
    citizens' phones and library computers are set to English; Belong speaks Danish first.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        if chosen not in supported and request.path.startswith("/api/"):
            # Apps have no language switch: the API follows the app's Accept-Language.
            language = _accepted_language(request, supported) or language
        translation.activate(language)
        request.LANGUAGE_CODE = language

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class RestrictionMiddleware:
    """A suspended or banned citizen may read their notices, appeal and sign out, and
    nothing else: every other page explains kindly why, with status 403."""

    # The API answers a restricted citizen itself, in JSON (belong/api/common.py).
    ALLOWED_PREFIXES = (
        "/meddelelser/",
        "/accounts/logout/",
        "/static/",
        "/i18n/",
        "/healthz",
        "/api/",
        # Anyone may stop the newsletter from the link in it, whatever else is closed to them.
        "/nyhedsbrev/afmeld/",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.is_restricted()
            and not request.path.startswith(self.ALLOWED_PREFIXES)
        ):
            from django.shortcuts import render

            return render(request, "safety/restricted.html", {"restricted": user}, status=403)
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Refuse, on every response, the browser features no page of Belong uses (camera,
    microphone, location ...), so that nothing injected into a page can ask for them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class HostHeaderMiddleware:
    """Give a request that came without a Host header one: the address it came in on, checked
    against ALLOWED_HOSTS (400 if not allowed). allauth's SAML login reads the header itself,
    and must not fail on a client that sends none."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "HTTP_HOST" not in request.META:
            request.META["HTTP_HOST"] = request.get_host()
        return self.get_response(request)
