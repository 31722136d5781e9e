"""Shared set-up for the certificate tests: completed participants, PDFs read back."""

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from courses.models import Attendance, AttendanceStatus, Enrolment, EventDay
from courses.tests.factories import TrainingEventFactory
from people.tests.factories import PersonFactory


def event_with_days(**kwargs):
    return TrainingEventFactory(with_days=True, **kwargs)


def enrol(event, person=None, *, attended_days: int | None = None, **person_kwargs) -> Enrolment:
    """Enrol a person and record attendance: every day present unless `attended_days` says fewer."""
    person = person or PersonFactory(**person_kwargs)
    enrolment = Enrolment.objects.create(event=event, person=person)
    days = list(EventDay.objects.filter(event=event).order_by("date"))
    attended = len(days) if attended_days is None else attended_days
    Attendance.objects.bulk_create(
        Attendance(
            enrolment=enrolment,
            day=day,
            status=AttendanceStatus.PRESENT if index < attended else AttendanceStatus.ABSENT,
        )
        for index, day in enumerate(days)
    )
    return enrolment


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def decode_qr_codes(data: bytes) -> list[str]:
    """Every QR code zbarimg finds on the pages, rendered at 150 dpi by pdftoppm."""
    if not shutil.which("zbarimg") or not shutil.which("pdftoppm"):
        pytest.skip("zbarimg (zbar-tools) and pdftoppm (poppler-utils) are needed to decode QR codes")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "certificate.pdf"
        source.write_bytes(data)
        subprocess.run(["pdftoppm", "-r", "150", "-png", str(source), str(Path(tmp) / "page")], check=True)
        found = []
        for image in sorted(Path(tmp).glob("page*.png")):
            result = subprocess.run(
                ["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True, check=False
            )
            found += [line for line in result.stdout.splitlines() if line]
        return found
