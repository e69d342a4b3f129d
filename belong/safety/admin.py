from django.contrib import admin

from belong.core.admin_site import LogsPersonalData
from belong.safety.models import Block, ModerationSettings, Report


@admin.register(Report)
class ReportAdmin(LogsPersonalData, admin.ModelAdmin):
    list_display = ("created_at", "reporter", "reported", "reason", "target", "status")
    list_filter = ("reason", "status")

    def person_in(self, obj):
        return obj.reported

    def municipality_of(self, obj):
        return obj.municipality


@admin.register(Block)
class BlockAdmin(LogsPersonalData, admin.ModelAdmin):
    list_display = ("created_at", "blocker", "blocked")

    def person_in(self, obj):
        return obj.blocker


@admin.register(ModerationSettings)
class ModerationSettingsAdmin(admin.ModelAdmin):
    list_display = ("municipality", "updated_at")
