"""A synthetic programme of any size, loaded fast, for benchmarks and for trying the dashboards.

Rows go in with `executemany` (COPY on PostgreSQL) in large batches, without history rows
and with the dashboard triggers set aside; the summary rows are then counted once,
set-based (`rebuild_figures`), which is what the triggers would have produced. Columns
that this module does not know (added by later migrations) get their model default, so
the loader keeps working as the models grow.
"""

import datetime
import logging
import random
import time
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, models, transaction
from django.utils import timezone

from accreditation.models import Expert
from courses.models import Attendance, Enrolment, EventDay, TrainerAssignment, TrainingEvent
from people.models import Country, Organisation, Person

from .recount import rebuild_figures
from .triggers import LANGUAGE_SLICE, SLICE, drop_triggers

log = logging.getLogger(__name__)
BATCH = 50_000
FIRST_YEAR, LAST_YEAR = 2016, 2026
GENDER_WEIGHTS = {"female": 36, "male": 54, "another": 1, "unknown": 9}
KIND_WEIGHTS = {"national": 45, "regional": 20, "ttt": 5, "exercise": 10, "outreach": 10, "awareness": 10}
STATUS_WEIGHTS = {"completed": 80, "confirmed": 5, "planned": 5, "postponed": 2, "cancelled": 5, "draft": 3}
FORMAT_WEIGHTS = {"in_person": 75, "virtual": 15, "hybrid": 10}
EXPERT_WEIGHTS = {
    "nominated": 25,
    "selected": 8,
    "in_workshop": 7,
    "pre_accredited": 15,
    "accredited": 30,
    "not_accredited": 6,
    "suspended": 2,
    "withdrawn": 4,
    "lapsed": 3,
}
LANGUAGES = ["en", "fr", "es", "ru", "pt", "ar"]


@dataclass(frozen=True)
class Size:
    people: int = 200_000
    events: int = 10_000
    attendance: int = 1_000_000
    experts: int = 3_000
    enrolments_per_event: int = 40

    def scaled(self, factor: float) -> "Size":
        return Size(
            people=max(10, round(self.people * factor)),
            events=max(2, round(self.events * factor)),
            attendance=round(self.attendance * factor),
            experts=round(self.experts * factor),
            enrolments_per_event=self.enrolments_per_event,
        )


def _weighted(rng: random.Random, weights: dict[str, int], k: int) -> list[str]:
    return rng.choices(list(weights), weights=list(weights.values()), k=k)


class _Loader:
    """Inserts rows of one model given a few columns; every other column gets its default."""

    def __init__(self, model: type[models.Model], columns: list[str]):
        self.model, self.columns = model, columns
        fields = list(model._meta.concrete_fields)
        self.constants = {}
        now = timezone.now()
        for field in fields:
            if field.column in columns:
                continue
            if field.has_default():
                value = field.get_default()
            elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value = now
            elif field.null:
                value = None
            elif isinstance(field, models.BooleanField):
                value = False
            elif isinstance(field, (models.IntegerField, models.DecimalField, models.FloatField)):
                value = 0
            else:
                value = ""
            self.constants[field.column] = field.get_db_prep_save(value, connection)
        self.all_columns = columns + list(self.constants)
        self.tail = tuple(self.constants.values())

    def load(self, rows: Iterable[tuple]) -> int:
        started = time.perf_counter()
        count = self._load(rows)
        log.info(
            "seed_scale: %s rows into %s in %.1f s",
            count,
            self.model._meta.db_table,
            time.perf_counter() - started,
        )
        return count

    def _load(self, rows: Iterable[tuple]) -> int:
        table = self.model._meta.db_table
        names = ", ".join(connection.ops.quote_name(c) for c in self.all_columns)
        count = 0
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row + self.tail)
                        count += 1
                return count
            sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(self.all_columns))})"  # noqa: S608
            batch = []
            for row in rows:
                batch.append(row + self.tail)
                if len(batch) >= BATCH:
                    cursor.executemany(sql, batch)
                    count += len(batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
                count += len(batch)
        return count


def _next_id(model) -> int:
    return (model.objects.aggregate(m=models.Max("pk"))["m"] or 0) + 1


def _date(value: datetime.date):
    return value if connection.vendor == "postgresql" else value.isoformat()


def _reset_sequences(model_list) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in model_list:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 1)) FROM {table}"  # noqa: S608
            )


@transaction.atomic
def load_synthetic_programme(*, size: Size, seed: int = 2016, progress=None) -> dict[str, int]:
    """Insert a synthetic programme of `size` and count its dashboard figures.

    Returns the number of rows inserted per kind of record.
    """
    say = progress or (lambda message: None)
    rng = random.Random(seed)
    countries = list(Country.objects.values_list("code", "region_id").order_by("code"))
    if not countries:
        raise ValueError("Load the reference data first (countries and regions).")
    customs = dict(
        Organisation.objects.filter(kind=Organisation.Kind.CUSTOMS, country__isnull=False)
        .order_by("pk")
        .values_list("country_id", "pk")
    )
    _prepare_bulk_load()
    # The steps draw from one random generator: same seed and same order, same programme.
    counts = {}
    people_ids, by_country, counts["people"] = _add_people(rng, size, countries, customs)
    events, counts["events"] = _add_events(rng, size, countries)
    day_ids, counts["event days"] = _add_days(events)
    enrolment_rows, counts["enrolments"] = _add_enrolments(rng, size, events, people_ids, by_country)
    counts["attendance records"] = _add_attendance(size, enrolment_rows, day_ids)
    counts.update(_add_experts_and_trainers(rng, size, events, people_ids))
    _reset_sequences([Person, TrainingEvent, EventDay, Enrolment, Attendance, Expert, TrainerAssignment])
    say("Counting the dashboard figures…")
    _count_figures()
    return counts


def _prepare_bulk_load() -> None:
    if connection.vendor == "sqlite":
        # The default 2 MB page cache makes every index insert of a large load go to disk.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -400000")
    drop_triggers(connection)


def _add_people(
    rng: random.Random, size: Size, countries: list[tuple[str, str]], customs: dict[str, int]
) -> tuple[list[int], dict[str | None, list[int]], int]:
    """People, spread over countries (a few without country: never guessed); returns their ids,
    the ids by country and the number inserted."""
    first_person = _next_id(Person)
    genders = _weighted(rng, GENDER_WEIGHTS, size.people)
    person_country = [rng.choice(countries)[0] if rng.random() > 0.03 else None for _ in range(size.people)]
    people_ids = list(range(first_person, first_person + size.people))
    loaded = _Loader(
        Person, ["id", "given_name", "family_name", "gender", "country_id", "organisation_id", "search_text"]
    ).load(
        (
            pid,
            f"Given{pid}",
            f"Synthetic {pid}",
            genders[i],
            person_country[i],
            customs.get(person_country[i]),
            f"given{pid} synthetic {pid}",
        )
        for i, pid in enumerate(people_ids)
    )
    by_country: dict[str | None, list[int]] = {}
    for pid, code in zip(people_ids, person_country, strict=True):
        by_country.setdefault(code, []).append(pid)
    return people_ids, by_country, loaded


def _add_events(rng: random.Random, size: Size, countries: list[tuple[str, str]]) -> tuple[list[tuple], int]:
    """Events, national ones in a host country, regional ones in a region, and their languages."""
    first_event = _next_id(TrainingEvent)
    today = timezone.localdate()
    events = []
    kinds = _weighted(rng, KIND_WEIGHTS, size.events)
    statuses = _weighted(rng, STATUS_WEIGHTS, size.events)
    formats = _weighted(rng, FORMAT_WEIGHTS, size.events)
    for i in range(size.events):
        host, region = rng.choice(countries)
        start = datetime.date(rng.randint(FIRST_YEAR, LAST_YEAR), rng.randint(1, 12), rng.randint(1, 28))
        days = rng.choice([1, 2, 3, 3, 4, 5])
        events.append(
            (
                first_event + i,
                kinds[i],
                formats[i],
                statuses[i],
                host,
                region if kinds[i] != "national" else None,
                start,
                days,
            )
        )
    loaded = _Loader(
        TrainingEvent,
        [
            "id",
            "title",
            "kind",
            "format",
            "status",
            "host_country_id",
            "region_id",
            "start_date",
            "end_date",
            "took_place",
        ],
    ).load(
        (
            eid,
            f"Synthetic {kind} training {eid}",
            kind,
            fmt,
            status,
            host,
            region,
            _date(start),
            _date(start + datetime.timedelta(days=days - 1)),
            start + datetime.timedelta(days=days - 1) < today,
        )
        for eid, kind, fmt, status, host, region, start, days in events
    )
    event_languages = []
    for event in events:
        for code in rng.sample(LANGUAGES, rng.choice([1, 1, 1, 2])):
            event_languages.append((event[0], code))
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO courses_trainingevent_languages (trainingevent_id, language_id) VALUES (%s, %s)",
            event_languages,
        )
    return events, loaded


def _add_days(events: list[tuple]) -> tuple[dict[int, list[int]], int]:
    """Every day of every event; returns the days' ids by event and the number inserted."""
    first_day = _next_id(EventDay)
    day_ids: dict[int, list[int]] = {}
    day_rows = []
    for eid, _k, _f, _s, _h, _r, start, days in events:
        day_ids[eid] = []
        for offset in range(days):
            day_ids[eid].append(first_day + len(day_rows))
            day_rows.append((first_day + len(day_rows), eid, _date(start + datetime.timedelta(days=offset))))
    return day_ids, _Loader(EventDay, ["id", "event_id", "date"]).load(day_rows)


def _add_enrolments(
    rng: random.Random, size: Size, events: list[tuple], people_ids: list[int], by_country: dict
) -> tuple[list[tuple], int]:
    """Enrolments: national trainings draw from the host country, the others from anywhere."""
    first_enrolment = _next_id(Enrolment)
    enrolment_rows = []
    for eid, kind, _f, _s, host, _r, _start, _d in events:
        pool = by_country.get(host) if kind == "national" else None
        wanted = max(1, round(rng.gauss(size.enrolments_per_event, size.enrolments_per_event / 4)))
        chosen = (
            rng.sample(pool, min(wanted, len(pool)))
            if pool and len(pool) >= 5
            else rng.sample(people_ids, min(wanted, len(people_ids)))
        )
        for pid in chosen:
            status = "withdrawn" if rng.random() < 0.06 else "enrolled"
            enrolment_rows.append((first_enrolment + len(enrolment_rows), eid, pid, status))
    return enrolment_rows, _Loader(Enrolment, ["id", "event_id", "person_id", "status"]).load(enrolment_rows)


def _add_attendance(size: Size, enrolment_rows: list[tuple], day_ids: dict[int, list[int]]) -> int:
    """Attendance, day by day, until the wanted number of records."""
    first_attendance = _next_id(Attendance)
    statuses_by_day = ["present"] * 85 + ["late"] * 5 + ["excused"] * 4 + ["absent"] * 6

    def attendance_rows():
        made = 0
        for enrolment_id, eid, _pid, status in enrolment_rows:
            if status != "enrolled":
                continue
            for day in day_ids[eid]:
                if made >= size.attendance:
                    return
                yield (first_attendance + made, enrolment_id, day, statuses_by_day[made % 100])
                made += 1

    return _Loader(Attendance, ["id", "enrolment_id", "day_id", "status"]).load(attendance_rows())


def _add_experts_and_trainers(
    rng: random.Random, size: Size, events: list[tuple], people_ids: list[int]
) -> dict[str, int]:
    """Experts, and trainers drawn from them; returns the numbers inserted."""
    counts = {}
    first_expert = _next_id(Expert)
    expert_people = rng.sample(people_ids, min(size.experts, len(people_ids)))
    expert_statuses = _weighted(rng, EXPERT_WEIGHTS, len(expert_people))
    counts["experts"] = _Loader(
        Expert, ["id", "person_id", "status", "nominated_on", "pre_accredited_on", "accredited_on"]
    ).load(
        (
            first_expert + i,
            pid,
            status,
            _date(datetime.date(rng.randint(FIRST_YEAR, LAST_YEAR), 1, 15)),
            _date(datetime.date(2020, 6, 1))
            if status in ("pre_accredited", "accredited", "lapsed")
            else None,
            _date(datetime.date(2021, 6, 1)) if status in ("accredited", "lapsed", "suspended") else None,
        )
        for i, (pid, status) in enumerate(zip(expert_people, expert_statuses, strict=True))
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO accreditation_expert_languages (expert_id, language_id) VALUES (%s, %s)",
            [(first_expert + i, rng.choice(LANGUAGES)) for i in range(len(expert_people))],
        )
    if expert_people:
        first_assignment = _next_id(TrainerAssignment)
        assignments = []
        for eid, *_rest in events:
            for pid in rng.sample(expert_people, min(2, len(expert_people))):
                assignments.append((first_assignment + len(assignments), eid, pid, "lead"))
        counts["trainer assignments"] = _Loader(
            TrainerAssignment, ["id", "event_id", "person_id", "role"]
        ).load(assignments)
    return counts


def _count_figures() -> None:
    started = time.perf_counter()
    rebuild_figures(connection)
    log.info("seed_scale: figures counted in %.1f s", time.perf_counter() - started)
    with connection.cursor() as cursor:
        # Table statistics, so that the planner knows a period filter keeps most slices.
        cursor.execute("ANALYZE")


def vacuum_slices() -> None:
    """PostgreSQL, after a load (outside its transaction): mark the slices' pages all-visible,
    or a filtered dashboard reads every slice row from the table to check that it is visible
    instead of answering from the covering index alone (autovacuum gets there minutes later)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        for table in (SLICE, LANGUAGE_SLICE):
            cursor.execute(f"VACUUM {table}")


def has_records() -> bool:
    return Person.objects.exists() or TrainingEvent.objects.exists()
