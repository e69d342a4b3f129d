from django.contrib import admin

from belong.safety.models import Block, Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("created_at", "reporter", "reported", "reason", "subject", "handled_at")
    list_filter = ("reason",)


@admin.register(Block)
class BlockAdmin(admin.ModelAdmin):
    list_display = ("created_at", "blocker", "blocked")
