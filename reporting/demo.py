"""The programme's reach in the demo: the officials of the national and regional trainings
that the accreditation demo lays out (which it leaves without participants), so that the
dashboards show the description's "over 2,000 officials trained" over the demo's whole period.

The programme report over the demo's whole period (reporting.programme_report) states, as
the programme's description does: fifteen accreditation workshops in English, French,
Russian and Spanish; over 100 accredited and pre-accredited experts from over 50 countries
in all six regions; over 2,000 officials trained. Not the "36 national and regional trainings
run by the WCO": the demo lays out more of them (over a hundred) to give the dashboards
something to count by year and region; the report states the demo's own number.

Names are plainly synthetic ("Official 0412"); each official comes from the training's host
country and, where the seed has one, its customs administration. Runs after accreditation.demo.
"""

import random

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from courses.models import Enrolment, TrainingEvent
from people.models import Gender, Organisation, Person

EMAIL_PREFIX = "demo.official"
PER_TRAINING = 17
FEMALE_SHARE = 0.35


def _trainings_without_participants() -> list[TrainingEvent]:
    return list(
        TrainingEvent.objects.filter(
            kind__in=[TrainingEvent.Kind.NATIONAL, TrainingEvent.Kind.REGIONAL],
            status=TrainingEvent.Status.COMPLETED,
            end_date__lt=timezone.localdate(),
            enrolments__isnull=True,
        ).order_by("start_date", "pk")
    )


def seed(stdout) -> None:
    if Person.objects.filter(email__startswith=EMAIL_PREFIX).exists():
        stdout.write("Demo officials: already in place.")
        return
    rng = random.Random(2000)
    events = _trainings_without_participants()
    customs = {
        org.country_id: org.pk
        for org in Organisation.objects.filter(kind=Organisation.Kind.CUSTOMS).order_by("-pk")
    }
    people, seats = [], []
    for event in events:
        for _seat in range(PER_TRAINING):
            number = len(people) + 1
            female = rng.random() < FEMALE_SHARE
            people.append(Person(
                given_name="Official", family_name=f"{number:04d}",
                gender=Gender.FEMALE if female else Gender.MALE,
                country_id=event.host_country_id, organisation_id=customs.get(event.host_country_id),
                email=f"{EMAIL_PREFIX}{number:04d}@example.org",
            ))
            seats.append(event)
    people = bulk_create_with_history(people, Person, batch_size=500, default_change_reason="Demo data")
    enrolments = [Enrolment(event=event, person=person) for event, person in zip(seats, people, strict=True)]
    bulk_create_with_history(enrolments, Enrolment, batch_size=500, default_change_reason="Demo data")
    stdout.write(f"Demo officials: {len(people)} in {len(events)} national and regional trainings.")
