"""The attendance grid of an event as one table, for the CSV and XLSX exports."""

from operator import itemgetter

from django.utils.translation import gettext as _

from courses.completion import completion_for_event
from courses.models import Attendance, Enrolment, EventDay, TrainingEvent
from documents.spreadsheets import PERCENT, Column


def attendance_table(event: TrainingEvent) -> tuple[list[Column], list[tuple]]:
    """Columns and one row per participant: name, organisation, status per day, completion."""
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
    names = [
        _("Family name"), _("Given name"), _("Name in Latin script"), _("Organisation"), _("Enrolment"),
    ]
    columns = [Column(name, itemgetter(index)) for index, name in enumerate(names)]
    columns += [
        Column(day.date.isoformat(), itemgetter(len(names) + index)) for index, day in enumerate(days)
    ]
    columns += [
        Column(_("Attendance %"), itemgetter(len(names) + len(days)), PERCENT),
        Column(_("Completed"), itemgetter(len(names) + len(days) + 1)),
    ]
    rows = []
    for enrolment in enrolments:
        person, result = enrolment.person, completion[enrolment.pk]
        rows.append((
            person.family_name, person.given_name, person.latin_name,
            str(person.organisation or ""), enrolment.get_status_display(),
            *[labels.get(statuses.get((enrolment.pk, day.pk)), "") for day in days],
            result.percentage,
            _("yes") if result.completed else _("no"),
        ))
    return columns, rows
