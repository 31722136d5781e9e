"""The expert directory and the review queue: time and queries as the registry grows.

Prints the time and the number of queries of one directory page (with the availability
filter and last-delivery dates) and of the review queue at a small and a ten times larger
registry, and their ratios: queries should stay equal and time should barely grow.
"""

import datetime
import time

from django.contrib.auth.models import Group, User
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accreditation.models import EvaluationResult, Evidence, EvidenceKind, Expert, ExpertStatus, Proposal
from courses.models import TrainerAssignment, TrainingEvent
from people import roles
from people.models import Country, Gender, Language, Person, Region


def _grow_to(n: int, *, proposer, workshop) -> None:
    region, _ = Region.objects.get_or_create(code="EUR", defaults={"name": "Europe"})
    country, _ = Country.objects.get_or_create(code="BE", defaults={"name": "Belgium", "region": region})
    english, _ = Language.objects.get_or_create(code="en", defaults={"name": "English"})
    start = Expert.objects.count()
    for i in range(start, n):
        person = Person.objects.create(given_name=f"Bench{i}", family_name=f"Expert{i:05d}",
                                       gender=Gender.FEMALE if i % 3 == 0 else Gender.MALE, country=country)
        status = ExpertStatus.IN_WORKSHOP if i % 10 == 0 else ExpertStatus.ACCREDITED
        expert = Expert.objects.create(person=person, status=status)
        expert.languages.add(english)
        event = TrainingEvent.objects.create(
            title=f"Training {i}", status=TrainingEvent.Status.COMPLETED,
            start_date=datetime.date(2020, 1, 6) + datetime.timedelta(days=7 * (i % 200)),
            end_date=datetime.date(2020, 1, 10) + datetime.timedelta(days=7 * (i % 200)),
        )
        TrainerAssignment.objects.create(event=event, person=person)
        if status == ExpertStatus.IN_WORKSHOP:
            evidence = Evidence.objects.create(expert=expert, kind=EvidenceKind.WORKSHOP, event=workshop,
                                               result=EvaluationResult.PASSED)
            proposal = Proposal.objects.create(expert=expert, from_status=status,
                                               to_status=ExpertStatus.PRE_ACCREDITED,
                                               rationale="bench", proposed_by=proposer)
            proposal.evidence.add(evidence)


def _measure(client, url, params, repeats: int) -> tuple[float, int]:
    response = client.get(url, params)  # warms caches
    assert response.status_code == 200, (url, response.status_code)
    reset_queries()  # DEBUG keeps a bounded log; once full, a capture would count nothing
    with CaptureQueriesContext(connection) as queries:
        client.get(url, params)
    started = time.perf_counter()
    for _ in range(repeats):
        client.get(url, params)
    return (time.perf_counter() - started) / repeats * 1000, len(queries.captured_queries)


def run(quick: bool) -> list[tuple[str, float, str]]:
    small, large = (50, 500) if quick else (200, 2000)
    repeats = 3 if quick else 10
    coordinator, _ = User.objects.get_or_create(username="bench-coordinator")
    coordinator.groups.add(Group.objects.get(name=roles.COORDINATOR))
    administrator, _ = User.objects.get_or_create(username="bench-administrator")
    administrator.groups.add(Group.objects.get(name=roles.ADMINISTRATOR))
    workshop = TrainingEvent.objects.create(
        title="Bench workshop", kind=TrainingEvent.Kind.TTT, status=TrainingEvent.Status.COMPLETED,
        start_date=datetime.date(2019, 3, 11), end_date=datetime.date(2019, 3, 20),
    )
    coordinator_client, admin_client = Client(), Client()
    coordinator_client.force_login(coordinator)
    admin_client.force_login(administrator)
    directory = reverse("accreditation:expert-list")
    params = {"available_from": "2020-03-02", "available_to": "2020-03-06", "sort": "-last_delivery"}
    queue = reverse("accreditation:review-queue")
    results = []
    figures = {}
    for size in (small, large):
        _grow_to(size, proposer=coordinator, workshop=workshop)
        figures[size] = (_measure(coordinator_client, directory, params, repeats),
                         _measure(admin_client, queue, {}, repeats))
        (d_ms, d_q), (q_ms, q_q) = figures[size]
        results += [
            (f"directory_page_ms_{size}_experts", d_ms, "ms"),
            (f"directory_queries_{size}_experts", d_q, "queries"),
            (f"review_queue_ms_{size}_experts", q_ms, "ms"),
            (f"review_queue_queries_{size}_experts", q_q, "queries"),
        ]
    d_small, q_small = figures[small]
    d_large, q_large = figures[large]
    results += [
        ("ratio_directory_time_large_vs_small", d_large[0] / d_small[0], "x"),
        ("ratio_directory_queries_large_vs_small", d_large[1] / d_small[1], "x"),
        ("ratio_review_queue_time_large_vs_small", q_large[0] / q_small[0], "x"),
    ]
    return results
