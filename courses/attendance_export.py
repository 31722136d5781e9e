"""The attendance grid of an event as a table, and that table as CSV or XLSX.

Cells are neutralised against formula injection: a name such as "=HYPERLINK(...)" typed
into a registration form must reach the spreadsheet as text, not as a formula.
"""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from courses.completion import completion_for_event
from courses.models import Attendance, Enrolment, EventDay, TrainingEvent

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def attendance_table(event: TrainingEvent) -> list[list]:
    """Header and one row per participant: name, organisation, status per day, completion."""
    days = list(EventDay.objects.filter(event=event))
    enrolments = list(
        Enrolment.objects.filter(event=event).select_related("person__organisation")
        .order_by("person__family_name", "person__given_name", "pk")
    )
    statuses = {
        (enrolment_id, day_id): label
        for enrolment_id, day_id, label in Attendance.objects.filter(enrolment__event=event)
        .values_list("enrolment_id", "day_id", "status")
    }
    labels = dict(Attendance.Status.choices)
    completion = completion_for_event(event, enrolments)
    header = [
        _("Family name"), _("Given name"), _("Name in Latin script"), _("Organisation"),
        _("Enrolment"), *[day.date.isoformat() for day in days], _("Attendance %"), _("Completed"),
    ]
    table = [header]
    for enrolment in enrolments:
        person, result = enrolment.person, completion[enrolment.pk]
        table.append([
            person.family_name, person.given_name, person.latin_name,
            str(person.organisation or ""), enrolment.get_status_display(),
            *[str(labels.get(statuses.get((enrolment.pk, day.pk)), "")) for day in days],
            float(result.percentage) if result.percentage is not None else "",
            _("yes") if result.completed else _("no"),
        ])
    return table


def table_as_csv(table: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in table:
        writer.writerow([neutralise(value) for value in row])
    # The BOM makes Excel read the names as UTF-8 rather than the local code page.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def table_as_xlsx(table: list[list], *, title: str) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for row in table:
        sheet.append([neutralise(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
