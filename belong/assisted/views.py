"""Pages for assisted sign-up (staff) and for logging in with a personal code (citizens)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from belong.assisted import services as assisted
from belong.assisted.forms import AssistedSignupForm, CodeLoginForm
from belong.core.limits import RateLimited, address_key
from belong.municipalities.access import staff_required
from belong.posts.models import Post

# The plain code lives only in the staff member's session, long enough to print the guide.
SESSION_KEY = "assisted_codes"


def _remember_code(request, citizen_pk: int, code: str) -> None:
    request.session[SESSION_KEY] = {str(citizen_pk): code}


@staff_required(*assisted.ASSISTING_ROLES)
def assisted_signup(request):
    form = AssistedSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            citizen, _post, code = assisted.assisted_signup(
                staff=request.user,
                display_name=data["display_name"],
                birth_date=data["birth_date"],
                gender=data["gender"],
                postcode=data["postcode"],
                email=data["email"],
                post_fields=form.post_fields(),
            )
        except PermissionDenied:
            form.add_error(
                "postcode",
                _("You can only help citizens who live in a municipality where you work."),
            )
        else:
            _remember_code(request, citizen.pk, code)
            return redirect("assisted_guide", pk=citizen.pk)
    return render(request, "accounts/assisted_signup.html", {"form": form})


@staff_required(*assisted.ASSISTING_ROLES)
def assisted_guide(request, pk: int):
    citizen = assisted.get_assisted_citizen(request.user, pk)
    assisted.open_guide(staff=request.user, citizen=citizen)
    code = request.session.get(SESSION_KEY, {}).get(str(citizen.pk))
    personal = getattr(citizen, "personal_code", None)
    post = Post.objects.filter(author=citizen).order_by("created_at").first()
    return render(
        request,
        "accounts/assisted_guide.html",
        {
            "citizen": citizen,
            "code": code,
            "personal": personal,
            "post": post,
            # The inactive-account rule (belong.privacy.inactivity), told on paper.
            "kept_months": settings.BELONG_RETENTION_INACTIVE_ERASURE_MONTHS,
        },
    )


@staff_required(*assisted.ASSISTING_ROLES)
def assisted_list(request):
    """Citizens signed up with staff help, so a lost code can be replaced later."""
    page = Paginator(assisted.assisted_citizens_for(request.user), 50).get_page(
        request.GET.get("side")
    )
    return render(request, "accounts/assisted_list.html", {"page": page})


@require_POST
@staff_required(*assisted.ASSISTING_ROLES)
def assisted_new_code(request, pk: int):
    citizen = assisted.get_assisted_citizen(request.user, pk)
    code = assisted.issue_personal_code(staff=request.user, citizen=citizen)
    _remember_code(request, citizen.pk, code)
    messages.success(request, _("A new code is made. The old code no longer works."))
    return redirect("assisted_guide", pk=citizen.pk)


def code_login(request):
    """Log in with a login name and a personal code from the municipality."""
    form = CodeLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = assisted.log_in_with_code(
                login_name=form.cleaned_data["login_name"],
                code=form.cleaned_data["code"],
                limit_key=address_key(request),
            )
        except RateLimited as limited:
            # 429 with Retry-After, the form as typed; the page links to help with the code.
            form.add_error(None, limited.message)
            response = render(request, "accounts/code_login.html", {"form": form}, status=429)
            response["Retry-After"] = str(limited.retry_after)
            return response
        else:
            if user is None:
                form.add_error(
                    None,
                    _("The login name or the code is not right. Please check them and try again."),
                )
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                return redirect("home")
    return render(request, "accounts/code_login.html", {"form": form})
