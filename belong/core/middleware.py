"""Danish unless the citizen chose otherwise: the language follows the switch, not the browser."""

from django.conf import settings
from django.utils import translation
from django.utils.deprecation import MiddlewareMixin


class LanguageMiddleware(MiddlewareMixin):
    """Activate the language chosen with the visible switch (its cookie), else Danish.

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many Danish
    citizens' phones and library computers are set to English; Belong speaks Danish first.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class RestrictionMiddleware:
    """A suspended or banned citizen may read their notices, appeal and sign out, and
    nothing else: every other page explains kindly why, with status 403."""

    ALLOWED_PREFIXES = ("/meddelelser/", "/accounts/logout/", "/static/", "/i18n/", "/healthz")

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
