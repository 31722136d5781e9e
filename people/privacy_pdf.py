"""The PDF form of a person's data export (the JSON export is the complete, machine-readable one)."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from documents import pdftext

MAX_CELL_CHARS = 400
VALUE_WIDTH = 125 * mm
CELL_PADDING = 12  # a table cell's default left and right padding, together


def _text(value) -> str:
    if value is None or value == "":
        return "—"
    if hasattr(value, "isoformat"):
        value = value.isoformat(sep=" ", timespec="minutes") if hasattr(value, "hour") else value.isoformat()
    text = str(value)
    return text if len(text) <= MAX_CELL_CHARS else text[:MAX_CELL_CHARS] + "…"


def _field_table(fields: dict, body: ParagraphStyle) -> Table:
    rows = []
    for name, value in fields.items():
        if name.endswith("_text"):
            continue
        shown = fields.get(f"{name}_text")
        # The label is isolated: "1 (الجمارك)" must stay a left-to-right line starting with 1.
        text = _text(value) + (f" ({pdftext.isolate(shown)})" if shown else "")
        rows.append([
            Paragraph(pdftext.markup(name.replace("_", " ")), body),
            Paragraph(
                pdftext.wrapped_markup(text, body.fontName, body.fontSize, VALUE_WIDTH - CELL_PADDING), body
            ),
        ])
    table = Table(rows, colWidths=[45 * mm, VALUE_WIDTH])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                ("TEXTCOLOR", (0, 0), (0, -1), colors.HexColor("#444444")),
            ]
        )
    )
    return table


def person_export_pdf(export: dict) -> bytes:
    """Render `people.privacy.person_export(...)` as an A4 PDF with the shipped fonts."""
    pdftext.register_fonts()
    bold = pdftext.SANS_BOLD
    title = ParagraphStyle("title", fontName=bold, fontSize=16, leading=20, spaceAfter=6)
    heading = ParagraphStyle("heading", fontName=bold, fontSize=12, leading=15, spaceBefore=10)
    subheading = ParagraphStyle("subheading", fontName=bold, fontSize=9.5, leading=12, spaceBefore=6)
    body = ParagraphStyle("body", fontName=pdftext.SANS, fontSize=8.5, leading=11)

    person = export["person"]
    name = " ".join(p for p in (person.get("given_name"), person.get("family_name")) if p)
    story = [
        Paragraph(
            pdftext.markup(_("Personal data held on %(name)s") % {"name": pdftext.isolate(name)}), title
        ),
        Paragraph(pdftext.markup(_("Exported on %(when)s by the WCO STCE Training & Accreditation Manager.")
                             % {"when": _text(timezone.localtime(export["exported_at"]))}), body),
        Paragraph(pdftext.markup(_("Person record")), heading),
        _field_table(person, body),
    ]
    for section in export["related"].values():
        section_title = f"{section['title'][:1].upper()}{section['title'][1:]}"
        story.append(Paragraph(pdftext.markup(section_title), heading))
        if not section["rows"]:
            story.append(Paragraph(pdftext.markup(_("None.")), body))
        for row in section["rows"]:
            story.append(Paragraph(pdftext.markup(row["text"]), subheading))
            story.append(_field_table(row["fields"], body))
            for key, children in row.items():
                if isinstance(children, list):
                    story.append(Paragraph(pdftext.markup(key.replace("_", " ")), subheading))
                    for child in children:
                        story.append(Paragraph(pdftext.markup("• " + child["text"]), body))
    story.append(Paragraph(pdftext.markup(_("History of the person record")), heading))
    for entry in export["history"]:
        changes = "; ".join(f"{field}: {old} → {new}" for field, (old, new) in entry["changes"].items())
        line = f"{_text(timezone.localtime(entry['when']))} · {entry['type']}"
        if entry["reason"]:
            line += f" · {entry['reason']}"
        story.append(Paragraph(pdftext.markup(line), subheading))
        if changes:
            story.append(Paragraph(pdftext.markup(changes), body))
    story.append(Spacer(1, 6 * mm))

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm, bottomMargin=18 * mm,
        title=_("Personal data export"), author="WCO STCE Programme",
    )
    document.build(story)
    return buffer.getvalue()
