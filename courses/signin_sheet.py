"""The printed sign-in sheet of one event day: participants sign next to their name.

Names are printed in their own script (through documents.pdftext, which shapes Arabic, puts
right-to-left words in reading order and switches fonts per script), with the Latin
transliteration beside them when there is one, so that a trainer who cannot read the script
can still find the row.
"""

import io

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from courses.dates import format_day
from courses.models import Enrolment, EventDay, TrainingEvent
from documents import pdftext
from documents.pagenumbers import numbered_canvas

ROW_HEIGHT = 12 * mm  # room for a handwritten signature
CELL_PADDING = 12  # a table cell's default left and right padding, together


def _styles():
    pdftext.register_fonts()
    return {
        "title": ParagraphStyle("title", fontName=pdftext.SANS_BOLD, fontSize=15, leading=19),
        "meta": ParagraphStyle("meta", fontName=pdftext.SANS, fontSize=10, leading=13),
        "cell": ParagraphStyle("cell", fontName=pdftext.SANS, fontSize=10, leading=12),
        "head": ParagraphStyle("head", fontName=pdftext.SANS_BOLD, fontSize=10, leading=12),
    }


def _cell(text: str, width: float) -> str:
    """A value wrapped to its column in logical order, then each line put in reading order."""
    return pdftext.wrapped_markup(text, pdftext.SANS, 10, width - CELL_PADDING)


def sheet_language(event: TrainingEvent) -> str:
    """The sheet is read in the training room: its headings are in the event's language (the
    interface language when the event is delivered in it, else the first of the event's
    languages the application speaks, else the interface language)."""
    current = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    spoken = [code for code, _name in settings.LANGUAGES]
    delivered = set(event.languages.values_list("code", flat=True))
    if current in delivered or not delivered & set(spoken):
        return current
    return next(code for code in spoken if code in delivered)


def signin_sheet_pdf(day: EventDay) -> bytes:
    """A4 landscape PDF listing the day's participants (not withdrawn) with a signature column,
    its headings and dates in the event's language, its pages numbered "page x of y"."""
    with translation.override(sheet_language(day.event)):
        return _signin_sheet_pdf(day)


def _signin_sheet_pdf(day: EventDay) -> bytes:
    event = day.event
    styles = _styles()
    participants = (
        Enrolment.objects.filter(event=event).active().select_related("person__organisation")
        .order_by("person__family_name", "person__given_name", "pk")
    )
    place = event.venue or event.platform or (str(event.host_country) if event.host_country_id else "")
    page_width = landscape(A4)[0] - 30 * mm
    widths = [10 * mm, 0.36 * page_width, 0.30 * page_width, None]
    title_style = styles["title"].clone(
        "title", alignment=TA_RIGHT if pdftext.base_direction(event.title) == "R" else TA_LEFT
    )
    story = [
        Paragraph(pdftext.wrapped_markup(event.title, pdftext.SANS_BOLD, 15, page_width), title_style),
        # Each value is a bidi isolate: an Arabic day title must not pull the date into its run.
        Paragraph(pdftext.markup(" · ".join(pdftext.isolate(value) for value in filter(None, [
            _("Sign-in sheet"), format_day(day.date), day.title, place,
        ]))), styles["meta"]),
        Spacer(1, 5 * mm),
    ]
    head = [Paragraph(pdftext.markup(text), styles["head"]) for text in (
        "#", _("Name"), _("Organisation"), _("Signature"),
    )]
    rows = [head]
    for number, enrolment in enumerate(participants, start=1):
        person = enrolment.person
        name = _cell(person.full_name, widths[1])
        if person.latin_name and person.latin_name != person.full_name:
            name += "<br/>" + _cell(person.latin_name, widths[1])
        rows.append([
            Paragraph(str(number), styles["cell"]),
            Paragraph(name, styles["cell"]),
            Paragraph(_cell(str(person.organisation or ""), widths[2]), styles["cell"]),
            "",
        ])
    if len(rows) == 1:
        rows.append(["", Paragraph(pdftext.markup(_("Nobody is enrolled.")), styles["cell"]), "", ""])
    table = LongTable(
        rows, colWidths=widths,
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
    page_label = numbered_canvas(
        lambda page, pages: _("Page %(page)s of %(pages)s") % {"page": page, "pages": pages},
        font=pdftext.SANS, size=8, bottom=6 * mm,
    )
    document.build(story, canvasmaker=page_label)
    return buffer.getvalue()
