"""Back office: the outbox with its log, failed messages sent again, the edited templates."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from mailing.models import Message, MessageEvent, MessageTemplate
from mailing.services.outbox import send_again
from people.errors import DomainError


class MessageEventInline(admin.TabularInline):
    model = MessageEvent
    extra = 0
    can_delete = False
    readonly_fields = ("kind", "at", "attempt", "detail", "retry_at", "by")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ("subject", "to", "kind", "status", "attempts", "created_at", "sent_at", "last_error")
    list_filter = ("status", "kind", "language")
    search_fields = ("to", "subject", "dedupe_key", "=id")
    readonly_fields = [f.name for f in Message._meta.fields]
    inlines = [MessageEventInline]
    actions = ["send_again_now"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Send the selected failed messages again"), permissions=["change"])
    def send_again_now(self, request, queryset):
        count = 0
        for message in queryset.filter(status__in=Message.FAILED_STATES):
            try:
                send_again(message=message, by=request.user)
            except DomainError:
                continue
            count += 1
        self.message_user(
            request,
            ngettext("%(n)d message queued again.", "%(n)d messages queued again.", count) % {"n": count},
            messages.SUCCESS,
        )


@admin.register(MessageTemplate)
class MessageTemplateAdmin(SimpleHistoryAdmin):
    list_display = ("kind", "language", "subject", "updated_by", "updated_at")
    list_filter = ("kind", "language")
    readonly_fields = ("updated_by", "updated_at")
