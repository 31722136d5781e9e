from evaluation.models import FeedbackQuestion
from evaluation.services.bank import save_question
from people.tests.permissions import Case, everyone, ladder


def _event(w):
    return {"pk": w.event.pk}


def _module(w):
    return {"pk": w.module.pk}


def _question(w):
    version = save_question(
        module=w.module,
        question=None,
        text={"en": "Matrix question"},
        choices=[{"en": "A"}, {"en": "B"}],
        correct=[0],
        by=None,
    )
    return {"pk": version.question_id}


def _feedback_question(w):
    question = FeedbackQuestion.objects.create(event=w.event, text={"en": "Matrix feedback"})
    return {"pk": w.event.pk, "question_pk": question.pk}


def _participant(w, **more):
    return {"token": w.personal_token, **more}


def _pre_test(w, **more):
    """The world's upcoming event, with a module on its agenda that has a question."""
    from courses.models import AgendaItem, EventDay, TrainingEvent
    from courses.services.personal_links import read_token

    event_id, _person_id = read_token(w.personal_token)
    if not AgendaItem.objects.filter(day__event_id=event_id).exists():
        _question(w)
        event = TrainingEvent.objects.get(pk=event_id)
        day = EventDay.objects.get_or_create(event=event, date=event.start_date)[0]
        AgendaItem.objects.create(day=day, module=w.module, position=1)
    return _participant(w, kind="pre", **more)


CASES = [
    Case("evaluation:bank", ladder()),
    Case("evaluation:module-questions", ladder(), kwargs=_module),
    Case("evaluation:question-create", ladder(admin=403), kwargs=_module),
    Case("evaluation:question-edit", ladder(admin=403), kwargs=_question),
    Case("evaluation:question-active", ladder(coord=302, admin=403), method="post", kwargs=_question),
    Case("evaluation:event", ladder(admin=403), kwargs=_event),
    Case("evaluation:fix-test", ladder(coord=302, admin=403), method="post", kwargs=_event),
    Case(
        "evaluation:feedback-question-remove",
        ladder(coord=302, admin=403),
        method="post",
        kwargs=_feedback_question,
    ),
    Case("evaluation:results", ladder(), kwargs=_event),
    Case("evaluation:results", ladder(), kwargs=_event, query={"export": "modules", "format": "xlsx"}),
    Case("evaluation:results", ladder(), kwargs=_event, query={"export": "comments", "format": "csv"}),
    # A trainer opens the pre-test in the room of their own event only.
    Case("evaluation:room", ladder(trainer=200, other=404, admin=403), kwargs=_event),
    # The participant's pages answer to their signed link, whoever holds it; the world's
    # upcoming event's pre-test is open.
    Case("evaluation:overview", everyone(), kwargs=_participant),
    Case("evaluation:step", everyone(), kwargs=lambda w: _pre_test(w, number=1)),
    Case("evaluation:review", everyone(), kwargs=_pre_test),
]
