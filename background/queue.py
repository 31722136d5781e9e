"""Enqueuing that commits with the caller's writes, whatever the backend.

With the database backend (the default) a task row is written in the caller's transaction:
it exists if and only if the records it works on were committed, and no task can start
before them. Another backend (Redis, a cloud queue) is outside the database, so the task is
enqueued once the transaction has committed instead; everything else is the same API.
"""

import datetime

from django.db import transaction
from django_tasks_db import DatabaseBackend
from django_tasks_db.compat import DEFAULT_TASK_BACKEND_ALIAS, task_backends


def transactional() -> bool:
    """True when tasks are rows of this database (they commit with the caller's writes)."""
    return isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend)


def enqueue(task, *args, run_after: datetime.datetime | None = None, on_result=None, **kwargs):
    """Enqueue `task(*args, **kwargs)`; returns its result (or None when deferred to commit).

    `on_result`, when given, receives the result once the task is enqueued (e.g. to record its id).
    """
    chosen = task.using(run_after=run_after) if run_after is not None else task

    def now():
        result = chosen.enqueue(*args, **kwargs)
        if on_result is not None:
            on_result(result)
        return result

    if transactional() or not transaction.get_connection().in_atomic_block:
        return now()
    transaction.on_commit(now)
    return None
