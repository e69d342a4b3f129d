from django.contrib import admin

from belong.core.admin_site import LogsPersonalData
from belong.municipalities.models import HelpRequest, StaffRole


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
