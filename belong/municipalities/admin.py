from django.contrib import admin

from belong.municipalities.models import StaffRole


@admin.register(StaffRole)
class StaffRoleAdmin(admin.ModelAdmin):
    list_display = ("user", "municipality", "role", "granted_at")
    list_filter = ("role", "municipality")
    raw_id_fields = ("user", "granted_by")
