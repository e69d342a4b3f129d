from django.contrib import admin

from belong.core.admin_site import LogsPersonalData
from belong.municipalities.models import (
    Announcement,
    HelpRequest,
    LandingPage,
    Newsletter,
    StaffRole,
    StaffRoleChange,
)


@admin.register(StaffRole)
class StaffRoleAdmin(admin.ModelAdmin):
    list_display = ("user", "municipality", "role", "granted_at")
    list_filter = ("role", "municipality")
    raw_id_fields = ("user", "granted_by")


@admin.register(HelpRequest)
class HelpRequestAdmin(LogsPersonalData, admin.ModelAdmin):
    list_display = ("pk", "municipality", "contact", "created_at", "handled_at")
    list_filter = ("municipality", "contact")
    raw_id_fields = ("citizen", "handled_by")

    def person_in(self, obj):
        return obj.citizen

    def municipality_of(self, obj):
        return obj.municipality


@admin.register(StaffRoleChange)
class StaffRoleChangeAdmin(admin.ModelAdmin):
    """Read-only: the log of role grants and removals is append-only."""

    list_display = ("changed_at", "municipality", "user", "role", "change", "changed_by")
    list_filter = ("change", "role", "municipality")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LandingPage)
class LandingPageAdmin(admin.ModelAdmin):
    list_display = ("municipality", "updated_at")
    raw_id_fields = ("updated_by",)


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    list_display = ("title", "municipality", "starts_at", "ends_at")
    list_filter = ("municipality",)
    raw_id_fields = ("created_by",)


@admin.register(Newsletter)
class NewsletterAdmin(admin.ModelAdmin):
    list_display = ("subject_da", "municipality", "month", "sent_at")
    list_filter = ("municipality",)
    raw_id_fields = ("created_by", "sent_by")
