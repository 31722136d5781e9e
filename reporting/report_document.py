"""A written report (donor, programme) as a PDF and an XLSX, from the dashboards' tables.

A `ReportDocument` is a title, a period, paragraphs of text and `reporting.tables.Table`s:
the same tables the dashboards show, so the PDF, the XLSX and the page cannot disagree.
Small counts are masked as the dashboards' exports mask them (reporting.exports); a table
with a masked cell is drawn without its chart, which would give the count away.
Charts are drawn with ReportLab's own graphics (bars, pies), from the table's chart data.
"""

import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as PdfTable

from documents import pdftext
from documents.spreadsheets import workbook_bytes

from .exports import MASK, SMALL_COUNT, export_columns, masked_rows, should_mask
from .tables import LABEL_KINDS, Table, _NumberFormat

PAGE_WIDTH = A4[0] - 30 * mm
CHART_HEIGHT = 55 * mm
MAX_CHART_CATEGORIES = 25


@dataclass
class ReportDocument:
    title: str
    period: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    # Headings with a sentence under them and no table (a place kept for what is to come).
    sections: list[tuple[str, str]] = field(default_factory=list)

    def masked(self) -> list[tuple[Table, list[list], bool]]:
        """Each table with its rows as printed, and whether a count in it was masked."""
        mask = should_mask()
        result = []
        for table in self.tables:
            rows = masked_rows(table, mask=mask)
            result.append((table, rows, any(MASK in row for row in rows)))
        return result


MASK_NOTE = "Counts from 1 to 4 are shown as <5; shares in those rows are left empty."


def masked_count(n: int) -> str:
    """A count of people as a sentence states it: "<5" for 1 to 4 where the dashboards mask."""
    return MASK if should_mask() and 0 < n < SMALL_COUNT else str(n)


def _styles() -> dict[str, ParagraphStyle]:
    pdftext.register_fonts()
    body = ParagraphStyle("body", fontName=pdftext.SANS, fontSize=9, leading=12)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=7.5, leading=9.5, textColor=colors.grey),
        "cell": ParagraphStyle("cell", parent=body, fontSize=7.5, leading=9),
        "number": ParagraphStyle("number", parent=body, fontSize=7.5, leading=9, alignment=TA_RIGHT),
        "head_narrow": ParagraphStyle(
            "head_narrow", parent=body, fontName=pdftext.SANS_BOLD, fontSize=6, leading=7.5
        ),
        "head": ParagraphStyle("head", parent=body, fontName=pdftext.SANS_BOLD, fontSize=7.5, leading=9),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName=pdftext.SANS_BOLD,
            fontSize=11,
            leading=14,
            spaceBefore=8,
            spaceAfter=4,
        ),
        "title": ParagraphStyle("title", parent=body, fontName=pdftext.SANS_BOLD, fontSize=16, leading=20),
    }


def _text(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(pdftext.wrapped_markup(str(text), style.fontName, style.fontSize, PAGE_WIDTH), style)


def _cell(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(pdftext.markup(str(text), style.fontName), style)


CELL_PADDING = 6  # ReportLab's default, left and right of every cell


def _column_widths(table: Table, head: ParagraphStyle) -> list[float]:
    """The first column (what a row is) weighs 3, other label columns 2, figures 1; then every
    column is widened to hold the longest word of its heading, taking the room from columns
    that have some to spare, so that no heading is cut inside a word ("Fonctionn-aires")."""
    weights = [3 if i == 0 else 2 if c.kind in LABEL_KINDS else 1 for i, c in enumerate(table.columns)]
    widths = [PAGE_WIDTH * w / sum(weights) for w in weights]
    needed = [
        max((stringWidth(word, head.fontName, head.fontSize) for word in str(c.label).split()), default=0)
        + 2 * CELL_PADDING
        + 1
        for c in table.columns
    ]
    short = sum(max(0.0, n - w) for n, w in zip(needed, widths, strict=True))
    spare = [max(0.0, w - n) for n, w in zip(needed, widths, strict=True)]
    if not short or sum(spare) < short:
        return widths  # nothing to move, or no room anywhere: keep the weights
    return [max(n, w - short * room / sum(spare)) for n, w, room in zip(needed, widths, spare, strict=True)]


def _pdf_table(table: Table, rows: list[list], styles) -> PdfTable:
    number = _NumberFormat()
    head = styles["head_narrow"] if len(table.columns) >= 8 else styles["head"]
    data = [[_cell(c.label, head) for c in table.columns]]
    for row in rows:
        cells = []
        for column, value in zip(table.columns, row, strict=True):
            shown = value if column.kind in LABEL_KINDS or value == MASK else number(value, column.kind)
            style = styles["cell"] if column.kind in LABEL_KINDS else styles["number"]
            cells.append(_cell("" if shown is None else shown, style))
        data.append(cells)
    pdf_table = PdfTable(data, colWidths=_column_widths(table, head), repeatRows=1)
    pdf_table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.grey),
                ("LINEBELOW", (0, 1), (-1, -1), 0.2, colors.lightgrey),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
            ]
        )
    )
    return pdf_table


def _legend(names_and_colours: list[tuple[str, str]], x: float, y: float) -> Legend:
    legend = Legend()
    legend.x, legend.y = x, y
    legend.fontName, legend.fontSize = pdftext.SANS, 7
    legend.alignment = "right"
    legend.dx = legend.dy = 6
    legend.deltay = 9
    legend.columnMaximum = 8
    room = PAGE_WIDTH - x - 12  # beside the swatch, to the page's right edge
    legend.colorNamePairs = [
        (colors.HexColor(colour), _fit_label(str(name), room)) for name, colour in names_and_colours
    ]
    return legend


def _style_axes(bars, labels: list[str], *, horizontal: bool, stacked: bool, most: float | None) -> None:
    bars.categoryAxis.labels.fontName = pdftext.SANS
    bars.categoryAxis.labels.fontSize = 7
    bars.valueAxis.labels.fontName = pdftext.SANS
    bars.valueAxis.labels.fontSize = 7
    bars.valueAxis.valueMin = 0
    if most is not None:
        bars.valueAxis.valueMax = most  # a share's axis ends at 100, a score's at its scale
    combine = sum if stacked else max
    highest = max((combine(values) for values in zip(*bars.data, strict=True)), default=0)
    if highest < 10:
        bars.valueAxis.valueStep = 1  # counts of people: no half a person on the axis
    if not horizontal and len(labels) > 8:
        bars.categoryAxis.labels.angle = 30
        bars.categoryAxis.labels.boxAnchor = "ne"


def _fit_label(text: str, width: float, size: float = 7) -> str:
    """A category name in at most two lines of `width` points, shortened with an ellipsis
    beyond: long module titles would otherwise run off the page's left edge."""
    pdftext.register_fonts()  # measured in the font it is drawn in
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and stringWidth(candidate, pdftext.SANS, size) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    lines.append(line)
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])]
    fitted = []
    for line in lines:
        while stringWidth(line, pdftext.SANS, size) > width and len(line) > 1:
            line = line[:-2].rstrip() + "…"
        fitted.append(line)
    return "\n".join(fitted)


def _lay_out_series(bars, chart: dict, labels: list[str], *, horizontal: bool) -> list[dict]:
    """Data, category names and axes of `bars`; returns the datasets in the order drawn.

    The page's chart says whether its series add up (people by gender) or stand side by side
    (scores before and after), and where the value axis ends; the PDF draws the same."""
    datasets = chart["data"]["datasets"]
    scales = chart.get("options", {}).get("scales", {})
    stacked = scales.get("x", {}).get("stacked", True)
    drawn = datasets[::-1] if horizontal and not stacked else datasets  # first series on top
    bars.data = [[float(v or 0) for v in d["data"][:MAX_CHART_CATEGORIES]] for d in drawn]
    bars.categoryAxis.categoryNames = labels
    if horizontal:  # names right-aligned beside their bars, first one on top as in the table
        bars.categoryAxis.categoryNames = [_fit_label(label, bars.x - 6) for label in labels]
        bars.categoryAxis.labels.textAnchor = "end"
        bars.categoryAxis.reverseDirection = 1
    bars.categoryAxis.style = "stacked" if stacked else "parallel"
    if not stacked:
        bars.groupSpacing, bars.barSpacing = 4, 1
    most = scales.get("x" if horizontal else "y", {}).get("max")
    _style_axes(bars, labels, horizontal=horizontal, stacked=stacked, most=most)
    return drawn


def _bar_drawing(chart: dict) -> Drawing | None:
    labels = [str(label) for label in chart["data"]["labels"]][:MAX_CHART_CATEGORIES]
    datasets = chart["data"]["datasets"]
    if not labels or not datasets:
        return None
    horizontal = chart.get("options", {}).get("indexAxis") == "y"
    height = max(CHART_HEIGHT, 7 * mm * len(labels)) if horizontal else CHART_HEIGHT
    drawing = Drawing(PAGE_WIDTH, height)
    bars = HorizontalBarChart() if horizontal else VerticalBarChart()
    bars.x, bars.y = (45 * mm, 8) if horizontal else (30, 30)
    bars.width = PAGE_WIDTH * 0.68 - bars.x
    bars.height = height - bars.y - 10
    drawn = _lay_out_series(bars, chart, labels, horizontal=horizontal)
    for index, dataset in enumerate(drawn):
        bars.bars[index].fillColor = colors.HexColor(dataset.get("backgroundColor", "#003a70"))
        bars.bars[index].strokeColor = None
    drawing.add(bars)
    drawing.add(
        _legend(
            [(d["label"], d.get("backgroundColor", "#003a70")) for d in datasets],
            PAGE_WIDTH * 0.71,
            height - 10,
        )
    )
    return drawing


def _pie_drawing(chart: dict) -> Drawing | None:
    dataset = chart["data"]["datasets"][0]
    values = [float(v or 0) for v in dataset["data"]]
    if not sum(values):
        return None
    drawing = Drawing(PAGE_WIDTH, CHART_HEIGHT)
    pie = Pie()
    pie.x, pie.y = 20, 10
    pie.width = pie.height = CHART_HEIGHT - 20
    pie.data = values
    pie.slices.strokeColor = colors.white
    for index, colour in enumerate(dataset.get("backgroundColor", [])):
        pie.slices[index].fillColor = colors.HexColor(colour)
    drawing.add(pie)
    pairs = list(
        zip(
            [str(label) for label in chart["data"]["labels"]],
            dataset.get("backgroundColor", []),
            strict=False,
        )
    )
    drawing.add(_legend(pairs, PAGE_WIDTH * 0.7, CHART_HEIGHT - 10))
    return drawing


def chart_drawing(chart: dict | None) -> Drawing | None:
    """The table's chart (Chart.js settings, as the dashboards draw it) as ReportLab graphics."""
    if not chart:
        return None
    if chart.get("type") == "bar":
        return _bar_drawing(chart)
    if chart.get("type") in ("pie", "doughnut"):
        return _pie_drawing(chart)
    return None


def render_pdf(document: ReportDocument) -> bytes:
    styles = _styles()
    story = [
        _text(document.title, styles["title"]),
        _text(document.period, styles["body"]),
        Spacer(1, 4 * mm),
    ]
    story += [_text(paragraph, styles["body"]) for paragraph in document.paragraphs]
    for table, rows, masked in document.masked():
        block = [_text(table.title, styles["h2"])]
        if rows:
            block.append(_pdf_table(table, rows, styles))
        else:
            block.append(_text(_("None in this period."), styles["body"]))
        notes = [table.note] if table.note else []
        if masked:
            notes.append(_(MASK_NOTE))
        block += [_text(note, styles["small"]) for note in notes]
        drawing = None if masked or not rows else chart_drawing(table.chart)
        story.append(KeepTogether(block[:2]))
        story += block[2:]
        if drawing is not None:
            story += [Spacer(1, 2 * mm), drawing]
    for heading, text in document.sections:
        story += [_text(heading, styles["h2"]), _text(text, styles["body"])]
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=document.title,
        author="WCO STCE Programme",
    ).build(story)
    return buffer.getvalue()


def render_xlsx(document: ReportDocument) -> bytes:
    """One sheet for the text (title, period, paragraphs), then one sheet per table."""
    from documents.spreadsheets import Column as SheetColumn

    summary_rows = [[p] for p in document.paragraphs] + [[f"{h}: {t}"] for h, t in document.sections]
    sheets = [
        (_("Summary"), [SheetColumn(document.title, lambda r: r[0])], summary_rows, "", [document.period])
    ]
    for table, rows, masked in document.masked():
        notes = [table.note] if table.note else []
        if masked:
            notes.append(_(MASK_NOTE))
        sheets.append((table.title, export_columns(table), rows, table.title, notes))
    return workbook_bytes(sheets)
