"""Objects that the permission matrix's URLs point at, built once per test.

The `trainer` persona is assigned to `world.event`; `other_trainer` is not.
"""

import datetime
from types import SimpleNamespace

from courses.models import Module, TrainerAssignment, TrainingEvent
from stce.tests.factories import PersonFactory


def build_world(*, trainer, other_trainer) -> SimpleNamespace:
    world = SimpleNamespace()
    world.person = PersonFactory()
    world.module = Module.objects.create(code="T-01", title="Definition and importance of STCE")
    world.event = TrainingEvent.objects.create(
        title="National training", start_date=datetime.date(2021, 10, 18),
        end_date=datetime.date(2021, 10, 22), status=TrainingEvent.Status.CONFIRMED,
    )
    TrainerAssignment.objects.create(
        event=world.event, person=trainer.person, role=TrainerAssignment.Role.LEAD
    )
    world.trainer, world.other_trainer = trainer, other_trainer
    _add_certificate(world)
    return world


def _add_certificate(world) -> None:
    """A participation certificate of `world.person` for `world.event` (which has no days yet)."""
    from courses.models import Enrolment
    from stce.certificates import issue_certificate
    from stce.models import Certificate

    Enrolment.objects.create(event=world.event, person=world.person)
    world.certificate = issue_certificate(
        kind=Certificate.Kind.PARTICIPATION, holder=world.person, event=world.event, by=None
    )
