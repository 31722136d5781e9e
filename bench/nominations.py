"""The coordinator's nominations page of an event at 10 and at 100 invited countries, side by
side: issue 16's acceptance line is that its number of queries does not grow with the number
of countries (nominations/tests/test_views.py pins it at both sizes).

Prints `nominations_page_queries_<n>_countries`, `nominations_page_ms_<n>_countries` for n in
10 and 100, and their ratios (`..._ratio_100_vs_10`; the queries' ratio should be exactly 1).
"""

import datetime
import statistics
import string
import time

SIZES = (10, 100)


def _countries(n: int):
    """The first `n` reference countries, topped up with made-up ones where there are fewer."""
    from people.models import Country, Region

    existing = list(Country.objects.order_by("code")[:n])
    taken = set(Country.objects.values_list("code", flat=True))
    region = Region.objects.order_by("code").first() or Region.objects.create(code="BENCH", name="Bench")
    spare = (a + b for a in string.ascii_uppercase for b in string.ascii_uppercase if a + b not in taken)
    extra = [
        Country(code=code, name=f"Bench country {code}", region=region)
        for code, _ in zip(spare, range(n - len(existing)), strict=False)
    ]
    return existing + Country.objects.bulk_create(extra)


def _event(n_countries: int, per_country: int):
    from courses.models import TrainingEvent
    from nominations.tests.helpers import invited_event

    start = datetime.date.today() + datetime.timedelta(days=30)
    event = TrainingEvent.objects.create(
        title=f"Bench nominations {n_countries}",
        start_date=start,
        end_date=start + datetime.timedelta(days=4),
        status=TrainingEvent.Status.CONFIRMED,
    )
    return invited_event(event, _countries(n_countries), per_country=per_country)


def _measure(client, url: str, repeats: int) -> tuple[float, int]:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warms caches (session, translations, templates)
    assert response.status_code == 200, (url, response.status_code)
    reset_queries()  # DEBUG keeps a bounded log; once full, a capture would count nothing
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), len(queries.captured_queries)


def run(quick: bool) -> list[tuple[str, float, str]]:
    from django.contrib.auth.models import Group, User
    from django.test import Client
    from django.urls import reverse

    from people import roles

    per_country, repeats = (3, 3) if quick else (6, 15)
    user, _ = User.objects.get_or_create(username="bench-nominations")
    user.groups.add(Group.objects.get(name=roles.COORDINATOR))
    client = Client()
    client.force_login(user)
    measured = {}
    for size in SIZES:
        event = _event(size, per_country)
        measured[size] = _measure(client, reverse("nominations:event", args=[event.pk]), repeats)
    small, large = SIZES
    results = []
    for size in SIZES:
        ms, queries = measured[size]
        results += [
            (f"nominations_page_queries_{size}_countries", queries, "queries"),
            (f"nominations_page_ms_{size}_countries", ms, "ms"),
        ]
    results += [
        (f"nominations_page_queries_ratio_{large}_vs_{small}", measured[large][1] / measured[small][1], "x"),
        (f"nominations_page_time_ratio_{large}_vs_{small}", measured[large][0] / measured[small][0], "x"),
    ]
    return results
