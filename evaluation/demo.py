"""Demo evaluation: the demo question bank, and answers to the pre-test, the post-test and the
feedback for the delivered demo trainings whose agenda has modules with questions (most
participants answer; scores rise after the training). Deterministic: the same demo each run."""

import datetime
import random

from django.db import transaction

from courses.models import EventDay, TrainingEvent
from evaluation.demo_bank import BANK
from evaluation.models import Answer, Answered, FeedbackQuestion, Kind, Question, Response
from evaluation.services.answering import DONT_KNOW
from evaluation.services.bank import save_question
from evaluation.services.recount import recount_module_results
from evaluation.services.setup import agenda_modules, fix_test
from evaluation.standard import load_standard_questions

COMMENTS = [
    "More case studies from our region, please.",
    "The commodity identification exercise was the most useful part.",
    "Too much in too little time; a fifth day would help.",
    "Plus d’exercices pratiques avec de vrais documents.",
    "Muy útil para nuestro trabajo diario en la frontera.",
]


def _bank() -> None:
    from courses.models import Module

    modules = {m.code: m for m in Module.objects.filter(code__in={code for code, *_rest in BANK})}
    for code, text, choices, correct in BANK:
        module = modules.get(code)
        if module is None or Question.objects.filter(module=module, versions__text__en=text["en"]).exists():
            continue
        save_question(module=module, question=None, text=text, choices=choices, correct=[correct], by=None)


def _test_answers(rng, response, items, skill: float) -> list[Answer]:
    answers = []
    for item in items:
        right = rng.random() < skill
        wrong = [i for i in range(len(item.version.choices)) if i not in item.version.correct] or [DONT_KNOW]
        choice = item.version.correct[0] if right else rng.choice([*wrong, DONT_KNOW])
        answers.append(
            Answer(
                response=response,
                item=item,
                module_id=item.module_id,
                choice=None if choice == DONT_KNOW else choice,
                is_correct=right,
            )
        )
    response.asked, response.correct = len(answers), sum(a.is_correct for a in answers)
    return answers


def _feedback_answers(rng, response, questions, days, modules) -> list[Answer]:
    answers = []
    for question in questions:
        if question.kind == FeedbackQuestion.Kind.TEXT:
            if rng.random() < 0.3:
                answers.append(
                    Answer(response=response, feedback_question=question, text=rng.choice(COMMENTS))
                )
            continue
        subjects = (
            [(d.pk, None) for d in days]
            if question.scope == FeedbackQuestion.Scope.DAY
            else [(None, m.pk) for m in modules]
            if question.scope == FeedbackQuestion.Scope.MODULE
            else [(None, None)]
        )
        answers += [
            Answer(
                response=response,
                feedback_question=question,
                day_id=day,
                module_id=module,
                rating=rng.choice([3, 4, 4, 5, 5]),
            )
            for day, module in subjects
        ]
    return answers


@transaction.atomic
def _answer_event(event: TrainingEvent) -> int:
    rng = random.Random(event.pk)
    items = list(fix_test(event).items.select_related("version"))
    days = list(EventDay.objects.filter(event=event).order_by("date"))
    modules = agenda_modules(event)
    questions = list(FeedbackQuestion.objects.filter(event__isnull=True, active=True))
    enrolments = list(event.enrolments.active().select_related("person"))
    plans = [
        (Kind.PRE, 0.8, 0.45, event.start_date - datetime.timedelta(days=2)),
        (Kind.POST, 0.7, 0.8, event.end_date),
        (Kind.FEEDBACK, 0.7, 0, event.end_date),
    ]
    answered, responses, answers = [], [], []
    for kind, rate, skill, day in plans:
        for enrolment in enrolments:
            if rng.random() >= rate:
                continue
            answered.append(Answered(enrolment=enrolment, kind=kind))
            response = Response(
                event=event,
                kind=kind,
                gender=enrolment.person.gender,
                country_id=enrolment.person.country_id,
                submitted_on=day,
            )
            responses.append(response)
            answers.append((kind, response, rng.random() * 0.3 + skill - 0.15))
    Answered.objects.bulk_create(answered)
    rows = []
    for kind, response, skill in answers:
        rows += (
            _feedback_answers(rng, response, questions, days, modules)
            if kind == Kind.FEEDBACK
            else _test_answers(rng, response, items, skill)
        )
    Response.objects.bulk_create(responses)
    for row in rows:
        row.response_id = row.response.pk
    Answer.objects.bulk_create(rows, batch_size=2000)
    return len(responses)


def seed(stdout) -> None:
    load_standard_questions()
    _bank()
    events = (
        TrainingEvent.objects.delivered()
        .filter(days__items__module__evaluation_questions__isnull=False)
        .exclude(evaluation_responses__isnull=False)
        .distinct()
    )
    answered = [event for event in events if _answer_event(event)]
    recount_module_results(e.pk for e in answered)
    stdout.write(
        f"Evaluation: {Question.objects.count()} questions in the bank; answers for "
        f"{len(answered)} delivered trainings."
    )
