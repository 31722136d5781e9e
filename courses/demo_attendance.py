"""Demo attendance: the past days of the demo events get a plausible sheet. Idempotent.

Today's sheet of the training running this week is left blank, for the demo trainer to take.

Runs after courses.demo (which creates the events and enrolments); a day that already has
any record is left as it is.
"""

import random

from django.contrib.auth.models import User

from courses.models import Attendance, AttendanceStatus, EventDay, TrainingEvent
from courses.services.attendance import AttendanceEntry, cell_refusal, event_today, save_attendance

WEIGHTS = {
    AttendanceStatus.PRESENT: 80, AttendanceStatus.LATE: 8,
    AttendanceStatus.EXCUSED: 5, AttendanceStatus.ABSENT: 7,
}


def seed(stdout) -> None:
    by = User.objects.filter(username="trainer").first()
    rng = random.Random(2026)
    sheets = 0
    days = EventDay.objects.select_related("event").exclude(pk__in=Attendance.objects.values("day_id"))
    for day in days.order_by("date"):
        today = event_today(day.event)
        if day.date >= today:
            continue  # today's sheet of the training under way is the demo trainer's to take
        enrolments = day.event.enrolments.select_related("person")
        entries = [
            AttendanceEntry(
                enrolment_id=enrolment.pk, day_id=day.pk,
                status=rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0],
            )
            for enrolment in enrolments if not cell_refusal(enrolment, day, today)
        ]
        if not entries:
            continue
        # Completed demo events are locked; their history is seeded as if taken at the time.
        locked = day.event.attendance_locked
        if locked:
            TrainingEvent.objects.filter(pk=day.event_id).update(attendance_locked=False)
        save_attendance(day=day, entries=entries, by=by)
        if locked:
            TrainingEvent.objects.filter(pk=day.event_id).update(attendance_locked=True)
        sheets += 1
    stdout.write(f"Demo attendance: {sheets} day sheets recorded.")
