"""Demo tags: the two events modelled on real Information Notes serve the paragraphs their
notes cite (2021: OP 3 (c) and (d) of resolution 1540 (2004); December 2022: OPs 1, 9, 12
and 25 of resolution 2663 (2022))."""

from courses.demo import CHINA_2021, WORKSHOP_2022
from courses.models import TrainingEvent
from frameworks.models import EventFramework, OperativeParagraph, ProgrammeArea
from frameworks.reference import load_paragraphs
from frameworks.services.events import set_event_framework

TAGS = {
    CHINA_2021: (ProgrammeArea.TRAININGS, 1540, [3]),
    WORKSHOP_2022: (ProgrammeArea.TRAININGS, 2663, [1, 9, 12, 25]),
}


def seed(stdout) -> None:
    load_paragraphs()
    for title, (area, resolution, numbers) in TAGS.items():
        event = TrainingEvent.objects.filter(title=title).first()
        if event is None or EventFramework.objects.filter(event=event).exists():
            continue
        paragraphs = OperativeParagraph.objects.filter(resolution__number=resolution, number__in=numbers)
        set_event_framework(event=event, programme_area=area, paragraphs=paragraphs)
    stdout.write(f"Events tagged with resolution paragraphs: {EventFramework.objects.count()}.")
