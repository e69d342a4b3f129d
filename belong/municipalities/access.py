"""The gate in front of every staff page: signed in, a role, and a second factor."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from belong.core.second_factor import second_factor_redirect
from belong.municipalities.services import has_role


def staff_required(*roles: str):
    """Open the view only to staff holding one of `roles` who signed in with a second factor.

    The view still limits what it shows to the municipalities where the role is held
    (`municipalities_for(request.user, role)`).
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not (user.is_staff or user.is_superuser) or not has_role(user, *roles):
                raise Http404
            gate = second_factor_redirect(request, request.get_full_path())
            if gate is not None:
                return gate
            return view(request, *args, **kwargs)

        wrapper.staff_roles = roles
        return wrapper

    return decorator
