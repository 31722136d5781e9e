"""Dashboard response times after `seed_scale`, against a plain Python loop over the records.

Prints gender_dashboard_median_ms, programme_dashboard_median_ms and
ratio_dashboard_vs_baseline (the baseline's time over the gender dashboard's), then the
same with a `_postgres` suffix when BENCH_POSTGRES_URL (or DATABASE_URL) names a
PostgreSQL server. Each run happens in a child process on a throw-away database.
The programme report over the whole programme prints programme_report_pdf_ms and
programme_report_xlsx_ms beside their targets (issue 19: 5000 and 2000).
Filtered dashboards (gender and programme, `?region=ESA`, and the widest filter,
`?year_from=2017`, as `..._wide_filter_...`) are printed too: first view, then from the
cache, their ratios to the unfiltered and cached views and their query counts, because they
count distinct people over the packed slices instead of reading precomputed rows.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
MARK = "bench-result "  # the child's result lines, among whatever else commands print


def _median_ms(action, times: int) -> float:
    samples = []
    for _ in range(times):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def baseline_gender_figures() -> dict:
    """What the gender dashboard shows, by looping over every enrolment in Python."""
    from accreditation.models import Expert
    from courses.models import Enrolment, TrainingEvent
    from people.models import Country, Person

    region_of = dict(Country.objects.values_list("code", "region_id"))
    languages = defaultdict(list)
    for event_id, code in TrainingEvent.languages.through.objects.values_list(
        "trainingevent_id", "language_id"
    ):
        languages[event_id].append(code)
    events = {}
    for pk, status, start, region, host, kind, fmt in TrainingEvent.objects.values_list(
        "pk", "status", "start_date", "region_id", "host_country_id", "kind", "format"
    ):
        if status not in ("cancelled", "draft"):
            events[pk] = (
                str(start.year),
                region or region_of.get(host, ""),
                kind,
                fmt,
                languages[pk] or [""],
            )
    people = {pk: (g, c or "") for pk, g, c in Person.objects.values_list("pk", "gender", "country_id")}
    members = defaultdict(set)
    participations = defaultdict(int)
    for event_id, person_id, status in Enrolment.objects.values_list(
        "event_id", "person_id", "status"
    ).iterator(chunk_size=20_000):
        event = events.get(event_id)
        if event is None or status != "enrolled":
            continue
        gender, country = people[person_id]
        year, region, kind, fmt, langs = event
        keys = [
            ("all", ""),
            ("year", year),
            ("region", region),
            ("kind", kind),
            ("format", fmt),
            ("country", country),
        ] + [("language", code) for code in langs]
        for key in keys:
            members[(*key, gender)].add(person_id)
            participations[(*key, gender)] += 1
    experts = defaultdict(int)
    for status, gender in Expert.objects.values_list("status", "person__gender"):
        experts[(status, gender)] += 1
    return {
        "people": {k: len(v) for k, v in members.items()},
        "participations": participations,
        "experts": experts,
    }


def measure(quick: bool, suffix: str = "") -> list[tuple[str, float, str]]:
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.test import Client

    from people import roles

    started = time.perf_counter()
    call_command("seed_scale", scale=0.02 if quick else 1.0, force=True, verbosity=0)
    seeded_s = time.perf_counter() - started
    user, _ = User.objects.get_or_create(username="bench-coordinator")
    user.groups.add(Group.objects.get(name=roles.COORDINATOR))
    client = Client()
    client.force_login(user)
    times = 5 if quick else 15

    def get(url):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    get("/dashboards/gender/")
    gender = _median_ms(lambda: get("/dashboards/gender/"), times)
    get("/dashboards/programme/")
    programme = _median_ms(lambda: get("/dashboards/programme/"), times)
    baseline = _median_ms(baseline_gender_figures, 1 if not quick else 3)
    results = [
        (f"seed_scale_s{suffix}", seeded_s, "s"),
        (f"gender_dashboard_median_ms{suffix}", gender, "ms"),
        (f"programme_dashboard_median_ms{suffix}", programme, "ms"),
        (f"baseline_python_loop_ms{suffix}", baseline, "ms"),
        (f"ratio_dashboard_vs_baseline{suffix}", baseline / gender, "x"),
    ]
    for dashboard, unfiltered in (("gender", gender), ("programme", programme)):
        results += _filtered(get, dashboard, unfiltered, times, suffix)
        # The widest filter: all but the first year of the seeded programme (2016-2026), nine
        # slices in ten, where counting distinct people costs the most.
        results += _filtered(
            get, dashboard, unfiltered, times, suffix, query="year_from=2017", name="wide_filter"
        )
    results += _programme_report(suffix)
    return results


# Issue 19's targets for the programme report of the whole `seed_scale` programme.
PROGRAMME_REPORT_TARGETS_MS = {"pdf": 5000, "xlsx": 2000}


def _programme_report(suffix: str) -> list[tuple[str, float, str]]:
    """The programme report over the whole seeded programme, built and rendered as a PDF and
    as an XLSX (each time from the records: figures, tables, sentences, then the file)."""
    from reporting.programme_report import ProgrammeSelection, programme_report
    from reporting.report_document import render_pdf, render_xlsx

    results = []
    for fmt, render in (("pdf", render_pdf), ("xlsx", render_xlsx)):
        render(programme_report(ProgrammeSelection()))  # warm the caches as a page view would
        elapsed = _median_ms(lambda render=render: render(programme_report(ProgrammeSelection())), 3)
        results += [
            (f"programme_report_{fmt}_ms{suffix}", elapsed, "ms"),
            (f"programme_report_{fmt}_target_ms{suffix}", PROGRAMME_REPORT_TARGETS_MS[fmt], "ms"),
        ]
    return results


def _filtered(
    get, dashboard: str, unfiltered_ms: float, times: int, suffix: str, query="region=ESA", name="filtered"
):
    """A filtered view's first (uncached) and cached times, against the unfiltered view, and
    the queries each ran (the first view's count is what a slow filter would grow)."""
    from django.core.cache import cache

    url = f"/dashboards/{dashboard}/?{query}"

    def cold():
        cache.clear()
        get(url)

    first = _median_ms(cold, 3)
    cache.clear()
    first_queries = _queries(lambda: get(url))
    cached = _median_ms(lambda: get(url), times)
    cached_queries = _queries(lambda: get(url))
    name = f"{dashboard}_dashboard_{name}"
    return [
        (f"{name}_first_view_ms{suffix}", first, "ms"),
        (f"{name}_cached_ms{suffix}", cached, "ms"),
        (f"{name}_first_view_vs_unfiltered{suffix}", first / unfiltered_ms, "x"),
        (f"{name}_first_view_vs_cached{suffix}", first / cached, "x"),
        (f"{name}_first_view_queries{suffix}", first_queries, "queries"),
        (f"{name}_cached_queries{suffix}", cached_queries, "queries"),
    ]


def _queries(action) -> int:
    """The queries `action` runs, counted as they execute (the debug log of queries is capped
    and may already be full after the timed runs)."""
    from django.db import connection

    count = 0

    def counter(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        action()
    return count


def _in_child(quick: bool, database_url: str, suffix: str) -> list[tuple[str, float, str]]:
    """Measure in a fresh process on `database_url`, so any runner's database stays untouched."""
    env = {**os.environ, "DATABASE_URL": database_url, "QUICK": "1" if quick else ""}
    child = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if child.returncode != 0:
        raise RuntimeError(f"dashboard benchmark failed on {suffix or 'sqlite'}:\n{child.stderr[-3000:]}")
    results = []
    for line in child.stdout.splitlines():
        if not line.startswith(MARK):
            continue
        label, _, rest = line.removeprefix(MARK).partition(": ")
        value, _, unit = rest.partition(" ")
        results.append((f"{label}{suffix}", float(value), unit))
    return results


def _on_throwaway_postgres(quick: bool, url: str) -> list[tuple[str, float, str]]:
    import psycopg

    parts = urlsplit(url)
    name = f"stce_bench_{uuid.uuid4().hex[:8]}"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        return _in_child(quick, urlunsplit(parts._replace(path=f"/{name}")), "_postgres")
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(quick: bool) -> list[tuple[str, float, str]]:
    with tempfile.TemporaryDirectory(prefix="stce-bench-dash-") as folder:
        results = _in_child(quick, f"sqlite:///{folder}/dashboards.sqlite3", "")
    candidates = [os.environ.get("BENCH_POSTGRES_URL", ""), os.environ.get("DATABASE_URL", "")]
    url = next((u for u in candidates if u.startswith("postgres")), "")
    if url:
        results += _on_throwaway_postgres(quick, url)
    return results


if __name__ == "__main__" and sys.argv[1:] == ["--child"]:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stce.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    for label, value, unit in measure(os.environ.get("QUICK") == "1"):
        print(f"{MARK}{label}: {value:.3f} {unit}", flush=True)
