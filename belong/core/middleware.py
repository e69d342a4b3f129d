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
