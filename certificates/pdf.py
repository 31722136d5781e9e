"""Drawing certificates with ReportLab's canvas, fast enough for batches of thousands.

Everything printed comes from the certificate's snapshot (`CertificateSheet`), which was
written in the holder's language at issue time, so rendering needs no database and no
translation lookups and prints what was certified then, not what the event says now.

Why it is fast (see bench/certificates.py):
- the canvas API, not platypus; text is measured once and drawn with drawString;
- the static part of the page (frame, programme line, logos, signatories) is drawn once
  per document as a Form XObject and reused by every page of a merged PDF;
- the QR code is one path of horizontal runs written as raw operators in module units,
  from segno's matrix with a fixed mask (segno's mask search costs more than drawing);
- fonts are registered once per process (documents.pdftext) and ReportLab embeds only the subset
  of glyphs used; images are read once per process.
"""

import copy
import hashlib
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils import translation
from django.utils.translation import ngettext
from reportlab import rl_config
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfdoc import PDFImageXObject
from reportlab.pdfgen.canvas import Canvas

from documents import pdftext

from .qr import qr_operators

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN = 36
NAVY = Color(0.05, 0.19, 0.38)
GOLD = Color(0.72, 0.56, 0.20)
GREY = Color(0.35, 0.35, 0.35)
STAMP_RED = Color(0.78, 0.1, 0.1, alpha=0.55)
# Binary streams instead of ASCII85: smaller files and no encoding pass. Only affects how
# streams are written, never what a PDF shows.
rl_config.useA85 = 0


@dataclass(frozen=True)
class Signatory:
    name: str
    title: str
    signature_path: str = ""


@dataclass(frozen=True)
class CertificateSheet:
    """Everything printed on one certificate, already in the holder's language."""

    title: str
    intro: str
    holder_name: str
    holder_latin_name: str
    lines: Sequence[str]
    details: Sequence[str]
    serial_label: str
    serial: str
    verify_url: str
    verify_hint: str
    issued_line: str
    programme_line: str
    signatories: Sequence[Signatory] = field(default_factory=tuple)
    logo_paths: Sequence[str] = field(default_factory=tuple)
    language: str = "en"
    # Printed across the page of a certificate that is no longer valid (revoked, superseded).
    stamp: str = ""
    # The curriculum modules taught, as "T-01 Title"; printed in full, on a second page if need be.
    modules_heading: str = ""
    modules: Sequence[str] = field(default_factory=tuple)

    @property
    def background_key(self) -> tuple:
        """Pages with the same key share one drawn background in a merged PDF."""
        return (self.title, self.programme_line, tuple(self.signatories), tuple(self.logo_paths))


# ---------------------------------------------------------------- text


def draw_text(
    canvas: Canvas,
    text: str,
    *,
    x: float,
    y: float,
    font: str,
    size: float,
    align: str = "centre",
    max_width: float | None = None,
    base_dir: str | None = None,
) -> None:
    """Draw one line, shaped and in visual order, in as many fonts as its scripts need;
    shrink it to fit `max_width`. A line of a wrapped paragraph takes the paragraph's
    direction (`pdftext.base_direction`) as `base_dir`."""
    pdftext.draw_string(
        canvas, x, y, text, font, size, align=align, max_width=max_width, base_dir=base_dir
    )


# ---------------------------------------------------------------- images


@lru_cache(maxsize=64)
def _encoded_image(path: str) -> PDFImageXObject | None:
    """An image decoded and compressed once per process; a missing or broken file is left out."""
    try:
        reader = ImageReader(path)
        image = PDFImageXObject(f"stceimg{hashlib.md5(path.encode()).hexdigest()}", reader, mask="auto")  # noqa: S324
    except Exception:  # noqa: BLE001 - a broken upload must not stop a batch
        return None
    smask = getattr(image, "_smask", None)
    if smask is not None:
        smask.name = f"{image.name}m"
    return image


def _draw_image_in_box(canvas: Canvas, path: str, x: float, y: float, w: float, h: float) -> None:
    """canvas.drawImage, minus the per-document decoding, hashing and compression.

    ReportLab would compress every signature and logo again in every document; here each
    document gets a copy of the object encoded once. The bookkeeping mirrors drawImage's.
    """
    template = _encoded_image(path)
    if template is None:
        return
    doc = canvas._doc
    reg_name = doc.getXObjectName(template.name)
    if doc.idToObject.get(reg_name) is None:
        image = copy.copy(template)
        canvas._setXObjects(image)
        doc.Reference(image, reg_name)
        doc.addForm(image.name, image)
        smask = getattr(template, "_smask", None)
        if smask is not None:
            smask = copy.copy(smask)
            canvas._setXObjects(smask)
            image.smask = doc.Reference(smask, doc.getXObjectName(smask.name))
            del image._smask
    scale = min(w / template.width, h / template.height)
    dw, dh = template.width * scale, template.height * scale
    canvas._currentPageHasImages = 1
    canvas.saveState()
    canvas.translate(x + (w - dw) / 2, y + (h - dh) / 2)
    canvas.scale(dw, dh)
    canvas.addLiteral(f"/{reg_name} Do")
    canvas.restoreState()
    canvas._formsinuse.append(template.name)


# ---------------------------------------------------------------- page


def _draw_background(canvas: Canvas, sheet: CertificateSheet) -> None:
    """What every certificate of one batch shares: frame, logos, title, signatories."""
    canvas.setStrokeColor(NAVY)
    canvas.setLineWidth(3)
    canvas.rect(MARGIN / 2, MARGIN / 2, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - MARGIN)
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(1)
    canvas.rect(MARGIN / 2 + 6, MARGIN / 2 + 6, PAGE_WIDTH - MARGIN - 12, PAGE_HEIGHT - MARGIN - 12)

    logos = list(sheet.logo_paths)[:4]
    if logos:
        box_w, box_h, gap = 110, 52, 18
        total = len(logos) * box_w + (len(logos) - 1) * gap
        x = (PAGE_WIDTH - total) / 2
        for path in logos:
            _draw_image_in_box(canvas, path, x, PAGE_HEIGHT - MARGIN - 62, box_w, box_h)
            x += box_w + gap

    canvas.setFillColor(GREY)
    draw_text(
        canvas,
        sheet.programme_line,
        x=PAGE_WIDTH / 2,
        y=PAGE_HEIGHT - MARGIN - 82,
        font=pdftext.SANS,
        size=11,
        max_width=PAGE_WIDTH - 4 * MARGIN,
    )
    canvas.setFillColor(NAVY)
    draw_text(
        canvas,
        sheet.title,
        x=PAGE_WIDTH / 2,
        y=PAGE_HEIGHT - MARGIN - 124,
        font=pdftext.SERIF_BOLD,
        size=32,
        max_width=PAGE_WIDTH - 4 * MARGIN,
    )
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(1.5)
    canvas.line(
        PAGE_WIDTH / 2 - 120, PAGE_HEIGHT - MARGIN - 138, PAGE_WIDTH / 2 + 120, PAGE_HEIGHT - MARGIN - 138
    )

    signatories = list(sheet.signatories)[:3]
    if signatories:
        slot = (PAGE_WIDTH - 2 * MARGIN - 180) / len(signatories)
        for index, signatory in enumerate(signatories):
            centre = MARGIN + slot * index + slot / 2
            if signatory.signature_path:
                _draw_image_in_box(canvas, signatory.signature_path, centre - 70, 108, 140, 42)
            canvas.setStrokeColor(GREY)
            canvas.setLineWidth(0.6)
            canvas.line(centre - 85, 104, centre + 85, 104)
            canvas.setFillColor(NAVY)
            draw_text(
                canvas, signatory.name, x=centre, y=90, font=pdftext.SANS_BOLD, size=10, max_width=slot - 10
            )
            canvas.setFillColor(GREY)
            draw_text(
                canvas, signatory.title, x=centre, y=77, font=pdftext.SANS, size=8.5, max_width=slot - 10
            )


def _draw_variable(canvas: Canvas, sheet: CertificateSheet) -> int:
    """What differs between certificates: holder, what was certified, serial, QR.

    Returns how many modules did not fit and go on a continuation page."""
    centre = PAGE_WIDTH / 2
    text_width = PAGE_WIDTH - 4 * MARGIN
    canvas.setFillColor(GREY)
    draw_text(canvas, sheet.intro, x=centre, y=PAGE_HEIGHT - MARGIN - 182, font=pdftext.SANS, size=13)
    canvas.setFillColor(NAVY)
    draw_text(
        canvas,
        sheet.holder_name,
        x=centre,
        y=PAGE_HEIGHT - MARGIN - 228,
        font=pdftext.SANS_BOLD,
        size=30,
        max_width=text_width,
    )
    y = PAGE_HEIGHT - MARGIN - 252
    if sheet.holder_latin_name:
        canvas.setFillColor(GREY)
        draw_text(
            canvas, sheet.holder_latin_name, x=centre, y=y, font=pdftext.SANS, size=12, max_width=text_width
        )
    y -= 34
    canvas.setFillColor(NAVY)
    for line in sheet.lines:
        direction = pdftext.base_direction(line)
        for wrapped in pdftext.wrap(line, pdftext.SANS, 13, text_width)[:3]:
            draw_text(canvas, wrapped, x=centre, y=y, font=pdftext.SANS, size=14, base_dir=direction)
            y -= 21
    y -= 8
    canvas.setFillColor(GREY)
    for detail in sheet.details:
        direction = pdftext.base_direction(detail)
        for wrapped in pdftext.wrap(detail, pdftext.SANS, 10, text_width)[:4]:
            draw_text(canvas, wrapped, x=centre, y=y, font=pdftext.SANS, size=10, base_dir=direction)
            y -= 14
    modules_left = _draw_module_list(canvas, sheet, top=y, width=text_width) if sheet.modules else 0

    # Bottom right: the QR code, and its address for typing in by hand.
    right = PAGE_WIDTH - MARGIN - 4
    qr_ops, side = qr_operators(sheet.verify_url, right - 90, MARGIN + 26)
    canvas.addLiteral(qr_ops)
    canvas.setFillColor(GREY)
    draw_text(
        canvas,
        sheet.verify_hint,
        x=right,
        y=MARGIN + 17,
        font=pdftext.SANS,
        size=6.5,
        align="right",
        max_width=220,
    )
    draw_text(
        canvas, sheet.verify_url, x=right, y=MARGIN + 8, font=pdftext.SANS, size=6, align="right",
        max_width=260,
    )
    # Bottom left: serial and date of issue.
    canvas.setFillColor(NAVY)
    draw_text(
        canvas,
        f"{sheet.serial_label} {sheet.serial}",
        x=MARGIN + 14,
        y=MARGIN + 22,
        font=pdftext.SANS_BOLD,
        size=9,
        align="left",
    )
    canvas.setFillColor(GREY)
    draw_text(
        canvas, sheet.issued_line, x=MARGIN + 14, y=MARGIN + 10, font=pdftext.SANS, size=8, align="left"
    )
    if sheet.stamp:
        _draw_stamp(canvas, sheet.stamp)
    return modules_left


MODULES_BOTTOM = 162  # above the signatures and the QR code
MODULE_SIZES = (10, 9, 8, 7.5)  # shrink to this floor before continuing on a second page


def _module_paragraph(heading: str, modules: Sequence[str], more: str = "") -> str:
    return " ".join(part for part in (heading, "; ".join(modules) + ("; " + more if more else "")) if part)


def _more_line(sheet: CertificateSheet, count: int) -> str:
    with translation.override(sheet.language):
        return ngettext(
            "and %(count)d more module, listed on the next page",
            "and %(count)d more modules, listed on the next page",
            count,
        ) % {"count": count}


def module_layout(sheet: CertificateSheet, *, top: float, width: float) -> tuple[float, list[str], int]:
    """(font size, wrapped lines, modules left for the next page) for the module list.

    Every module is printed: the list wraps, shrinks down to the floor size, and past that
    names as many modules as fit and continues on a second page.
    """
    def lines_available(size: float) -> int:
        return int((top - MODULES_BOTTOM) // (size * 1.35))

    full = _module_paragraph(sheet.modules_heading, sheet.modules)
    for size in MODULE_SIZES:
        lines = pdftext.wrap(full, pdftext.SANS, size, width)
        if len(lines) <= lines_available(size):
            return size, lines, 0
    size = MODULE_SIZES[-1]
    for shown in range(len(sheet.modules) - 1, -1, -1):
        paragraph = _module_paragraph(
            sheet.modules_heading, sheet.modules[:shown], _more_line(sheet, len(sheet.modules) - shown)
        )
        lines = pdftext.wrap(paragraph, pdftext.SANS, size, width)
        if len(lines) <= lines_available(size):
            return size, lines, len(sheet.modules) - shown
    return size, [], len(sheet.modules)


def _draw_module_list(canvas: Canvas, sheet: CertificateSheet, *, top: float, width: float) -> int:
    size, lines, left = module_layout(sheet, top=top, width=width)
    y = top
    direction = pdftext.base_direction(" ".join(lines))
    for line in lines:
        draw_text(canvas, line, x=PAGE_WIDTH / 2, y=y, font=pdftext.SANS, size=size, base_dir=direction)
        y -= size * 1.35
    return left


def _draw_module_continuation(canvas: Canvas, sheet: CertificateSheet) -> None:
    """The second page: every module of the certificate, in two columns, with the serial."""
    canvas.setStrokeColor(NAVY)
    canvas.setLineWidth(3)
    canvas.rect(MARGIN / 2, MARGIN / 2, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - MARGIN)
    canvas.setFillColor(NAVY)
    draw_text(canvas, sheet.holder_name, x=PAGE_WIDTH / 2, y=PAGE_HEIGHT - MARGIN - 30,
              font=pdftext.SANS_BOLD, size=16, max_width=PAGE_WIDTH - 4 * MARGIN)
    draw_text(canvas, sheet.modules_heading.rstrip(":："), x=PAGE_WIDTH / 2, y=PAGE_HEIGHT - MARGIN - 54,
              font=pdftext.SANS_BOLD, size=12, max_width=PAGE_WIDTH - 4 * MARGIN)
    column_width = (PAGE_WIDTH - 4 * MARGIN) / 2
    size = 9
    # A module's title that wraps is indented under its code.
    lines = [
        (line, 0 if index == 0 else 12, pdftext.base_direction(module))
        for module in sheet.modules
        for index, line in enumerate(pdftext.wrap(module, pdftext.SANS, size, column_width - 24))
    ]
    per_column = int((PAGE_HEIGHT - 2 * MARGIN - 100) // (size * 1.4))
    if len(lines) > 2 * per_column:
        size = max(6.0, size * 2 * per_column / len(lines))
        per_column = int((PAGE_HEIGHT - 2 * MARGIN - 100) // (size * 1.4))
    canvas.setFillColor(GREY)
    for index, (line, indent, direction) in enumerate(lines):
        column, row = divmod(index, per_column)
        x = 2 * MARGIN + column * column_width + indent
        draw_text(canvas, line, x=x, y=PAGE_HEIGHT - MARGIN - 84 - row * size * 1.4, font=pdftext.SANS,
                  size=size, align="left", max_width=column_width - 12 - indent, base_dir=direction)
    canvas.setFillColor(NAVY)
    draw_text(canvas, f"{sheet.serial_label} {sheet.serial}", x=MARGIN + 14, y=MARGIN + 10,
              font=pdftext.SANS_BOLD, size=9, align="left")
    if sheet.stamp:
        _draw_stamp(canvas, sheet.stamp)


def _draw_stamp(canvas: Canvas, text: str) -> None:
    canvas.saveState()
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(24)
    canvas.setFillColor(STAMP_RED)
    draw_text(canvas, text, x=0, y=-20, font=pdftext.SANS_BOLD, size=64, max_width=PAGE_WIDTH - 2 * MARGIN)
    canvas.restoreState()


def _new_canvas(buffer: io.BytesIO, title: str) -> Canvas:
    pdftext.register_fonts()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1, invariant=1)
    canvas.setTitle(title)
    canvas.setAuthor("WCO STCE Programme")
    return canvas


def _draw_pages(canvas: Canvas, sheets: Iterable[CertificateSheet]) -> None:
    forms: dict[tuple, str] = {}
    for sheet in sheets:
        form = forms.get(sheet.background_key)
        if form is None:
            form = f"bg{len(forms)}"
            canvas.beginForm(form)
            _draw_background(canvas, sheet)
            canvas.endForm()
            forms[sheet.background_key] = form
        canvas.doForm(form)
        modules_left = _draw_variable(canvas, sheet)
        canvas.showPage()
        if modules_left:
            _draw_module_continuation(canvas, sheet)
            canvas.showPage()


def render_certificate(sheet: CertificateSheet) -> bytes:
    """One certificate as its own PDF."""
    buffer = io.BytesIO()
    canvas = _new_canvas(buffer, f"{sheet.title} – {sheet.serial}")
    _draw_pages(canvas, [sheet])
    canvas.save()
    return buffer.getvalue()


def render_merged(sheets: Iterable[CertificateSheet], *, title: str = "Certificates") -> bytes:
    """Many certificates, one per page, in one PDF for printing."""
    buffer = io.BytesIO()
    canvas = _new_canvas(buffer, title)
    _draw_pages(canvas, sheets)
    canvas.save()
    return buffer.getvalue()
