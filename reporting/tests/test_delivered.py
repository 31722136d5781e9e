"""Delivered means it took place: a training still to come is the plan, shown apart, and its
enrolments are nobody's "trained" until its last day has passed."""

import csv
import datetime
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from courses.models import Enrolment, TrainingEvent
from courses.services.bulk_rows import create_with_history
from courses.services.events import mark_events_that_took_place
from courses.tests.factories import EnrolmentFactory, TrainingEventFactory
from people.models import Gender
from people.tests.factories import PersonFactory
from reporting.figures import Filters, trainee_figures
from reporting.models import TraineeFigure
from reporting.recount import rebuild_figures

GENDER = reverse("reporting:dashboard-gender")
PROGRAMME = reverse("reporting:dashboard-programme")
SCHEDULED = {"trainings-scheduled"}


@pytest.fixture(autouse=True)
def _empty_cache(db):
    cache.clear()


def _training(start, n, gender, **extra):
    event = TrainingEventFactory(start_date=start, end_date=start + datetime.timedelta(days=4), **extra)
    for _ in range(n):
        EnrolmentFactory(event=event, person=PersonFactory(gender=gender))
    return event


def _export(client, dashboard, table, fmt):
    url = reverse("reporting:dashboard-export", kwargs={"dashboard": dashboard, "table": table, "fmt": fmt})
    content = client.get(url).getvalue()
    if fmt == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    return [[c.value for c in row] for row in load_workbook(io.BytesIO(content)).active.iter_rows()]


def _everything(client):
    """Every table of both dashboards as shown, and as exported in CSV and XLSX, except the plan."""
    seen = {}
    for dashboard, url in (("gender", GENDER), ("programme", PROGRAMME)):
        cache.clear()
        for table in client.get(url).context["tables"]:
            if table.slug in SCHEDULED:
                continue
            seen[(dashboard, table.slug, "html")] = _results(table.rows)
            for fmt in ("csv", "xlsx"):
                seen[(dashboard, table.slug, fmt)] = _results(_export(client, dashboard, table.slug, fmt))
    return seen


def _results(rows):
    """Rows of results: the key figures' lines about the plan are expected to change."""
    return [list(row) for row in rows if not (row and "scheduled" in str(row[0]))]


def _key(client, label):
    rows = client.get(PROGRAMME).context["tables"][0].rows
    return next(value for name, value in rows if name == label)


def test_a_future_training_with_30_enrolments_changes_no_delivered_or_trained_figure(coordinator_client):
    today = timezone.localdate()
    _training(datetime.date(today.year - 1, 3, 1), 10, Gender.MALE)
    _training(datetime.date(today.year - 1, 9, 1), 2, Gender.FEMALE)
    before = _everything(coordinator_client)
    assert _key(coordinator_client, "Trainings scheduled (the plan, not yet delivered)") == 0

    _training(datetime.date(today.year + 1, 2, 1), 30, Gender.FEMALE)
    after = _everything(coordinator_client)

    changed = sorted(key for key in before if before[key] != after[key])
    assert not changed, changed
    assert _key(coordinator_client, "Trainings delivered") == 2
    assert _key(coordinator_client, "Trainings scheduled (the plan, not yet delivered)") == 1
    assert _key(coordinator_client, "Officials enrolled in scheduled trainings") == 30
    plan = next(
        t for t in coordinator_client.get(PROGRAMME).context["tables"] if t.slug == "trainings-scheduled"
    )
    assert plan.rows == [[str(today.year + 1), "National training", 1, 30]]
    assert _export(coordinator_client, "programme", "trainings-scheduled", "xlsx")[2][2:] == [1, 30]


def test_a_training_counts_once_its_last_day_has_passed(db):
    today = timezone.localdate()
    event = _training(today - datetime.timedelta(days=4), 3, Gender.FEMALE)  # its last day is today
    assert not event.took_place
    assert trainee_figures(Filters()).total["female"].people == 0
    assert mark_events_that_took_place(today=today + datetime.timedelta(days=1)) == 1
    assert trainee_figures(Filters()).total["female"].people == 3
    # Postponed into the future, it leaves the delivered figures again.
    event.start_date, event.end_date = (
        today + datetime.timedelta(days=30),
        today + datetime.timedelta(days=34),
    )
    event.save()
    assert not event.took_place
    assert trainee_figures(Filters()).total["female"].people == 0


def test_the_dashboard_counts_yesterdays_training_even_before_the_daily_task(coordinator_client):
    today = timezone.localdate()
    event = _training(today - datetime.timedelta(days=4), 4, Gender.MALE)
    TrainingEvent.objects.filter(pk=event.pk).update(end_date=today - datetime.timedelta(days=1))
    assert not TrainingEvent.objects.get(pk=event.pk).took_place  # as if the daily task had not run
    headline = coordinator_client.get(GENDER).context["tables"][0]
    assert headline.rows[0][2] == 4  # men trained


def test_cancelled_and_draft_trainings_never_count_even_after_their_dates(db):
    past = datetime.date(2020, 5, 1)
    _training(past, 2, Gender.FEMALE, status=TrainingEvent.Status.CANCELLED)
    _training(past, 2, Gender.FEMALE, status=TrainingEvent.Status.DRAFT)
    mark_events_that_took_place()
    assert trainee_figures(Filters()).total["female"].people == 0


def test_the_recount_agrees_with_the_triggers(db):
    today = timezone.localdate()
    _training(datetime.date(2021, 5, 1), 3, Gender.FEMALE)
    _training(today + datetime.timedelta(days=10), 5, Gender.MALE)
    ended = _training(today - datetime.timedelta(days=4), 2, Gender.NOT_RECORDED)
    TrainingEvent.objects.filter(pk=ended.pk).update(end_date=today - datetime.timedelta(days=1))
    mark_events_that_took_place()
    postponed = _training(datetime.date(2022, 5, 1), 4, Gender.MALE)
    postponed.start_date, postponed.end_date = today, today + datetime.timedelta(days=2)
    postponed.save()

    def figures():
        return sorted(
            TraineeFigure.objects.filter(people__gt=0).values_list("dimension", "value", "gender", "people")
        )

    kept = figures()
    assert ("all", "", "female", 3) in kept and ("all", "", "unknown", 2) in kept
    assert not any(row[:3] == ("all", "", "male") for row in kept)
    rebuild_figures(connection)
    assert figures() == kept


def test_the_recount_agrees_with_the_triggers_after_bulk_enrolment(db):
    """The participant import's bulk path (executemany, no signals) into a past and a future
    training: the triggers keep the past one's people as trained and the future one's as not,
    exactly as a recount from the records."""
    today = timezone.localdate()
    past = TrainingEventFactory(start_date=datetime.date(2022, 3, 1), end_date=datetime.date(2022, 3, 5))
    future = TrainingEventFactory(
        start_date=datetime.date(today.year + 1, 2, 1), end_date=datetime.date(today.year + 1, 2, 5)
    )
    women = [PersonFactory(gender=Gender.FEMALE) for _ in range(6)]
    create_with_history(Enrolment, [Enrolment(event=past, person=p) for p in women[:4]])
    create_with_history(Enrolment, [Enrolment(event=future, person=p) for p in women])

    def figures():
        return sorted(
            TraineeFigure.objects.filter(people__gt=0).values_list("dimension", "value", "gender", "people")
        )

    kept = figures()
    assert ("all", "", "female", 4) in kept
    rebuild_figures(connection)
    assert figures() == kept
