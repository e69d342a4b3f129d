from django.contrib import admin

from belong.core.admin_site import LogsPersonalData
from belong.support.models import FirstResponseSetting, YouthClearance


@admin.register(FirstResponseSetting)
class FirstResponseSettingAdmin(admin.ModelAdmin):
    list_display = ("municipality", "no_contact_days")


@admin.register(YouthClearance)
class YouthClearanceAdmin(LogsPersonalData, admin.ModelAdmin):
    list_display = ("facilitator", "municipality", "granted_at", "granted_by")

    def person_in(self, obj):
        return obj.facilitator

    def municipality_of(self, obj):
        return obj.municipality
