"""Participant lists as CSV and XLSX, safe to open in a spreadsheet."""

from django.utils.translation import gettext as _

from courses.models import Enrolment, TrainingEvent
from documents.spreadsheets import csv_bytes, xlsx_bytes


def participant_rows(event: TrainingEvent) -> tuple[list[str], list[list[str]]]:
    header = [
        _("Given name"), _("Family name"), _("Name in Latin script"), _("Gender"), _("Country"),
        _("Organisation"), _("Position"), _("E-mail"), _("Status"),
    ]
    enrolments = (
        Enrolment.objects.filter(event=event)
        .select_related("person__country", "person__organisation")
        .order_by("person__family_name", "person__given_name", "pk")
    )
    rows = []
    for enrolment in enrolments:
        person = enrolment.person
        rows.append([str(v or "") for v in (
            person.given_name, person.family_name, person.latin_name, person.get_gender_display(),
            person.country.name if person.country_id else "",
            person.organisation.name if person.organisation_id else "",
            person.position, person.email or "", enrolment.get_status_display(),
        )])
    return header, rows


def participants_csv(event: TrainingEvent) -> bytes:
    header, rows = participant_rows(event)
    return csv_bytes([header, *rows])


def participants_xlsx(event: TrainingEvent) -> bytes:
    header, rows = participant_rows(event)
    return xlsx_bytes([header, *rows], title=_("Participants"))
