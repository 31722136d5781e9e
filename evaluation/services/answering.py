"""A participant answers the pre-test, the post-test and the feedback from their own link.

When each part is open: the pre-test until the first day begins (all of the first day once a
trainer has opened it in the room), the post-test and the feedback from the last day until
`STCE_EVALUATION_DAYS_AFTER` days after it. A part is a list of screens, one question each;
answers are kept in the participant's session as they go (nothing in the evaluation's tables
until they submit, so an anonymous participant's half-answered test is never stored beside
their name) and written in one transaction on submission, once: a second submission is
refused by a unique constraint, not by a check that two requests could both pass.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.models import Enrolment, EventDay, TrainingEvent
from courses.services.attendance import event_today
from evaluation.models import (
    Answer,
    Answered,
    EventEvaluation,
    EventQuestion,
    FeedbackQuestion,
    Kind,
    ModuleResult,
    Response,
    in_language,
)
from evaluation.services.setup import agenda_modules, evaluation_of, fix_test
from people.errors import DomainError

DONT_KNOW = -1  # a choice on every knowledge question: counted as asked and not correct
CLOSED_STATUSES = {TrainingEvent.Status.DRAFT, TrainingEvent.Status.CANCELLED}


def days_after() -> int:
    return int(getattr(settings, "STCE_EVALUATION_DAYS_AFTER", 30))


@dataclass
class Window:
    open: bool
    message: str = ""


def window(event: TrainingEvent, evaluation: EventEvaluation, kind: str, today: datetime.date) -> Window:
    if event.status in CLOSED_STATUSES:
        return Window(False, _("This training is not taking place."))
    if kind == Kind.PRE:
        if today < event.start_date:
            return Window(True)
        if today == event.start_date and evaluation.opened_in_room_on == today:
            return Window(True)
        return Window(False, _("The pre-test closed when the training began."))
    if today < event.end_date:
        return Window(False, _("Opens on the last day of the training."))
    if today > event.end_date + datetime.timedelta(days=days_after()):
        closed = ngettext(
            "Closed %(days)d day after the training.",
            "Closed %(days)d days after the training.",
            days_after(),
        )
        return Window(False, closed % {"days": days_after()})
    return Window(True)


@dataclass
class Subject:
    key: str  # "" for a question asked once, "d<id>" for a day, "m<id>" for a module
    label: str
    day_id: int | None = None
    module_id: int | None = None
    language: str = ""  # "en" when the label is a module's English title in another language


@dataclass
class Screen:
    key: str
    text: str
    missing_translation: bool
    kind: str  # "choice", "rating" or "text"
    choices: list[tuple[int, str, str]] = field(default_factory=list)  # value, label, "en" if untranslated
    subjects: list[Subject] = field(default_factory=list)
    item: EventQuestion | None = None
    question: FeedbackQuestion | None = None
    module_label: str = ""
    module_language: str = "en"
    text_language: str = ""  # "en" when the text is the English fallback


def _test_screens(evaluation: EventEvaluation, language: str) -> list[Screen]:
    items = evaluation.items.select_related("version", "module").prefetch_related("module__translations")
    screens = []
    for item in items:
        text, text_missing = in_language(item.version.text, language)
        choices = []
        for value, choice in enumerate(item.version.choices):
            label, choice_missing = in_language(choice, language)
            choices.append((value, label, "en" if choice_missing else ""))
        module = item.module.localised(language)
        screens.append(
            Screen(
                key=f"i{item.pk}",
                text=text,
                text_language="en" if text_missing else "",
                missing_translation=text_missing or any(lang for _v, _l, lang in choices),
                kind="choice",
                choices=[*choices, (DONT_KNOW, _("I don't know"), "")],
                item=item,
                module_label=module.title,
                module_language=module.language,
            )
        )
    return screens


def feedback_questions(event: TrainingEvent):
    """The standard form's questions, then the event's own."""
    return FeedbackQuestion.objects.filter(Q(event__isnull=True) | Q(event=event), active=True).order_by(
        F("event").asc(nulls_first=True), "position", "pk"
    )


def _subjects(question: FeedbackQuestion, days: list, modules: list, language: str) -> list[Subject]:
    if question.scope == FeedbackQuestion.Scope.DAY:
        return [
            Subject(f"d{day.pk}", _("Day %(n)d") % {"n": n}, day_id=day.pk)
            for n, day in enumerate(days, start=1)
        ]
    if question.scope == FeedbackQuestion.Scope.MODULE:
        subjects = []
        for module in modules:
            shown = module.localised(language)
            subjects.append(
                Subject(
                    f"m{module.pk}",
                    shown.title,
                    module_id=module.pk,
                    language="en" if shown.is_fallback else "",
                )
            )
        return subjects
    return [Subject("", "")]


def _feedback_screens(event: TrainingEvent, language: str) -> list[Screen]:
    days = list(EventDay.objects.filter(event=event).order_by("date"))
    modules = agenda_modules(event)
    screens = []
    for question in feedback_questions(event):
        subjects = _subjects(question, days, modules, language)
        if not subjects:
            continue  # a question per module on an event with none on its agenda
        text, missing = in_language(question.text, language)
        screens.append(
            Screen(
                key=f"f{question.pk}",
                text=text,
                text_language="en" if missing else "",
                missing_translation=missing,
                kind="rating" if question.kind == FeedbackQuestion.Kind.RATING else "text",
                subjects=subjects,
                question=question,
            )
        )
    return screens


def screens_for(event: TrainingEvent, kind: str, language: str) -> list[Screen]:
    if kind == Kind.FEEDBACK:
        return _feedback_screens(event, language)
    return _test_screens(fix_test(event), language)


# Drafts live in the session, under a key that names the part without naming the person.
def _draft_key(event: TrainingEvent, kind: str, enrolment: Enrolment) -> str:
    tag = salted_hmac("evaluation.draft", f"{event.pk}:{kind}:{enrolment.pk}").hexdigest()[:20]
    return f"evaluation:{tag}"


def draft(session, event, kind, enrolment) -> dict:
    return dict(session.get(_draft_key(event, kind, enrolment), {}))


def keep_answer(session, event, kind, enrolment, screen: Screen, value) -> None:
    answers = draft(session, event, kind, enrolment)
    answers[screen.key] = value
    session[_draft_key(event, kind, enrolment)] = answers


def forget_draft(session, event, kind, enrolment) -> None:
    session.pop(_draft_key(event, kind, enrolment), None)


def has_answered(enrolment: Enrolment, kind: str) -> bool:
    return Answered.objects.filter(enrolment=enrolment, kind=kind).exists()


def unanswered(screens: list[Screen], answers: dict) -> list[int]:
    """Positions (from 1) of the knowledge questions still without an answer."""
    return [n for n, s in enumerate(screens, start=1) if s.kind == "choice" and s.key not in answers]


def _test_answers(screens, answers, response) -> tuple[list[Answer], dict[int, list[int]]]:
    rows, by_module = [], {}
    for screen in screens:
        choice = answers[screen.key]
        correct = choice in screen.item.version.correct
        rows.append(
            Answer(
                response=response,
                item=screen.item,
                module_id=screen.item.module_id,
                choice=None if choice == DONT_KNOW else choice,
                is_correct=correct,
            )
        )
        asked_correct = by_module.setdefault(screen.item.module_id, [0, 0])
        asked_correct[0] += 1
        asked_correct[1] += correct
    return rows, by_module


def _feedback_answers(screens, answers, response) -> list[Answer]:
    rows = []
    for screen in screens:
        given = answers.get(screen.key) or {}
        for subject in screen.subjects:
            value = given.get(subject.key)
            if value in (None, ""):
                continue
            rows.append(
                Answer(
                    response=response,
                    feedback_question=screen.question,
                    day_id=subject.day_id,
                    module_id=subject.module_id,
                    rating=value if screen.kind == "rating" else None,
                    text=value if screen.kind == "text" else "",
                )
            )
    return rows


def _keep_module_results(event, kind, by_module: dict[int, list[int]]) -> None:
    for module_id, (asked, correct) in by_module.items():
        ModuleResult.objects.get_or_create(event=event, module_id=module_id, kind=kind)
        ModuleResult.objects.filter(event=event, module_id=module_id, kind=kind).update(
            responses=F("responses") + 1, asked=F("asked") + asked, correct=F("correct") + correct
        )


def submit(
    *,
    event: TrainingEvent,
    kind: str,
    enrolment: Enrolment,
    screens: list[Screen],
    answers: dict,
    today: datetime.date,
) -> Response:
    """Writes the part's answers once; refuses a second submission and an incomplete test."""
    evaluation = evaluation_of(event)
    if not window(event, evaluation, kind, today).open:
        raise DomainError(_("This part is closed."))
    if unanswered(screens, answers):
        raise DomainError(_("Some questions have no answer yet."))
    person = enrolment.person
    try:
        with transaction.atomic():
            Answered.objects.create(enrolment=enrolment, kind=kind)
            response = Response.objects.create(
                event=event,
                kind=kind,
                enrolment=None if evaluation.anonymous else enrolment,
                gender=person.gender,
                country_id=person.country_id,
                submitted_on=today,
            )
            if kind == Kind.FEEDBACK:
                Answer.objects.bulk_create(_feedback_answers(screens, answers, response))
            else:
                rows, by_module = _test_answers(screens, answers, response)
                Answer.objects.bulk_create(rows)
                response.asked = len(rows)
                response.correct = sum(1 for r in rows if r.is_correct)
                response.save(update_fields=["asked", "correct"])
                _keep_module_results(event, kind, by_module)
    except IntegrityError as error:
        raise DomainError(
            _("You have already sent this part; thank you."), code="already_answered"
        ) from error
    return response


def today_for(event: TrainingEvent) -> datetime.date:
    return event_today(event)
