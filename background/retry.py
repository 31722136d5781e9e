"""Retries with back-off for failed tasks, which the Tasks API leaves to us.

When a task of the database backend ends FAILED and its policy allows another attempt, the
same task row goes back to READY with `run_after` pushed by the back-off (a conditional
UPDATE, so a race changes nothing). Attempts are counted by the backend itself: every claim
adds the worker's id to `worker_ids`, a crash included (`TaskContext.attempt` inside a task).
After the last attempt the row stays FAILED with its exception and traceback: the "dead
letters" an administrator reads in the back office (Task results, status Failed) and runs
again from there once the cause is fixed. Nothing is dropped.

Tasks of other backends are not retried here (a backend with its own retries does it).
"""

import logging
import random
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus, task_finished

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 5
    base: float = 10.0  # seconds before the second attempt
    factor: float = 4.0  # 10 s, 40 s, 160 s, 640 s, ...
    cap: float = 6 * 3600.0
    jitter: float = 0.2  # ± 20 %, so that tasks failing together do not come back together

    def delay(self, attempt: int) -> float:
        seconds = min(self.cap, self.base * self.factor ** max(0, attempt - 1))
        return seconds * (1 + random.uniform(-self.jitter, self.jitter))


DEFAULT_POLICY = RetryPolicy()
_policies: dict[str, RetryPolicy] = {}


def retry(**policy):
    """A task's own policy; put it above `@task(...)`:

    @retry(max_attempts=3, base=60)
    @task()
    def commit_import(...): ...
    """
    chosen = RetryPolicy(**policy)

    def register(task_object):
        _policies[task_object.module_path] = chosen
        return task_object

    return register


def policy_for(task_path: str) -> RetryPolicy:
    return _policies.get(task_path, DEFAULT_POLICY)


def is_final_attempt(context) -> bool:
    """Inside a task that takes its context: would a failure now be the last one?"""
    return context.attempt >= policy_for(context.task_result.task.module_path).max_attempts


def schedule_retry(*, result_id, task_path: str, attempts: int) -> bool:
    """Put a failed task back in the queue after its back-off; False when it used every attempt."""
    from django_tasks_db.models import DBTaskResult

    policy = policy_for(task_path)
    if attempts >= policy.max_attempts:
        logger.error("task %s id=%s failed for good after %s attempts", task_path, result_id, attempts)
        return False
    run_after = timezone.now() + timedelta(seconds=policy.delay(attempts))
    moved = DBTaskResult.objects.filter(id=result_id, status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY, run_after=run_after, finished_at=None
    )
    if moved:
        logger.warning(
            "task %s id=%s failed; attempt %s at %s", task_path, result_id, attempts + 1, run_after
        )
    return bool(moved)


def _retry_failed(sender, task_result, **kwargs):
    # Never raise from here: the worker sends this signal inside its own error handling, where
    # an exception would stop the worker (or turn a success into a failure).
    try:
        if task_result.status != TaskResultStatus.FAILED or not hasattr(task_result, "db_result"):
            return
        schedule_retry(
            result_id=task_result.id, task_path=task_result.task.module_path, attempts=task_result.attempts
        )
    except Exception:
        logger.exception("could not schedule a retry of task %s", getattr(task_result, "id", "?"))


def connect() -> None:
    task_finished.connect(_retry_failed, dispatch_uid="background_retry_failed")
