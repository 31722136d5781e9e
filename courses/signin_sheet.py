"""The printed sign-in sheet of one event day: participants sign next to their name.

Names are printed in their own script (through documents.pdf.markup, which switches to the CJK
font for Chinese), with the Latin transliteration beside them when there is one, so that a
trainer who cannot read the script can still find the row.
"""

import io

from django.utils import formats
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from courses.models import Enrolment, EventDay
from documents import pdf

ROW_HEIGHT = 12 * mm  # room for a handwritten signature


def _styles():
    pdf.register_fonts()
    return {
        "title": ParagraphStyle("title", fontName=pdf.SANS_BOLD, fontSize=15, leading=19),
        "meta": ParagraphStyle("meta", fontName=pdf.SANS, fontSize=10, leading=13),
        "cell": ParagraphStyle("cell", fontName=pdf.SANS, fontSize=10, leading=12),
        "head": ParagraphStyle("head", fontName=pdf.SANS_BOLD, fontSize=10, leading=12),
    }


def signin_sheet_pdf(day: EventDay) -> bytes:
    """A4 landscape PDF listing the day's participants (not withdrawn) with a signature column."""
    event = day.event
    styles = _styles()
    participants = (
        Enrolment.objects.filter(event=event).active().select_related("person__organisation")
        .order_by("person__family_name", "person__given_name", "pk")
    )
    place = event.venue or event.platform or (str(event.host_country) if event.host_country_id else "")
    story = [
        Paragraph(pdf.markup(event.title, pdf.SANS_BOLD), styles["title"]),
        Paragraph(pdf.markup(" · ".join(filter(None, [
            _("Sign-in sheet"), formats.date_format(day.date, "DATE_FORMAT"), day.title, place,
        ]))), styles["meta"]),
        Spacer(1, 5 * mm),
    ]
    head = [Paragraph(pdf.markup(text), styles["head"]) for text in (
        "#", _("Name"), _("Organisation"), _("Signature"),
    )]
    rows = [head]
    for number, enrolment in enumerate(participants, start=1):
        person = enrolment.person
        name = pdf.markup(person.full_name)
        if person.latin_name and person.latin_name != person.full_name:
            name += "<br/>" + pdf.markup(person.latin_name)
        rows.append([
            Paragraph(str(number), styles["cell"]),
            Paragraph(name, styles["cell"]),
            Paragraph(pdf.markup(str(person.organisation or "")), styles["cell"]),
            "",
        ])
    if len(rows) == 1:
        rows.append(["", Paragraph(pdf.markup(_("Nobody is enrolled.")), styles["cell"]), "", ""])
    page_width = landscape(A4)[0] - 30 * mm
    table = LongTable(
        rows, colWidths=[10 * mm, 0.36 * page_width, 0.30 * page_width, None],
        rowHeights=[None] + [ROW_HEIGHT] * (len(rows) - 1), repeatRows=1,
    )
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e9eef5")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    story.append(table)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=landscape(A4), leftMargin=15 * mm, rightMargin=15 * mm,
        topMargin=12 * mm, bottomMargin=12 * mm, title=f"{event.title} – {day.date.isoformat()}",
    )
    document.build(story)
    return buffer.getvalue()
