from django.contrib import admin

from belong.places.models import Licence, Municipality, Postcode, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_en"]


class LicenceInline(admin.TabularInline):
    model = Licence
    extra = 0


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "slug", "region", "population"]
    list_filter = ["region"]
    search_fields = ["name", "code"]
    inlines = [LicenceInline]


@admin.register(Postcode)
class PostcodeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "municipality", "latitude", "longitude", "coordinate_source"]
    list_filter = ["coordinate_source", "municipality__region"]
    search_fields = ["code", "name", "municipality__name"]
    list_select_related = ["municipality"]


@admin.register(Licence)
class LicenceAdmin(admin.ModelAdmin):
    list_display = ["municipality", "starts_on", "ends_on", "note"]
    list_select_related = ["municipality"]
    autocomplete_fields = ["municipality"]
