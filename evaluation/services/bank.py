"""The question bank: knowledge questions per curriculum module, versioned, and the events' own
feedback questions."""

from django.db import transaction
from django.utils.translation import gettext as _

from courses.models import Module, TrainingEvent
from evaluation.models import EventQuestion, FeedbackQuestion, Question, QuestionVersion
from people.errors import DomainError


def _in_use(version: QuestionVersion) -> bool:
    return EventQuestion.objects.filter(version=version).exists()


@transaction.atomic
def save_question(
    *, module: Module, question: Question | None, text: dict, choices: list[dict], correct: list[int], by
) -> QuestionVersion:
    """A new question, or an edit of one. A version that an event's test holds is never changed:
    the edit becomes the next version, so the results of that test stay what was asked."""
    if not text.get("en"):
        raise DomainError(_("The question needs its English text."), field="text_en")
    if question is None:
        last = Question.objects.filter(module=module).order_by("-position").first()
        question = Question.objects.create(module=module, position=(last.position + 1) if last else 1)
    current = question.versions.order_by("-number").first()
    if current is not None and (current.text, current.choices, current.correct) == (text, choices, correct):
        return current
    if current is not None and not _in_use(current):
        current.text, current.choices, current.correct, current.created_by = text, choices, correct, by
        current.save(update_fields=["text", "choices", "correct", "created_by"])
        return current
    return QuestionVersion.objects.create(
        question=question,
        number=(current.number + 1) if current else 1,
        text=text,
        choices=choices,
        correct=correct,
        created_by=by,
    )


def set_active(*, question: Question, active: bool) -> Question:
    question.active = active
    question.save(update_fields=["active"])
    return question


def add_feedback_question(*, event: TrainingEvent, scope: str, kind: str, text: dict) -> FeedbackQuestion:
    last = FeedbackQuestion.objects.filter(event=event).order_by("-position").first()
    return FeedbackQuestion.objects.create(
        event=event, scope=scope, kind=kind, text=text, position=(last.position + 1) if last else 1
    )


def remove_feedback_question(*, question: FeedbackQuestion) -> None:
    """An answered question is retired (its answers stay in the results); else deleted."""
    from evaluation.models import Answer

    if Answer.objects.filter(feedback_question=question).exists():
        question.active = False
        question.save(update_fields=["active"])
    else:
        question.delete()
