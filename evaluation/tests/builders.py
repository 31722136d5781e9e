"""Events with a test, and participants' answers, for the evaluation's tests and benchmarks."""

import datetime

from courses.models import AgendaItem, EventDay
from courses.tests.factories import EnrolmentFactory, ModuleFactory, TrainingEventFactory
from evaluation.models import Kind
from evaluation.services import answering
from evaluation.services.bank import save_question
from evaluation.services.setup import fix_test
from evaluation.standard import load_standard_questions


def question(module, text="Which convention?", *, choices=("A", "B", "C"), correct=(0,), translations=None):
    texts = {"en": text, **(translations or {})}
    return save_question(
        module=module,
        question=None,
        text=texts,
        choices=[{"en": c} for c in choices],
        correct=list(correct),
        by=None,
    ).question


def event_with_agenda(modules, *, start=None, days=2, **options):
    load_standard_questions()  # a transactional test before this one may have flushed them
    start = start or datetime.date.today() + datetime.timedelta(days=10)
    event = TrainingEventFactory(
        start_date=start, end_date=start + datetime.timedelta(days=days - 1), **options
    )
    for offset in range(days):
        EventDay.objects.create(event=event, date=start + datetime.timedelta(days=offset))
    first = event.days.order_by("date").first()
    for position, module in enumerate(modules, start=1):
        AgendaItem.objects.create(day=first, module=module, position=position)
    return event


def answer(enrolment, kind, choices_by_position=None, *, feedback=None, today=None):
    """Submits a part for `enrolment`: test choices by question position (1-based; DONT_KNOW
    allowed), or feedback answers by screen key. `today` defaults to a day the part is open."""
    event = enrolment.event
    screens = answering.screens_for(event, kind, "en")
    if kind == Kind.FEEDBACK:
        answers = feedback or {}
    else:
        answers = {s.key: choices_by_position[n] for n, s in enumerate(screens, start=1)}
    if today is None:
        today = event.start_date - datetime.timedelta(days=1) if kind == Kind.PRE else event.end_date
    return answering.submit(
        event=event, kind=kind, enrolment=enrolment, screens=screens, answers=answers, today=today
    )


def enrol(event, **person):
    return EnrolmentFactory(event=event, **({"person__" + k: v for k, v in person.items()}))


__all__ = ["ModuleFactory", "answer", "enrol", "event_with_agenda", "fix_test", "question"]
