"""Running the queued tasks in this process, for tests, benchmarks and demo data.

A worker in production is `manage.py run_worker`. This runs the same code on the tasks that
are ready now (deferred retries wait for their time), in the caller's transaction, which is
what a test inside a rolled-back transaction needs.
"""

from django.db import transaction
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

INLINE_WORKER_ID = "inline"


def run_ready_tasks(*, limit: int = 100_000, worker_id: str = INLINE_WORKER_ID) -> int:
    """Run every ready task, and those they enqueue, until none is ready; returns how many ran."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    ran = 0
    while ran < limit:
        with transaction.atomic():
            row = DBTaskResult.objects.ready().filter(backend_name="default").get_locked()
            if row is None:
                return ran
            row.claim(worker_id)
        worker.run_task(row)
        ran += 1
    return ran
