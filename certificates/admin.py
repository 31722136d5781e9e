from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from certificates.models import Certificate, CertificateDelivery, Signatory


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
