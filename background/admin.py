"""Back office: failed tasks with their error, run again on demand; jobs; the daily schedules."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from background.models import Job, JobNote, ScheduledRun

admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(DBTaskResultAdmin):
    """django-tasks-db's read-only list, plus the attempts and a way to run failed tasks again."""

    actions = ["run_again"]
    list_display = (*DBTaskResultAdmin.list_display, "attempts", "exception_class_path")
    search_fields = ("task_path", "exception_class_path", "id")

    @admin.display(description=_("attempts"))
    def attempts(self, obj):
        return len(obj.worker_ids)

    def has_change_permission(self, request, obj=None):
        # The list's action needs it; a task row itself is never edited by hand (django-tasks-db's
        # admin refuses every change).
        return obj is None and request.user.has_perm(f"{self.opts.app_label}.change_{self.opts.model_name}")

    @admin.action(description=_("Run the selected failed tasks again now"), permissions=["change"])
    def run_again(self, request, queryset):
        count = queryset.filter(status=TaskResultStatus.FAILED).update(
            status=TaskResultStatus.READY, run_after=timezone.now(), finished_at=None
        )
        self.message_user(
            request,
            ngettext("%(n)d task queued again.", "%(n)d tasks queued again.", count) % {"n": count},
            messages.SUCCESS,
        )


class JobNoteInline(admin.TabularInline):
    model = JobNote
    extra = 0
    readonly_fields = ("text", "created_at")
    can_delete = False


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "state", "done", "failed", "total", "created_by", "created_at")
    list_filter = ("state", "kind")
    readonly_fields = [f.name for f in Job._meta.fields]
    inlines = [JobNoteInline]

    def has_add_permission(self, request):
        return False


@admin.register(ScheduledRun)
class ScheduledRunAdmin(admin.ModelAdmin):
    list_display = ("name", "day", "task_result_id", "created_at")
    list_filter = ("name",)
    readonly_fields = ("name", "day", "task_result_id", "created_at")

    def has_add_permission(self, request):
        return False
