"""Demo tags: every event's programme area (from its kind); the two events modelled on real
Information Notes serve the paragraphs their notes cite (2021: OP 3 (c) and (d) of resolution
1540 (2004); December 2022: OPs 1, 9, 12 and 25 of resolution 2663 (2022)).
One demo donor funds exactly three events (its donor report: reporting.donor)."""

from simple_history.utils import bulk_create_with_history

from courses.demo import CHINA_2021, WORKSHOP_2022
from courses.models import TrainingEvent
from frameworks.models import EventFramework, FundingSource, OperativeParagraph, ProgrammeArea
from frameworks.reference import load_paragraphs
from frameworks.services.events import add_funding_source, set_event_framework
from people.models import Organisation

# One demo donor funds exactly three events: the two modelled on real Information Notes and the
# first national or regional training still to come (so its donor report has the plan too).
DEMO_DONOR = "Demo Donor – Strategic Trade Fund"
DEMO_DONOR_SHORT = "DEMO-DONOR"
DEMO_GRANT = "STCE Phase II"

TAGS = {
    CHINA_2021: (ProgrammeArea.TRAININGS, 1540, [3]),
    WORKSHOP_2022: (ProgrammeArea.TRAININGS, 2663, [1, 9, 12, 25]),
}


# The programme area follows from the kind of event (awareness workshops have none of their own).
AREA_OF_KIND = {
    TrainingEvent.Kind.TTT: ProgrammeArea.ACCREDITATION,
    TrainingEvent.Kind.NATIONAL: ProgrammeArea.TRAININGS,
    TrainingEvent.Kind.REGIONAL: ProgrammeArea.TRAININGS,
    TrainingEvent.Kind.EXERCISE: ProgrammeArea.EXERCISES,
    TrainingEvent.Kind.OUTREACH: ProgrammeArea.OUTREACH,
}


def _areas() -> None:
    untagged = TrainingEvent.objects.filter(framework__isnull=True, kind__in=list(AREA_OF_KIND))
    frameworks = [EventFramework(event_id=pk, programme_area=AREA_OF_KIND[kind])
                  for pk, kind in untagged.values_list("pk", "kind")]
    bulk_create_with_history(frameworks, EventFramework, batch_size=500, default_change_reason="Demo data")


def _funded_by_demo_donor() -> list[TrainingEvent]:
    named = list(TrainingEvent.objects.filter(title__in=[CHINA_2021, WORKSHOP_2022]).order_by("start_date"))
    upcoming = (
        TrainingEvent.objects.scheduled()
        .filter(kind__in=[TrainingEvent.Kind.NATIONAL, TrainingEvent.Kind.REGIONAL])
        .order_by("start_date", "pk").first()
    )
    return named + ([upcoming] if upcoming else [])


def seed_funding(stdout) -> None:
    donor, _created = Organisation.objects.get_or_create(
        name=DEMO_DONOR, defaults={"short_name": DEMO_DONOR_SHORT, "kind": Organisation.Kind.OTHER},
    )
    if FundingSource.objects.filter(donor=donor).exists():
        return
    for event in _funded_by_demo_donor():
        add_funding_source(event=event, donor=donor, grant=DEMO_GRANT)
    funded = FundingSource.objects.filter(donor=donor).count()
    stdout.write(f"Demo donor: {donor.name} funds {funded} events.")


def seed(stdout) -> None:
    load_paragraphs()
    seed_funding(stdout)
    for title, (area, resolution, numbers) in TAGS.items():
        event = TrainingEvent.objects.filter(title=title).first()
        if event is None or EventFramework.objects.filter(event=event).exists():
            continue
        paragraphs = OperativeParagraph.objects.filter(resolution__number=resolution, number__in=numbers)
        set_event_framework(event=event, programme_area=area, paragraphs=paragraphs)
    _areas()
    with_area = EventFramework.objects.exclude(programme_area="").count()
    tagged = EventFramework.objects.filter(paragraphs__isnull=False).distinct().count()
    stdout.write(f"Events with a programme area: {with_area}; tagged with resolution paragraphs: {tagged}.")
