"""An event's evaluation: its settings, and its test fixed from the modules on its agenda."""

from django.db import transaction
from django.utils.translation import gettext as _

from courses.models import AgendaItem, TrainingEvent
from evaluation.models import EventEvaluation, EventQuestion, Question, Response
from people.errors import DomainError


def evaluation_of(event: TrainingEvent) -> EventEvaluation:
    return EventEvaluation.objects.get_or_create(event=event)[0]


def agenda_modules(event: TrainingEvent) -> list:
    """The modules on the event's agenda, in the order they are taught (each once)."""
    items = (
        AgendaItem.objects.filter(day__event=event, module__isnull=False)
        .select_related("module")
        .prefetch_related("module__translations")
        .order_by("day__date", "position", "start_time", "pk")
    )
    return list(dict.fromkeys(item.module for item in items))


@transaction.atomic
def fix_test(event: TrainingEvent) -> EventEvaluation:
    """The event's test items, made once from the current version of each active question of
    its agenda's modules; later edits of the bank do not change a test already fixed."""
    evaluation = evaluation_of(event)
    evaluation = EventEvaluation.objects.select_for_update().get(pk=evaluation.pk)
    if evaluation.items.exists():
        return evaluation
    modules = agenda_modules(event)
    questions = Question.objects.filter(module__in=modules, active=True).prefetch_related("versions")
    by_module: dict[int, list] = {}
    for question in questions:
        if question.current_version is not None:
            by_module.setdefault(question.module_id, []).append(question)
    items, position = [], 0
    for module in modules:
        for question in by_module.get(module.pk, []):
            position += 1
            items.append(
                EventQuestion(
                    evaluation=evaluation, version=question.current_version, module=module, position=position
                )
            )
    EventQuestion.objects.bulk_create(items)
    return evaluation


@transaction.atomic
def save_settings(*, event: TrainingEvent, anonymous: bool, pass_mark: int | None) -> EventEvaluation:
    evaluation = EventEvaluation.objects.select_for_update().get(pk=evaluation_of(event).pk)
    if anonymous and pass_mark:
        raise DomainError(
            _(
                "A pass mark needs named results: an anonymous test cannot be linked to "
                "anybody's certificate."
            ),
            field="pass_mark",
        )
    answered = Response.objects.filter(event=event).exists()
    if answered and anonymous != evaluation.anonymous:
        raise DomainError(
            _("Participants have already answered under the current setting; it can no longer change."),
            field="anonymous",
        )
    evaluation.anonymous, evaluation.pass_mark = anonymous, pass_mark
    evaluation.save(update_fields=["anonymous", "pass_mark"])
    event.__dict__.pop("_evaluation_pass_mark", None)  # see evaluation.passing.pass_mark
    return evaluation


@transaction.atomic
def open_in_room(*, event: TrainingEvent, today) -> EventEvaluation:
    """Day one: a trainer opens the pre-test for the day, so participants answer it in the room."""
    if today != event.start_date:
        raise DomainError(_("The pre-test can be opened in the room on the first day only."))
    evaluation = EventEvaluation.objects.select_for_update().get(pk=evaluation_of(event).pk)
    evaluation.opened_in_room_on = today
    evaluation.save(update_fields=["opened_in_room_on"])
    return fix_test(event)
