"""The evaluation's two heavy readers, measured side by side in one run (issue 18's targets:
each at most 300 ms on SQLite):

- an event's results page at 500 participants × 40 questions (pre-test, post-test and feedback
  from everyone: 40,000 test answers) against the same page at 50 participants;
- the programme's knowledge-gain figures (the dashboard's three tables) over 2,000 delivered
  events against 200.

Prints `evaluation_results_page_500x40_ms`, `evaluation_results_page_50x40_ms`, their ratio,
`evaluation_programme_figures_2000_events_ms`, `evaluation_programme_figures_200_events_ms`
and their ratio.
"""

import datetime
import random
import statistics
import time

QUESTIONS = 40
MODULES = 8


def _median_ms(action, times: int) -> float:
    samples = []
    for _ in range(times):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def _modules(tag: str):
    from courses.models import Module
    from evaluation.services.bank import save_question

    modules = [
        Module.objects.create(code=f"B{tag}-{n:02d}", title=f"Bench module {tag} {n}") for n in range(MODULES)
    ]
    for n in range(QUESTIONS):
        save_question(
            module=modules[n % MODULES],
            question=None,
            text={"en": f"Question {n}?"},
            choices=[{"en": "A"}, {"en": "B"}, {"en": "C"}],
            correct=[0],
            by=None,
        )
    return modules


def _event_with_answers(tag: str, participants: int, modules):
    from courses.models import AgendaItem, Enrolment, EventDay, TrainingEvent
    from evaluation.models import Answer, Answered, FeedbackQuestion, Kind, Response
    from evaluation.services.recount import recount_module_results
    from evaluation.services.setup import fix_test
    from people.models import Person

    rng = random.Random(participants)
    start = datetime.date(2024, 3, 4)
    event = TrainingEvent.objects.create(
        title=f"Bench evaluation {tag}",
        start_date=start,
        end_date=start + datetime.timedelta(days=4),
        status=TrainingEvent.Status.COMPLETED,
    )
    days = EventDay.objects.bulk_create(
        EventDay(event=event, date=start + datetime.timedelta(days=i)) for i in range(5)
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(day=days[n % 5], module=m, position=n) for n, m in enumerate(modules)
    )
    people = Person.objects.bulk_create(
        Person(
            given_name=f"G{i}",
            family_name=f"{tag}{i:05d}",
            gender=rng.choice(["female", "male"]),
            email=f"{tag}.{i}@example.org".lower(),
        )
        for i in range(participants)
    )
    enrolments = Enrolment.objects.bulk_create(Enrolment(event=event, person=p) for p in people)
    items = list(fix_test(event).items.select_related("version"))
    questions = list(FeedbackQuestion.objects.filter(event__isnull=True, kind="rating"))
    Answered.objects.bulk_create(Answered(enrolment=e, kind=k) for e in enrolments for k in Kind.values)
    responses = Response.objects.bulk_create(
        Response(event=event, kind=kind, gender=p.gender, submitted_on=start, asked=QUESTIONS)
        for p in people
        for kind in Kind.values
    )
    answers = []
    for response in responses:
        if response.kind == Kind.FEEDBACK:
            answers += [
                Answer(
                    response=response,
                    feedback_question=q,
                    day=d if q.scope == "day" else None,
                    rating=rng.randint(3, 5),
                )
                for q in questions
                for d in days[:1]
            ]
            continue
        skill = 0.45 if response.kind == Kind.PRE else 0.8
        for item in items:
            right = rng.random() < skill
            answers.append(
                Answer(
                    response=response,
                    item=item,
                    module_id=item.module_id,
                    choice=0 if right else 1,
                    is_correct=right,
                )
            )
    Answer.objects.bulk_create(answers, batch_size=5000)
    recount_module_results([event.pk])
    return event


def _programme(events_count: int, modules):
    from courses.models import TrainingEvent
    from evaluation.models import Kind, ModuleResult

    rng = random.Random(events_count)
    events = TrainingEvent.objects.bulk_create(
        TrainingEvent(
            title=f"Bench delivered {events_count}-{n}",
            status=TrainingEvent.Status.COMPLETED,
            start_date=datetime.date(2015 + n % 10, 1 + n % 12, 1),
            end_date=datetime.date(2015 + n % 10, 1 + n % 12, 5),
        )
        for n in range(events_count)
    )
    ModuleResult.objects.bulk_create(
        (
            ModuleResult(
                event=e,
                module=m,
                kind=kind,
                responses=20,
                asked=100,
                correct=rng.randint(30, 60) if kind == Kind.PRE else rng.randint(60, 95),
            )
            for e in events
            for m in modules
            for kind in (Kind.PRE, Kind.POST)
        ),
        batch_size=5000,
    )
    return [e.pk for e in events]


def _results_page(client, event, quick):
    from django.urls import reverse

    url = reverse("evaluation:results", args=[event.pk])

    def get():
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    get()
    return _median_ms(get, 3 if quick else 5)


def run(quick: bool) -> list[tuple[str, float, str]]:
    from django.contrib.auth.models import Group, User
    from django.test import Client
    from django.utils import translation

    from courses.models import TrainingEvent
    from evaluation.standard import load_standard_questions
    from people import roles
    from reporting.figures import Filters
    from reporting.knowledge import knowledge_tables
    from reporting.tables import Labels

    load_standard_questions()
    user, _ = User.objects.get_or_create(username="bench-evaluation")
    user.groups.add(Group.objects.get(name=roles.COORDINATOR))
    client = Client()
    client.force_login(user)
    modules = _modules("E")
    big = 100 if quick else 500
    page = {
        size: _results_page(client, _event_with_answers(f"P{size}", size, modules), quick)
        for size in (50, big)
    }

    many = 400 if quick else 2000
    programme = {}
    for count in (200, many):
        ids = _programme(count, _modules(f"G{count}"))
        # Each size alone: the other size's events are set aside (as a dashboard filter would).
        TrainingEvent.objects.exclude(pk__in=ids).filter(title__startswith="Bench delivered").update(
            status=TrainingEvent.Status.CANCELLED
        )
        TrainingEvent.objects.filter(pk__in=ids).update(status=TrainingEvent.Status.COMPLETED)
        with translation.override("en"):
            knowledge_tables(Filters(), Labels())
            programme[count] = _median_ms(lambda: knowledge_tables(Filters(), Labels()), 3 if quick else 7)
    return [
        (f"evaluation_results_page_{big}x{QUESTIONS}_ms", page[big], "ms"),
        (f"evaluation_results_page_50x{QUESTIONS}_ms", page[50], "ms"),
        (f"evaluation_results_page_ratio_{big}_vs_50", page[big] / page[50], "x"),
        (f"evaluation_programme_figures_{many}_events_ms", programme[many], "ms"),
        ("evaluation_programme_figures_200_events_ms", programme[200], "ms"),
        (f"evaluation_programme_figures_ratio_{many}_vs_200", programme[many] / programme[200], "x"),
        ("evaluation_target_ms", 300, "ms"),
    ]
