"""Participant lists as CSV and XLSX, safe to open in a spreadsheet."""

import csv
import io

from django.utils.translation import gettext as _

from courses.models import Enrolment, TrainingEvent

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value) -> str:
    """Text a spreadsheet shows as is: a leading quote stops it executing "=HYPERLINK(…)"."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_TRIGGERS) else text


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
        rows.append([neutralise(v) for v in (
            person.given_name, person.family_name, person.latin_name, person.get_gender_display(),
            person.country.name if person.country_id else "",
            person.organisation.name if person.organisation_id else "",
            person.position, person.email or "", enrolment.get_status_display(),
        )])
    return header, rows


def participants_csv(event: TrainingEvent) -> bytes:
    header, rows = participant_rows(event)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    # The BOM makes Excel read the file as UTF-8 (names in Cyrillic and Chinese stay intact).
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def participants_xlsx(event: TrainingEvent) -> bytes:
    from openpyxl import Workbook

    header, rows = participant_rows(event)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Participants")[:31])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
