"""The PDF form of a person's data export (the JSON export is the complete, machine-readable one)."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from documents import pdftext
from people.privacy import export_titles

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


def _history_lines(entries: list[dict], subheading: ParagraphStyle, body: ParagraphStyle) -> list:
    story = []
    for entry in entries:
        changes = "; ".join(f"{field}: {old} → {new}" for field, (old, new) in entry["changes"].items())
        line = f"{_text(timezone.localtime(entry['when']))} · {entry['type']}"
        if entry["reason"]:
            line += f" · {entry['reason']}"
        story.append(Paragraph(pdftext.markup(line), subheading))
        if changes:
            story.append(Paragraph(pdftext.markup(changes), body))
    return story


def _related_section(section: dict, styles: dict) -> list:
    heading, subheading, body = styles["heading"], styles["subheading"], styles["body"]
    story = [Paragraph(pdftext.markup(f"{section['title'][:1].upper()}{section['title'][1:]}"), heading)]
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
    return story


def _hook_section(title: str, rows: list[dict], styles: dict) -> list:
    """A section an app added (people.privacy.register_export): each row's "text", its fields,
    and its lists of history entries."""
    heading, subheading, body = styles["heading"], styles["subheading"], styles["body"]
    story = [Paragraph(pdftext.markup(str(title)), heading)]
    if not rows:
        story.append(Paragraph(pdftext.markup(_("None.")), body))
    for row in rows:
        story.append(Paragraph(pdftext.markup(str(row.get("text") or f"#{row.get('id')}")), subheading))
        fields = {k: v for k, v in row.items() if k != "text" and not isinstance(v, list)}
        story.append(_field_table(fields, body))
        for key, entries in row.items():
            if not isinstance(entries, list):
                continue
            story.append(Paragraph(pdftext.markup(key.replace("_", " ")), subheading))
            if all(isinstance(e, dict) and {"when", "type", "reason", "changes"} <= set(e) for e in entries):
                story += _history_lines(entries, body, body)
            else:  # a plain list: one line each
                story += [Paragraph(pdftext.markup("• " + _text(e)), body) for e in entries]
    return story


def _attach(files: list[tuple[str, bytes]]):
    """A page callback that embeds `files` in the PDF (its EmbeddedFiles name tree: readers
    list them as attachments). Done once, on the first page, when the document exists."""

    def on_page(canvas, document_template):
        document = canvas._doc
        if not files or getattr(document, "_stce_files_attached", False):
            return
        document._stce_files_attached = True
        names = []
        for name, data in files:
            size = PDFDictionary({"Size": len(data)})
            stream = PDFStream(PDFDictionary({"Type": PDFName("EmbeddedFile"), "Params": size}), content=data)
            spec = PDFDictionary({
                "Type": PDFName("Filespec"), "F": PDFString(name), "UF": PDFString(name),
                "EF": PDFDictionary({"F": document.Reference(stream)}),
            })
            names += [PDFString(name), document.Reference(spec)]
        document.Catalog.Names = PDFDictionary({"EmbeddedFiles": PDFDictionary({"Names": PDFArray(names)})})

    return on_page


def person_export_pdf(export: dict, files: list[tuple[str, bytes]] = ()) -> bytes:
    """Render `people.privacy.person_export(...)` as an A4 PDF with the shipped fonts, with
    `files` (people.privacy.person_export_files) attached."""
    pdftext.register_fonts()
    bold = pdftext.SANS_BOLD
    title = ParagraphStyle("title", fontName=bold, fontSize=16, leading=20, spaceAfter=6)
    styles = {
        "heading": ParagraphStyle("heading", fontName=bold, fontSize=12, leading=15, spaceBefore=10),
        "subheading": ParagraphStyle("subheading", fontName=bold, fontSize=9.5, leading=12, spaceBefore=6),
        "body": ParagraphStyle("body", fontName=pdftext.SANS, fontSize=8.5, leading=11),
    }
    body = styles["body"]

    person = export["person"]
    name = " ".join(p for p in (person.get("given_name"), person.get("family_name")) if p)
    story = [
        Paragraph(
            pdftext.markup(_("Personal data held on %(name)s") % {"name": pdftext.isolate(name)}), title
        ),
        Paragraph(pdftext.markup(_("Exported on %(when)s by the WCO STCE Training & Accreditation Manager.")
                             % {"when": _text(timezone.localtime(export["exported_at"]))}), body),
        Paragraph(pdftext.markup(_("Person record")), styles["heading"]),
        _field_table(person, body),
    ]
    hooks = {key: section_title for key, section_title in export_titles().items() if key in export}
    for key, section in export["related"].items():
        if key not in hooks:  # an app's own section tells more about these rows (below)
            story += _related_section(section, styles)
    for key, section_title in hooks.items():
        story += _hook_section(section_title, export[key], styles)
    story.append(Paragraph(pdftext.markup(_("History of the person record")), styles["heading"]))
    story += _history_lines(export["history"], styles["subheading"], body)
    story.append(Spacer(1, 6 * mm))

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm, bottomMargin=18 * mm,
        title=_("Personal data export"), author="WCO STCE Programme",
    )
    attach = _attach(list(files))
    document.build(story, onFirstPage=attach, onLaterPages=attach)
    return buffer.getvalue()
