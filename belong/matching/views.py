"""Pages for suggestions and the life situation: parse, call the services, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from belong.matching import groups
from belong.matching.forms import LifeSituationForm
from belong.matching.services import (
    get_life_situation,
    get_suggestible_post,
    hide_suggestion,
    save_life_situation,
    suggestions_for,
)


@login_required
@require_http_methods(["GET", "HEAD"])
def suggestions(request):
    offers = groups.offers_for(request.user)
    context = {
        "suggestions": suggestions_for(request.user),
        "offers": [(offer.group, groups.describe(offer.group)) for offer in offers],
        "small_groups": [
            (group, groups.describe(group)) for group in groups.groups_of(request.user)
        ],
    }
    return render(request, "matching/suggestions.html", context)


@login_required
@require_POST
def hide(request, pk: int):
    post = get_suggestible_post(request.user, pk)
    hide_suggestion(viewer=request.user, post=post)
    messages.success(request, _("We will not suggest it to you again."))
    return redirect("suggestions")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def life_situation(request):
    current = get_life_situation(request.user)
    if request.method == "POST":
        form = LifeSituationForm(request.POST)
        if form.is_valid():
            save_life_situation(user=request.user, **form.cleaned_data)
            messages.success(request, _("Your life situation has been saved."))
            return redirect("suggestions")
        status = 400
    else:
        form = LifeSituationForm(initial={"situations": current.situations, "shown": current.shown})
        status = 200
    return render(request, "matching/life_situation.html", {"form": form}, status=status)
