"""The participant list template that coordinators send to administrations, in each language.

Its headings are the import's column names in that language (the import recognises the
headings of every language), and a second sheet lists the values the import accepts, so an
administration fills it in without a round of e-mails about what "gender" may say.
"""

import io

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from courses.services.participant_import import COLUMNS, REQUIRED_COLUMNS, template_headers
from documents.spreadsheets import Column as ExportColumn
from documents.spreadsheets import csv_bytes, neutralise
from people.models import Country, Person


def template_xlsx(language: str, required: tuple[str, ...] = REQUIRED_COLUMNS) -> bytes:
    """`required`: the columns marked with a star (the nominations import needs others)."""
    with translation.override(language):
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = _("Participants")[:31]
        headings = template_headers(language)
        sheet.append(headings)
        for cell, column in zip(sheet[1], COLUMNS, strict=True):
            cell.font = Font(bold=True)
            sheet.column_dimensions[cell.column_letter].width = max(16, len(cell.value) + 4)
            if column in required:
                cell.value = f"{cell.value} *"
        sheet.freeze_panes = "A2"
        _accepted_values(workbook.create_sheet(_("Accepted values")[:31]))
        out = io.BytesIO()
        workbook.save(out)
    return out.getvalue()


def _accepted_values(sheet) -> None:
    bold = Font(bold=True)
    sheet.append([_("Columns marked * are required. One row per participant; leave this sheet as it is.")])
    sheet.append([])
    sheet.append([_("Gender"), _("Write one of:")])
    sheet.append(
        ["", ", ".join(["female", "male", "another"]) + " — " + _("or leave it empty (not recorded)")]
    )
    sheet.append(
        [
            _("Preferred language"),
            ", ".join(f"{code} ({label})" for code, label in Person.PreferredLanguage.choices),
        ]
    )
    sheet.append(
        [_("Country"), _("The country's name as below, in any of the four languages, or its ISO code")]
    )
    for row in (1, 3, 5, 6):
        sheet.cell(row=row, column=1).font = bold
    sheet.append([])
    sheet.append([_("ISO code"), _("Country")])
    sheet.cell(row=sheet.max_row, column=1).font = bold
    sheet.cell(row=sheet.max_row, column=2).font = bold
    names = sorted(
        ((code, _(name)) for code, name in Country.objects.values_list("code", "name")), key=lambda r: r[1]
    )
    for code, name in names:
        sheet.append([code, neutralise(name)])
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 60


def template_csv(language: str) -> bytes:
    headings = template_headers(language)
    return csv_bytes([ExportColumn(h, lambda row, i=i: row[i]) for i, h in enumerate(headings)], [])
