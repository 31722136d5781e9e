from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from accreditation.models import Decision, Evidence, Expert, ExpiryNotice, Proposal


@admin.register(Expert)
class ExpertAdmin(SimpleHistoryAdmin):
    list_display = ["person", "status", "nominating_administration", "accredited_on", "valid_until"]
    list_filter = ["status", "languages"]
    search_fields = ["person__family_name", "person__given_name", "person__latin_name"]
    raw_id_fields = ["person"]
    # The status moves only through proposals and decisions.
    readonly_fields = ["status", "pre_accredited_on", "accredited_on", "valid_until"]

    def revert_disabled(self, request, obj=None):
        # Reverting to an old version would bring back an old status without a decision.
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple_history still saves a POSTed revert form when reverting is disabled.
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(Evidence)
class EvidenceAdmin(SimpleHistoryAdmin):
    list_display = ["expert", "kind", "event", "attended", "result", "assessor"]
    list_filter = ["kind", "result"]
    raw_id_fields = ["expert", "event", "assignment", "assessor"]

    def has_delete_permission(self, request, obj=None):
        # Evidence a proposal or decision relied on stays, so the record keeps its links.
        if obj is not None and (obj.decisions.exists() or obj.proposals.exists()):
            return False
        return super().has_delete_permission(request, obj)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
    list_display = ["expert", "from_status", "to_status", "state", "proposed_by", "proposed_at"]
    list_filter = ["state", "to_status"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    """Decisions are immutable: the back office may read them, never change or delete them."""

    list_display = ["expert", "from_status", "to_status", "outcome", "proposed_by", "decided_by",
                    "decided_at"]
    list_filter = ["outcome", "to_status"]
    actions = None


@admin.register(ExpiryNotice)
class ExpiryNoticeAdmin(ReadOnlyAdmin):
    list_display = ["expert", "stage", "valid_until", "sent_at"]
