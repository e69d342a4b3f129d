from django.contrib import admin

from belong.core import clock
from belong.outcomes.models import DataAgreement


@admin.register(DataAgreement)
class DataAgreementAdmin(admin.ModelAdmin):
    """Where a researcher's data agreement is recorded (answers are never shown here)."""

    list_display = ("reference", "researcher", "municipality", "starts_on", "ends_on")
    list_filter = ("municipality",)
    raw_id_fields = ("researcher", "recorded_by")
    readonly_fields = ("recorded_by", "recorded_at")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
            obj.recorded_at = clock.now()
        super().save_model(request, obj, form, change)
