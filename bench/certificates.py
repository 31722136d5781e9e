"""Certificates per second for a batch, against a straightforward ReportLab baseline.

Rates are certificates per CPU-second of this single-threaded process (time.process_time),
so that other work on the machine does not distort them: that is the rate on one core.

Both render the same certificates (same text, signatures, logo, QR content) side by side
in one run, on one core:
- ours: certificates.pdf (canvas, shared background form, QR as one path of runs),
  as one merged PDF and as one PDF per certificate;
- baseline: what one writes first with ReportLab: a new document per certificate,
  everything drawn per page, the QR code with reportlab.graphics' QrCodeWidget, images
  loaded per document, fonts subset per document, ReportLab's default stream encoding.
"""

import datetime
import io
import tempfile
import time
from pathlib import Path

from reportlab import rl_config
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.pdfgen.canvas import Canvas

NAMES = [
    ("José", "Núñez Peña", ""),
    ("Дмитрий", "Иванов", "Dmitry Ivanov"),
    ("伟", "王", "Wang Wei"),
    ("Amélie", "Dupré", ""),
    ("Айгерим", "Касымова", "Aigerim Kassymova"),
    ("秀英", "李", "Li Xiuying"),
    ("Łukasz", "Wiśniewski", ""),
    ("Wanjiru", "Kamau", ""),
]


def _make_images(media: Path) -> None:
    from PIL import Image, ImageDraw

    for folder in ("signatures", "logos"):
        (media / folder).mkdir(parents=True, exist_ok=True)
    for name in ("ana", "kunio"):
        image = Image.new("RGBA", (360, 110), (255, 255, 255, 0))
        draw = ImageDraw.Draw(image)
        for i in range(6):
            draw.arc((20 + i * 50, 20, 120 + i * 50, 90), 180, 360, fill=(20, 30, 90, 255), width=4)
        image.save(media / "signatures" / f"{name}.png")
    logo = Image.new("RGB", (400, 180), (255, 255, 255))
    ImageDraw.Draw(logo).rectangle((20, 20, 380, 160), outline=(0, 60, 120), width=12)
    logo.save(media / "logos" / "wco.png")


def _issue(count: int):
    """`count` completion certificates of one event, issued through the real service."""
    from django.conf import settings

    from certificates.issuing import issue_for_event
    from certificates.models import Certificate, Signatory
    from courses.models import Attendance, AttendanceStatus, Enrolment, EventDay, Module, TrainingEvent
    from people.models import Country, Organisation, Person, Region

    media = Path(settings.MEDIA_ROOT)
    _make_images(media)
    region, _ = Region.objects.get_or_create(code="AP", defaults={"name": "Asia/Pacific"})
    china, _ = Country.objects.get_or_create(code="CN", defaults={"name": "China", "region": region})
    Signatory.objects.create(
        name="Ana Hinojosa", title="Director, Compliance and Facilitation", signature="signatures/ana.png"
    )
    Signatory.objects.create(
        name="Kunio Mikuriya", title="Secretary General", signature="signatures/kunio.png"
    )
    wco = Organisation.objects.create(
        name="World Customs Organization", kind="international", logo="logos/wco.png"
    )
    event = TrainingEvent.objects.create(
        title="National training on Strategic Trade Control Enforcement",
        host_country=china,
        venue="Beijing",
        start_date=datetime.date(2021, 10, 18),
        end_date=datetime.date(2021, 10, 22),
    )
    event.organisers.add(wco)
    from courses.models import AgendaItem

    days = [
        EventDay.objects.create(event=event, date=event.start_date + datetime.timedelta(days=i))
        for i in range(5)
    ]
    for i, day in enumerate(days):
        module = Module.objects.create(code=f"T-{i + 1:02d}", title=f"Curriculum module {i + 1}", hours=6)
        AgendaItem.objects.create(day=day, module=module)
    people = Person.objects.bulk_create(
        Person(
            given_name=g,
            family_name=f"{f}{'' if i < len(NAMES) else i}",
            latin_name=latin,
            country=china,
            preferred_language=("en", "fr", "es", "ru")[i % 4],
        )
        for i, (g, f, latin) in enumerate(NAMES[i % len(NAMES)] for i in range(count))
    )
    enrolments = Enrolment.objects.bulk_create(Enrolment(event=event, person=p) for p in people)
    Attendance.objects.bulk_create(
        Attendance(enrolment=e, day=d, status=AttendanceStatus.PRESENT) for e in enrolments for d in days
    )
    issue_for_event(event=event, by=None)
    return list(Certificate.objects.filter(event=event).order_by("pk"))


# ------------------------------------------------------------------ baseline


def _baseline_pdf(sheet) -> bytes:
    """A straightforward certificate: everything drawn per document, QrCodeWidget for the code."""
    from certificates.pdf import GOLD, GREY, MARGIN, NAVY, PAGE_HEIGHT, PAGE_WIDTH
    from documents import pdftext

    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT))
    c.setStrokeColor(NAVY)
    c.setLineWidth(3)
    c.rect(MARGIN / 2, MARGIN / 2, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - MARGIN)
    c.setStrokeColor(GOLD)
    c.rect(MARGIN / 2 + 6, MARGIN / 2 + 6, PAGE_WIDTH - MARGIN - 12, PAGE_HEIGHT - MARGIN - 12)
    for index, path in enumerate(sheet.logo_paths):
        c.drawImage(
            path,
            PAGE_WIDTH / 2 - 55 + index * 120,
            PAGE_HEIGHT - MARGIN - 62,
            110,
            52,
            preserveAspectRatio=True,
            mask="auto",
        )
    c.setFillColor(GREY)
    c.setFont(pdftext.SANS, 11)
    c.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - MARGIN - 82, sheet.programme_line)
    c.setFillColor(NAVY)
    c.setFont(pdftext.SERIF_BOLD, 32)
    c.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - MARGIN - 124, sheet.title)
    c.setFont(pdftext.SANS, 13)
    c.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - MARGIN - 182, sheet.intro)
    name, font = pdftext.shape_for_pdf(sheet.holder_name, (pdftext.SANS_BOLD, pdftext.CJK))
    c.setFont(font, 30)
    c.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - MARGIN - 228, name)
    y = PAGE_HEIGHT - MARGIN - 286
    c.setFont(pdftext.SANS, 14)
    for line in sheet.lines:
        c.drawCentredString(PAGE_WIDTH / 2, y, line)
        y -= 21
    c.setFont(pdftext.SANS, 10)
    for line in sheet.details:
        c.drawCentredString(PAGE_WIDTH / 2, y, line)
        y -= 14
    slot = (PAGE_WIDTH - 2 * MARGIN - 180) / max(1, len(sheet.signatories))
    for index, signatory in enumerate(sheet.signatories):
        centre = MARGIN + slot * index + slot / 2
        if signatory.signature_path:
            c.drawImage(
                signatory.signature_path, centre - 70, 108, 140, 42, preserveAspectRatio=True, mask="auto"
            )
        c.setFont(pdftext.SANS_BOLD, 10)
        c.drawCentredString(centre, 90, signatory.name)
        c.setFont(pdftext.SANS, 8.5)
        c.drawCentredString(centre, 77, signatory.title)
    widget = QrCodeWidget(sheet.verify_url)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(80, 80, transform=[80 / (x1 - x0), 0, 0, 80 / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, c, PAGE_WIDTH - MARGIN - 94, MARGIN + 26)
    c.setFont(pdftext.SANS, 6)
    c.drawRightString(PAGE_WIDTH - MARGIN - 4, MARGIN + 8, sheet.verify_url)
    c.setFont(pdftext.SANS_BOLD, 9)
    c.drawString(MARGIN + 14, MARGIN + 22, f"{sheet.serial_label} {sheet.serial}")
    c.setFont(pdftext.SANS, 8)
    c.drawString(MARGIN + 14, MARGIN + 10, sheet.issued_line)
    c.showPage()
    c.save()
    return buffer.getvalue()


def _rate(count: int, seconds: float) -> float:
    return count / seconds if seconds else float("inf")


def run(quick: bool) -> list[tuple[str, float, str]]:
    from certificates.files import sheet_for
    from certificates.pdf import render_certificate, render_merged

    count = 100 if quick else 1000
    baseline_count = 50 if quick else 200
    certificates = _issue(count)

    # Warm-up outside the clock: font registration and glyph tables, once per process.
    render_certificate(sheet_for(certificates[0]))

    start = time.process_time()
    merged = render_merged([sheet_for(c) for c in certificates], title="Batch")
    merged_rate = _rate(count, time.process_time() - start)

    start = time.process_time()
    largest = 0
    for certificate in certificates:
        largest = max(largest, len(render_certificate(sheet_for(certificate))))
    separate_rate = _rate(count, time.process_time() - start)

    default_a85, rl_config.useA85 = rl_config.useA85, 1
    try:
        _baseline_pdf(sheet_for(certificates[0]))
        start = time.process_time()
        for certificate in certificates[:baseline_count]:
            _baseline_pdf(sheet_for(certificate))
        baseline_rate = _rate(baseline_count, time.process_time() - start)
    finally:
        rl_config.useA85 = default_a85

    with tempfile.NamedTemporaryFile(suffix=".pdf") as out:
        out.write(merged)
    return [
        ("certificates_merged_per_s", merged_rate, "/s"),
        ("certificates_separate_per_s", separate_rate, "/s"),
        ("certificates_baseline_per_s", baseline_rate, "/s"),
        ("ratio_certificates_vs_baseline", merged_rate / baseline_rate, "x"),
        ("ratio_separate_certificates_vs_baseline", separate_rate / baseline_rate, "x"),
        ("certificate_max_kb", largest / 1024, "KB"),
        ("certificates_merged_kb_per_page", len(merged) / 1024 / count, "KB"),
    ]
