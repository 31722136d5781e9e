import datetime

import factory

from accreditation.models import Expert, ExpertStatus
from courses.models import TrainingEvent
from courses.tests.factories import TrainingEventFactory
from people.tests.factories import PersonFactory


class ExpertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expert

    person = factory.SubFactory(PersonFactory)
    status = ExpertStatus.NOMINATED
    nominated_on = datetime.date(2017, 6, 1)


class WorkshopFactory(TrainingEventFactory):
    title = factory.Sequence(lambda n: f"Train-the-Trainer workshop {n}")
    kind = TrainingEvent.Kind.TTT
    status = TrainingEvent.Status.COMPLETED
    start_date = datetime.date(2017, 10, 17)
    end_date = datetime.date(2017, 10, 26)
