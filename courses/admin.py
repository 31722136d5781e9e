from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from courses.models import (
    AgendaItem,
    Attendance,
    AttendanceReopening,
    Enrolment,
    EventDateChange,
    EventDay,
    Module,
    TrainerAssignment,
    TrainingEvent,
)


@admin.register(Module)
class ModuleAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "topic_area", "hours", "active"]
    list_filter = ["topic_area", "active"]
    search_fields = ["code", "title"]


class EventDayFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        # Deleting a day deletes its attendance with it, silently; the same rule as changing
        # an event's dates applies: correct the attendance first.
        kept = [
            form.instance for form in self.deleted_forms
            if form.instance.pk and form.instance.attendance.exists()
        ]
        if kept:
            raise ValidationError(
                _("Attendance was recorded on %(dates)s; correct the attendance before removing the day.")
                % {"dates": ", ".join(date_format(day.date) for day in kept)}
            )


class EventDayInline(admin.TabularInline):
    model = EventDay
    formset = EventDayFormSet
    extra = 0


class EventDateChangeInline(admin.TabularInline):
    model = EventDateChange
    extra = 0
    readonly_fields = [
        "old_start_date", "old_end_date", "new_start_date", "new_end_date", "reason",
        "changed_by", "changed_at",
    ]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(TrainingEvent)
class TrainingEventAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "format", "status", "start_date", "end_date", "host_country"]
    list_filter = ["kind", "format", "status", "region"]
    search_fields = ["title", "venue"]
    date_hierarchy = "start_date"
    filter_horizontal = ["languages", "organisers", "partners"]
    inlines = [EventDayInline, EventDateChangeInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(SimpleHistoryAdmin):
    list_display = ["day", "position", "start_time", "module", "title"]
    autocomplete_fields = ["speakers", "speaker_organisations", "module"]
    list_select_related = ["day__event", "module"]


@admin.register(TrainerAssignment)
class TrainerAssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["event", "person", "role"]
    list_filter = ["role"]
    autocomplete_fields = ["event", "person"]
    list_select_related = ["event", "person"]


@admin.register(Enrolment)
class EnrolmentAdmin(SimpleHistoryAdmin):
    list_display = ["event", "person", "status", "joined_on"]
    list_filter = ["status"]
    autocomplete_fields = ["event", "person"]
    list_select_related = ["event", "person"]


@admin.register(Attendance)
class AttendanceAdmin(SimpleHistoryAdmin):
    list_display = ["enrolment", "day", "status", "recorded_at"]
    list_filter = ["status"]
    raw_id_fields = ["enrolment", "day"]
    list_select_related = ["enrolment__person", "enrolment__event", "day"]


@admin.register(AttendanceReopening)
class AttendanceReopeningAdmin(admin.ModelAdmin):
    """Read-only: a reopening is a record of what happened, not something to edit."""

    list_display = ["event", "reopened_by", "reopened_at", "reason"]
    list_select_related = ["event", "reopened_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
