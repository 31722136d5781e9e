"""Demo certificates: two signatories and the certificates of one finished training.

Runs after courses.demo (see seed_demo.DEMO_MODULES). Idempotent: issuing is skipped for
participants who already hold a certificate.
"""

import datetime
import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from certificates.models import Signatory
from people.models import Country, Person

DEMO_EVENT_TITLE = "Regional training on Strategic Trade Control Enforcement (demo)"


def _signature_png(seed: int) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (360, 110), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    for i in range(5):
        box = (20 + i * 55, 20 + (seed * 7 + i * 13) % 30, 110 + i * 55, 95)
        draw.arc(box, 190, 350, fill=(20, 30, 90, 255), width=4)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def seed_signatories() -> None:
    for position, (name, title) in enumerate(
        [
            ("Ana Hinojosa", "Director, Compliance and Facilitation"),
            ("Kunio Mikuriya", "Secretary General"),
        ]
    ):
        signatory, created = Signatory.objects.get_or_create(
            name=name, defaults={"title": title, "position": position}
        )
        if created or not signatory.signature:
            path = default_storage.save(
                f"signatures/demo-{position}.png", ContentFile(_signature_png(position))
            )
            signatory.signature = path
            signatory.save(update_fields=["signature"])


def _demo_event():
    from courses.models import Attendance, AttendanceStatus, Enrolment, EventDay, TrainingEvent

    # Finished some ten weeks before the day seed_demo runs, Monday to Thursday.
    today = timezone.localdate()
    start = today - datetime.timedelta(weeks=10, days=today.weekday())

    event, created = TrainingEvent.objects.get_or_create(
        title=DEMO_EVENT_TITLE,
        defaults=dict(
            kind=TrainingEvent.Kind.REGIONAL,
            status=TrainingEvent.Status.COMPLETED,
            host_country=Country.objects.filter(code="KZ").first(),
            venue="Astana",
            start_date=start,
            end_date=start + datetime.timedelta(days=3),
        ),
    )
    if not created:
        return event
    days = [
        EventDay.objects.create(event=event, date=event.start_date + datetime.timedelta(days=i))
        for i in range(4)
    ]
    people = list(Person.objects.filter(email__startswith="demo.person").order_by("email")[:10])
    for index, person in enumerate(people):
        enrolment = Enrolment.objects.create(event=event, person=person)
        attended = 4 if index < 8 else 1  # two participants fall short of the 80% rule
        for day_index, day in enumerate(days):
            status = AttendanceStatus.PRESENT if day_index < attended else AttendanceStatus.ABSENT
            Attendance.objects.create(enrolment=enrolment, day=day, status=status)
    return event


def seed(stdout=None) -> None:
    from certificates.issuing import issue_for_event

    seed_signatories()
    event = _demo_event()
    result = issue_for_event(event=event, by=None)
    if stdout:
        stdout.write(f"Certificates: {len(result.issued)} issued for the demo training.")
