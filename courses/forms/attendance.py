"""The attendance sheet as a form: participants × days, each cell a status and a remark.

A Django formset of 300 forms would cost more than the page it renders, so the sheet is
one form object that knows its cells, renders their current values and parses a POST
into `AttendanceEntry` values for the service. Every cell carries the value it showed
(hidden `os-`/`or-` fields) so that the service writes only what the user changed.
"""

from dataclasses import dataclass, field

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext

from courses.models import Attendance, AttendanceStatus, Enrolment, EventDay, TrainingEvent
from courses.services.attendance import AttendanceEntry, cell_refusal, event_today

REMARK_MAX_LENGTH = Attendance._meta.get_field("remark").max_length
STATUS_KEYS = {"present": "P", "late": "L", "excused": "E", "absent": "A"}


@dataclass
class Cell:
    enrolment: Enrolment
    day: EventDay
    record: Attendance | None
    refusal: str
    status: str = ""
    remark: str = ""

    @property
    def key(self) -> str:
        return f"{self.enrolment.pk}-{self.day.pk}"

    @property
    def editable(self) -> bool:
        return not self.refusal

    @property
    def original_status(self) -> str:
        return self.record.status if self.record else ""

    @property
    def original_remark(self) -> str:
        return self.record.remark if self.record else ""

    @property
    def status_choices(self):
        return [(value, label, STATUS_KEYS[value]) for value, label in AttendanceStatus.choices]


@dataclass
class Row:
    enrolment: Enrolment
    cells: list[Cell] = field(default_factory=list)
    completion: object = None

    @property
    def person(self):
        return self.enrolment.person

    @property
    def withdrawn(self) -> bool:
        return self.enrolment.status == Enrolment.Status.WITHDRAWN


SHEET_PER_PAGE = 100


class AttendanceSheetForm:
    """The cells of `days` for every participant of `event`, bound to `data` when posted."""

    def __init__(self, *, event: TrainingEvent, days: list[EventDay], data=None, page=None):
        """The sheet holds one page of participants (`page`, 1-based; SHEET_PER_PAGE of them):
        an event of thousands would otherwise be a sheet of megabytes. Saving reads only the
        cells that came back, so a page saves on its own."""
        self.event, self.days, self.data = event, days, data
        self.errors: list[str] = []
        self.today = event_today(event)
        enrolments = (
            Enrolment.objects.filter(event=event)
            .select_related("person__organisation")
            .order_by("status", "person__family_name", "person__given_name", "pk")
        )
        records = Attendance.objects.filter(enrolment__event=event, day__in=days)
        self.page_obj = Paginator(enrolments, SHEET_PER_PAGE).get_page(page)
        enrolments = list(self.page_obj.object_list)
        records = records.filter(enrolment__in=[e.pk for e in enrolments])
        records = {(r.enrolment_id, r.day_id): r for r in records}
        self.rows = []
        for enrolment in enrolments:
            row = Row(enrolment)
            for day in days:
                record = records.get((enrolment.pk, day.pk))
                cell = Cell(enrolment, day, record, cell_refusal(enrolment, day, self.today))
                cell.status, cell.remark = cell.original_status, cell.original_remark
                row.cells.append(cell)
            self.rows.append(row)

    @property
    def cells(self):
        return (cell for row in self.rows for cell in row.cells)

    def status_counts(self) -> list[tuple[str, str, int]]:
        """(status, label, how many) for the participants still on the list, "not recorded"
        last: the tally a trainer checks against the room before saving. Counted in the
        database over every page (two queries), so a paged sheet shows the whole day's tally."""
        active = Enrolment.objects.filter(event=self.event).exclude(status=Enrolment.Status.WITHDRAWN)
        recorded = dict(
            Attendance.objects.filter(day__in=self.days, enrolment__in=active)
            .order_by()
            .values_list("status")
            .annotate(n=Count("id"))
        )
        counts = [(value, str(label), recorded.get(value, 0)) for value, label in AttendanceStatus.choices]
        unrecorded = active.count() * len(self.days) - sum(recorded.values())
        return [*counts, ("", _("Not recorded"), unrecorded)]

    @property
    def any_editable(self) -> bool:
        return not self.event.attendance_locked and any(cell.editable for cell in self.cells)

    def entries(self, *, mark_all_present: bool = False) -> list[AttendanceEntry] | None:
        """The submitted cells as entries, or None (with `errors`) when the input is bad.

        Only cells whose hidden original came back are read: a participant enrolled after
        the page was loaded is simply not part of this submission.
        """
        data, entries = self.data, []
        for cell in self.cells:
            if f"os-{cell.key}" not in data:
                continue
            status, remark = self._submitted(cell, mark_all_present)
            cell.status = status or cell.status
            cell.remark = cell.remark if remark is None else remark
            error = cell_input_error(cell.enrolment.person.full_name, status, remark)
            if error:
                self.errors.append(error)
            entries.append(
                AttendanceEntry(
                    enrolment_id=cell.enrolment.pk,
                    day_id=cell.day.pk,
                    status=status,
                    remark=remark,
                    original_status=data.get(f"os-{cell.key}", ""),
                    original_remark=data.get(f"or-{cell.key}") if remark is not None else None,
                )
            )
        return None if self.errors else entries

    def _submitted(self, cell: Cell, mark_all_present: bool) -> tuple[str, str | None]:
        """The status and remark posted for `cell`; remark None when the form had no remark field."""
        status = self.data.get(f"s-{cell.key}", "").strip()
        if not status and mark_all_present and cell.editable:
            status = AttendanceStatus.PRESENT
        remark = self.data.get(f"r-{cell.key}")
        if remark is not None:
            remark = " ".join(remark.split())
        return status, remark


def cell_input_error(name: str, status: str, remark: str | None) -> str:
    """What is wrong with one posted cell of participant `name`, or "" when nothing is."""
    if "\x00" in (remark or ""):
        # PostgreSQL refuses NUL in text; Django's form fields reject it the same way.
        return _("%(name)s: the remark contains a character that cannot be saved.") % {"name": name}
    if status and status not in AttendanceStatus.values:
        return _("%(name)s: choose one of the listed statuses.") % {"name": name}
    if remark and len(remark) > REMARK_MAX_LENGTH:
        return ngettext(
            "%(name)s: the remark is longer than %(n)s character.",
            "%(name)s: the remark is longer than %(n)s characters.",
            REMARK_MAX_LENGTH,
        ) % {
            "name": name,
            "n": REMARK_MAX_LENGTH,
        }
    return ""


class ReopenAttendanceForm(forms.Form):
    reason = forms.CharField(
        label=_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_lazy(
            "Trainers will be able to change the records again. The reason is kept with your name."
        ),
    )
