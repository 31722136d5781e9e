from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from stce.models import (
    Certificate,
    CertificateDelivery,
    Country,
    Language,
    Organisation,
    Person,
    Region,
    Signatory,
)

admin.site.site_header = "STCE Training & Accreditation Manager"
admin.site.site_title = "STCE back office"


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "sort_order"]


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region", "wco_member"]
    list_filter = ["region", "wco_member"]
    search_fields = ["code", "name"]


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "sort_order"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "kind", "country"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]
    autocomplete_fields = ["country"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["family_name", "given_name", "latin_name", "gender", "country", "organisation"]
    list_filter = ["gender", "preferred_language", "country__region"]
    search_fields = ["search_text", "email"]
    autocomplete_fields = ["country", "organisation", "user"]
    list_select_related = ["country", "organisation"]


@admin.register(Signatory)
class SignatoryAdmin(SimpleHistoryAdmin):
    list_display = ["name", "title", "active", "position"]
    list_editable = ["active", "position"]


class CertificateDeliveryInline(admin.TabularInline):
    model = CertificateDelivery
    extra = 0
    can_delete = False
    readonly_fields = ["sent_to", "sent_at", "sent_by", "resend", "outcome", "error"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    """Read-only: certificates change only through the services (revoke, reissue)."""

    list_display = ["serial", "holder_name", "kind", "language", "issued_at", "revoked_at", "superseded_at"]
    list_filter = ["kind", "language"]
    search_fields = ["serial", "holder_name"]
    inlines = [CertificateDeliveryInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
