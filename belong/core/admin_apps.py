"""The admin's app config, kept apart from belong/core/admin_site.py because Django imports it
while the apps are still loading."""

from django.contrib.admin.apps import AdminConfig


class BelongAdminConfig(AdminConfig):
    # Django's admin behind Belong's login, a second factor and the staff-access log.
    default_site = "belong.core.admin_site.BelongAdminSite"
