"""The privacy notice of a municipality: public, no login (/kommune/<slug>/privatliv/)."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET

from belong.municipalities.local import get_municipality_by_slug, landing_page_for
from belong.privacy import notice


@require_GET
def privacy_notice(request, slug: str):
    municipality = get_municipality_by_slug(slug)
    return render(
        request,
        "privacy/privacy_notice.html",
        {
            "municipality": municipality,
            "page": landing_page_for(municipality),
            "categories": notice.categories(),
            "periods": notice.periods(),
            "erasure_grace": notice.erasure_grace(),
        },
    )
