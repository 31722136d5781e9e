"""The task glue: retries with back-off, dead letters, the reaper, daily schedules, enqueuing
with the caller's transaction, and the progress page of a job."""

import datetime
import json

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from background.inline import run_ready_tasks
from background.maintenance import WORKER_LOST, reap_own, reap_stale, run_due_schedules
from background.models import Job, ScheduledRun
from background.queue import enqueue
from background.retry import RetryPolicy
from background.services.jobs import add_note, advance, finish, start_job
from background.tests import tasks

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _calls():
    tasks.CALLS.clear()


def _make_ready_now(result_id):
    DBTaskResult.objects.filter(id=result_id).update(run_after=timezone.now())


def test_a_failing_task_is_retried_with_back_off_then_kept_with_its_error():
    result = tasks.always_fails.enqueue("x")
    seen = []
    for _attempt in range(3):
        run_ready_tasks()
        row = DBTaskResult.objects.get(id=result.id)
        seen.append((row.status, len(row.worker_ids)))
        if row.status == TaskResultStatus.READY:
            # Waiting out its back-off: 60 s, then 120 s (factor 2, no jitter).
            assert row.run_after > timezone.now() + datetime.timedelta(seconds=50)
            _make_ready_now(result.id)
    assert seen == [(TaskResultStatus.READY, 1), (TaskResultStatus.READY, 2), (TaskResultStatus.FAILED, 3)]
    row = DBTaskResult.objects.get(id=result.id)
    assert row.exception_class_path == "builtins.ValueError" and "boom x" in row.traceback
    assert tasks.CALLS == ["x", "x", "x"]
    run_ready_tasks()
    assert tasks.CALLS == ["x", "x", "x"]  # a dead letter waits for an administrator


def test_the_back_off_grows_and_stops_at_its_cap():
    policy = RetryPolicy(base=10, factor=4, cap=100, jitter=0)
    assert [policy.delay(n) for n in (1, 2, 3, 4)] == [10, 40, 100, 100]


def test_a_task_enqueued_in_a_transaction_that_rolls_back_does_not_exist():
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue(tasks.records, "lost")
        raise RuntimeError
    assert not DBTaskResult.objects.exists()
    enqueue(tasks.records, "kept")
    assert run_ready_tasks() == 1 and tasks.CALLS == ["kept"]


def _running(worker_ids, started_minutes_ago=1, path="background.tests.tasks.records"):
    return DBTaskResult.objects.create(
        args_kwargs={"args": ["r"], "kwargs": {}},
        task_path=path,
        backend_name="default",
        status=TaskResultStatus.RUNNING,
        worker_ids=worker_ids,
        run_after=timezone.now(),
        started_at=timezone.now() - datetime.timedelta(minutes=started_minutes_ago),
    )


def test_a_worker_takes_back_at_start_what_its_previous_life_left_running():
    mine, other = _running(["host-w1"]), _running(["host-w2"])
    assert reap_own("host-w1") == 1
    assert DBTaskResult.objects.get(id=mine.id).status == TaskResultStatus.READY
    assert DBTaskResult.objects.get(id=other.id).status == TaskResultStatus.RUNNING
    run_ready_tasks()
    assert tasks.CALLS == ["r"]


def test_tasks_running_too_long_are_taken_back_and_a_task_that_kills_workers_stops(settings):
    settings.BACKGROUND_STALE_AFTER_SECONDS = 600
    recent = _running(["a"], started_minutes_ago=1)
    stale = _running(["b"], started_minutes_ago=30)
    poison = _running(["c", "d", "e"], started_minutes_ago=30, path="background.tests.tasks.always_fails")
    assert reap_stale() == 2
    assert DBTaskResult.objects.get(id=recent.id).status == TaskResultStatus.RUNNING
    assert DBTaskResult.objects.get(id=stale.id).status == TaskResultStatus.READY
    poison = DBTaskResult.objects.get(id=poison.id)
    assert poison.status == TaskResultStatus.FAILED and poison.exception_class_path == WORKER_LOST


def test_a_daily_schedule_is_enqueued_once_a_day_however_many_workers_look(settings):
    settings.BACKGROUND_SCHEDULES = {"test": ("background.tests.tasks.records", "07:00")}
    zone = timezone.get_current_timezone()
    early = datetime.datetime(2030, 5, 1, 6, 59, tzinfo=zone)
    assert run_due_schedules(early) == []
    later = early.replace(hour=7, minute=30)
    assert run_due_schedules(later) == ["test"]
    assert run_due_schedules(later) == []
    assert run_due_schedules(later + datetime.timedelta(hours=12)) == []
    run_ready_tasks()
    assert tasks.CALLS == ["2030-05-01"]
    assert run_due_schedules(later + datetime.timedelta(days=1)) == ["test"]
    assert ScheduledRun.objects.count() == 2


class TestProgressPage:
    def test_shows_progress_and_its_json_counts(self, coordinator_client):
        job = start_job(kind="test", title="Sending 10", total=10)
        advance(job_id=job.pk, done=4, failed=1)
        add_note(job_id=job.pk, text="x@example.org: 550 No such user")
        page = coordinator_client.get(job.get_absolute_url())
        assert page.status_code == 200 and "Sending 10" in page.content.decode()
        state = json.loads(coordinator_client.get(reverse("background:job-json", args=[job.pk])).content)
        assert state | {"status": ""} == {
            "id": str(job.pk),
            "title": "Sending 10",
            "state": "running",
            "status": "",
            "total": 10,
            "done": 4,
            "failed": 1,
            "percent": 50,
            "finished": False,
            "notes": ["x@example.org: 550 No such user"],
        }

    def test_a_finished_job_leads_to_its_result_with_its_outcome(self, coordinator_client):
        job = start_job(kind="test", title="Import", total=3, result_url="/courses/events/")
        finish(job_id=job.pk, outcome="Imported: 3 enrolled.")
        response = coordinator_client.get(job.get_absolute_url(), follow=True)
        assert response.redirect_chain[-1][0] == "/courses/events/"
        assert "Imported: 3 enrolled." in response.content.decode()

    def test_a_job_whose_task_failed_for_good_says_so(self, coordinator_client):
        result = tasks.always_fails.enqueue("x")
        job = start_job(kind="test", title="Doomed", total=1)
        Job.objects.filter(pk=job.pk).update(task_result_id=str(result.id))
        DBTaskResult.objects.filter(id=result.id).update(status=TaskResultStatus.FAILED)
        state = coordinator_client.get(reverse("background:job-json", args=[job.pk])).json()
        assert state["finished"] and state["state"] == "failed" and "administrator" in state["status"]

    def test_an_uncounted_job_has_no_percent_and_a_queued_one_waits(self, coordinator_client):
        job = start_job(kind="test", title="Saving")
        state = coordinator_client.get(reverse("background:job-json", args=[job.pk])).json()
        assert state["percent"] is None and "Waiting" in state["status"]

    def test_a_trainer_cannot_follow_someone_elses_job(self, trainer_client, coordinator):
        job = start_job(kind="test", title="Theirs", by=coordinator)
        assert trainer_client.get(job.get_absolute_url()).status_code == 404

    def test_the_page_needs_no_inline_script(self, coordinator_client):
        job = start_job(kind="test", title="Sending", total=2)
        html = coordinator_client.get(job.get_absolute_url()).content.decode()
        assert 'src="/static/js/progress.js"' in html and "<script>" not in html


def test_an_administrator_reads_failed_tasks_and_runs_them_again(administrator_client):
    result = tasks.always_fails.enqueue("x")
    DBTaskResult.objects.filter(id=result.id).update(
        status=TaskResultStatus.FAILED, exception_class_path="builtins.ValueError", traceback="boom x"
    )
    listing = administrator_client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist"))
    assert listing.status_code == 200 and "builtins.ValueError" in listing.content.decode()
    administrator_client.post(
        reverse("admin:django_tasks_database_dbtaskresult_changelist"),
        {"action": "run_again", "index": 0, "_selected_action": [str(result.id)]},
    )
    assert DBTaskResult.objects.get(id=result.id).status == TaskResultStatus.READY
