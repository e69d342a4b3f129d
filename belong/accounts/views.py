"""Pages for joining Belong and keeping one's own profile."""

from allauth.account.views import SignupView as AllauthSignupView
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from belong.accounts import consents
from belong.accounts.forms import ApiTokenForm, ProfileForm
from belong.accounts.models import ApiToken
from belong.accounts.services import create_api_token, revoke_api_token, update_profile
from belong.core.limits import RateLimited
from belong.places.forms import PlaceCheckForm

NEW_TOKEN_SESSION_KEY = "new_api_token"  # noqa: S105


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


def _render_profile(request, *, token_form=None, status=200):
    return render(
        request,
        "accounts/profile.html",
        {
            "profile_user": request.user,
            "interests": request.user.interest_labels,
            "api_tokens": list(ApiToken.objects.filter(user=request.user)),
            "consents": list(consents.consents_of(request.user)),
            "token_form": token_form or ApiTokenForm(),
            # Connecting MitID confirms the age (belong.accounts.identity).
            "mitid_available": bool(settings.BELONG_MITID_SERVER_URL),
            # Shown once, right after it was made; never again.
            "new_token": request.session.pop(NEW_TOKEN_SESSION_KEY, None),
        },
        status=status,
    )


@login_required
@require_GET
def profile(request):
    return _render_profile(request)


@login_required
@require_POST
def api_token_create(request):
    form = ApiTokenForm(request.POST)
    if form.is_valid():
        try:
            _token, raw = create_api_token(user=request.user, name=form.cleaned_data["name"])
        except ValidationError as error:
            form.add_error("name", error)
        except RateLimited as limited:
            form.add_error("name", limited.message)
        else:
            request.session[NEW_TOKEN_SESSION_KEY] = raw
            messages.success(request, _("Your new API key has been made."))
            return redirect(reverse("profile") + "#api-noegler")
    return _render_profile(request, token_form=form, status=400)


@login_required
@require_POST
def api_token_revoke(request, pk: int):
    revoke_api_token(user=request.user, pk=pk)
    messages.success(request, _("The API key has been deleted. It no longer works."))
    return redirect(reverse("profile") + "#api-noegler")


@login_required
@require_POST
def consent_withdraw(request, pk: int):
    """One click takes a yes back, as one click gave it."""
    consent = consents.get_consent_for_user(request.user, pk)
    if consent.is_open:
        consents.withdraw(user=request.user, purpose=consent.purpose, via=consents.Via.PROFILE)
        messages.success(
            request,
            _("You have taken back your yes to: %(purpose)s.")
            % {"purpose": consent.get_purpose_display()},
        )
    return redirect(reverse("profile") + "#samtykker")


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
