"""Django's admin behind the same gate as every staff page: Belong's own login (allauth) and a
second factor; and every record of a person's data opened there is written to the
staff-access log (`belong.core.admin_apps.BelongAdminConfig` makes this the admin site).
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect


class BelongAdminSite(admin.AdminSite):
    def has_permission(self, request) -> bool:
        from belong.core.second_factor import passed_second_factor

        return super().has_permission(request) and passed_second_factor(request)

    @method_decorator(csrf_protect)
    @method_decorator(never_cache)
    def login(self, request, extra_context=None):
        """No password form of its own, which would skip the second factor: staff sign in on
        Belong's login page, pass their second factor, and come back."""
        from belong.core.second_factor import second_factor_redirect

        next_url = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts=None):
            next_url = reverse("admin:index", current_app=self.name)
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(next_url, login_url=reverse("account_login"))
        if not (user.is_active and user.is_staff):
            raise PermissionDenied
        return second_factor_redirect(request, next_url) or redirect(next_url)


class LogsPersonalData:
    """For the ModelAdmins of records that hold a person's data: opening one, or a list of
    them, is written to the staff-access log, like every other staff look at such data."""

    def person_in(self, obj):
        """The person whose data `obj` holds (None if nobody's)."""
        return obj

    def municipality_of(self, obj):
        return None  # the person's own municipality

    def change_view(self, request, object_id, form_url="", extra_context=None):
        from belong.core.access_log import record_staff_access

        if request.method == "GET":
            obj = self.get_object(request, admin.utils.unquote(object_id))
            if obj is not None and self.has_view_or_change_permission(request, obj):
                record_staff_access(
                    staff=request.user,
                    subject=self.person_in(obj),
                    municipality=self.municipality_of(obj),
                    action=f"admin:{self.model._meta.label_lower}:{obj.pk}",
                    reason="Opened in the admin",
                )
        return super().change_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        from belong.core.access_log import record_staff_access

        if request.method == "GET" and self.has_view_or_change_permission(request):
            record_staff_access(
                staff=request.user,
                subject=None,
                action=f"admin:{self.model._meta.label_lower}:list",
                reason=f"Listed in the admin: {request.GET.urlencode() or 'all'}",
            )
        return super().changelist_view(request, extra_context)
