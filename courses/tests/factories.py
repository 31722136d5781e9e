import datetime

import factory

from courses.models import Enrolment, EventDay, Module, TrainerAssignment, TrainingEvent
from people.tests.factories import PersonFactory


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Module

    code = factory.Sequence(lambda n: f"M-{n:03d}")
    title = factory.Sequence(lambda n: f"Module {n}")
    hours = 2


class TrainingEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingEvent
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"National training {n}")
    kind = TrainingEvent.Kind.NATIONAL
    status = TrainingEvent.Status.CONFIRMED
    start_date = datetime.date(2021, 10, 18)
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=4))

    @factory.post_generation
    def with_days(self, create, extracted, **kwargs):
        """TrainingEventFactory(with_days=True) also creates one EventDay per date."""
        if create and extracted:
            for offset in range(self.duration_days):
                EventDay.objects.create(event=self, date=self.start_date + datetime.timedelta(days=offset))


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    event = factory.SubFactory(TrainingEventFactory)
    person = factory.SubFactory(PersonFactory)


class TrainerAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainerAssignment

    event = factory.SubFactory(TrainingEventFactory)
    person = factory.SubFactory(PersonFactory)
    role = TrainerAssignment.Role.LEAD
