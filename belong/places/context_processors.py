"""Values every page needs: the accessibility statement for the citizen's municipality."""

from django.conf import settings
from django.urls import reverse

from belong.places.statements import statement_url_for_postcode


def accessibility(request):
    statement_url = ""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.postcode_id:
        statement_url = statement_url_for_postcode(user.postcode_id)
    return {
        "accessibility_statement_url": statement_url
        or settings.ACCESSIBILITY_STATEMENT_URL
        or reverse("accessibility"),
    }
