"""Pages for joining Belong and keeping one's own profile."""

from allauth.account.views import SignupView as AllauthSignupView
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from belong.accounts.forms import PlaceCheckForm, ProfileForm
from belong.accounts.services import update_profile


class SignupView(AllauthSignupView):
    """allauth's sign-up, except that a citizen whose municipality has no licence is told
    so on a page of its own instead of in a form error they cannot fix."""

    def form_invalid(self, form):
        refusal = getattr(form, "refusal", None)
        if refusal is not None and refusal.reason == "not_licensed":
            return render(
                self.request,
                "accounts/not_offered.html",
                {"municipality": refusal.municipality},
            )
        return super().form_invalid(form)

    def get_initial(self):
        initial = super().get_initial()
        if "postcode" in self.request.GET:
            initial["postcode"] = self.request.GET["postcode"][:6]
        return initial


@require_GET
def place_check(request):
    """Does my municipality offer Belong? Sends citizens on to sign-up, or tells them kindly."""
    form = PlaceCheckForm(request.GET or None)
    if form.is_valid():
        postcode = form.cleaned_data["postcode"]
        municipality = postcode.municipality
        if municipality.is_licensed():
            return redirect(f"{reverse('account_signup')}?{urlencode({'postcode': postcode.code})}")
        return render(request, "accounts/not_offered.html", {"municipality": municipality})
    return render(request, "accounts/place_check.html", {"form": form})


@login_required
@require_GET
def profile(request):
    return render(
        request,
        "accounts/profile.html",
        {"profile_user": request.user, "interests": request.user.interest_labels},
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            update_profile(user=user, **form.cleaned_data)
            messages.success(request, _("Your profile has been saved."))
            return redirect("profile")
    else:
        form = ProfileForm(
            initial={
                "display_name": user.display_name,
                "gender": user.gender,
                "postcode": user.postcode,
                "about": user.about,
                "interests": user.interests,
            }
        )
    return render(request, "accounts/profile_edit.html", {"form": form})
