"""The attendance grid of an event as one table (exported by documents.spreadsheets)."""

from django.utils.translation import gettext as _

from courses.completion import completion_for_event
from courses.models import Attendance, Enrolment, EventDay, TrainingEvent


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

