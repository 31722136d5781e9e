"""Importing a participant list: validation plus commit of 10,000 rows (1,000 with QUICK=1).

One row in ten is a person the directory already knows (matched by e-mail, or by name and
country), as in real lists; the rest are new people. Prints the wall time and the number of
SQL queries, which must stay bounded (bulk lookups and bulk inserts, not one query per row).
"""

import csv
import datetime
import io
import random
import time
import uuid

from django.db import connection

from courses.models import Enrolment, TrainingEvent
from courses.services.participant_import import commit_import
from people.models import Gender, Person

COUNTRIES = ["CN", "KZ", "RU", "CL", "MX", "KE", "GH", "SN", "JO", "TH", "BR", "FR"]
ORGANISATIONS = ["GACC", "SRC Kazakhstan", "FCS Russia", "SNA", "ANAM", "KRA", "GRA", "Senegal Customs", ""]


def _participant_file(rows: int, known: list[Person], run: str) -> bytes:
    rng = random.Random(rows)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Given name", "Family name", "Gender", "Country", "Organisation", "Position", "E-mail"])
    known_iter = iter(known)
    for number in range(rows):
        person = next(known_iter, None) if number % 10 == 0 else None
        if person is not None:
            email = person.email if number % 20 == 0 else ""  # half matched by name and country only
            writer.writerow([person.given_name, person.family_name, "", person.country_id, "", "", email])
            continue
        writer.writerow(
            [
                f"Given{number}",
                f"Family{number}",
                rng.choice(["female", "male", "", "another"]),
                rng.choice(COUNTRIES),
                rng.choice(ORGANISATIONS),
                "Customs officer",
                f"p{number}.{run}@bench.example.org",
            ]
        )
    return out.getvalue().encode("utf-8")


def run(quick: bool) -> list[tuple[str, float, str]]:
    rows = 1_000 if quick else 10_000
    run_id = uuid.uuid4().hex[:8]
    known = [
        Person(
            given_name=f"Known{i}",
            family_name=f"Official{i}",
            country_id=COUNTRIES[i % len(COUNTRIES)],
            email=f"known{i}.{run_id}@bench.example.org",
            gender=Gender.FEMALE,
            search_text=f"known{i} official{i}",
        )
        for i in range(rows // 10)
    ]
    known = Person.objects.bulk_create(known)
    event = TrainingEvent.objects.create(
        title=f"Benchmark import {run_id}",
        start_date=datetime.date(2027, 1, 11),
        end_date=datetime.date(2027, 1, 15),
        status=TrainingEvent.Status.CONFIRMED,
    )
    data = _participant_file(rows, known, run_id)
    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    # A counting wrapper rather than CaptureQueriesContext, whose SQL logging would dominate the time.
    with connection.execute_wrapper(count):
        started = time.perf_counter()
        outcome = commit_import(event=event, data=data, filename="participants.csv")
        elapsed = time.perf_counter() - started
    assert outcome.enrolled == rows == Enrolment.objects.filter(event=event).count(), outcome
    label = f"import_{rows // 1000}k_participants"
    return [
        (f"{label}_s", elapsed, "s"),
        (f"{label}_queries", queries, "queries"),
        (f"{label}_new_people", outcome.people_created, "people"),
    ]
