"""`manage.py run_worker`: django-tasks-db's `db_worker`, plus crash recovery and schedules.

Every option of db_worker works (--queue-name, --batch, --max-tasks, --interval, ...). The
differences:
- `--worker-id` defaults to a stable id, `<host name>-<WORKER_SLOT or w0>`, so that a worker
  starting again takes back at once what its previous life left RUNNING (kill -9, out of
  memory, a reload in development). It must be unique among the live workers: give each
  worker on a machine its own WORKER_SLOT (systemd: `WORKER_SLOT=%i`).
- a thread runs the maintenance pass (the reaper of lost tasks and the daily schedules)
  every BACKGROUND_MAINTENANCE_EVERY_SECONDS; `--no-maintenance` turns it off.
- `--reload` is off unless asked for (db_worker turns it on with DEBUG): a reload stops the
  running task abruptly.
"""

import logging
import os
import socket
import threading

from django.conf import settings
from django.db import close_old_connections, connections
from django_tasks_db.management.commands import db_worker

from background.maintenance import maintenance_pass, reap_own

logger = logging.getLogger("background")


def default_worker_id() -> str:
    return f"{socket.gethostname()}-{os.environ.get('WORKER_SLOT', 'w0')}"[:64]


def _maintenance_loop(stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            close_old_connections()
            maintenance_pass()
        except Exception:
            logger.exception("the maintenance pass failed")
        finally:
            connections.close_all()  # this thread's own connections
        stop.wait(settings.BACKGROUND_MAINTENANCE_EVERY_SECONDS)


class Command(db_worker.Command):
    help = "Run background tasks (database backend), taking back lost tasks and running the daily schedules."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(worker_id=default_worker_id(), reload=False)
        parser.add_argument(
            "--no-maintenance",
            action="store_true",
            help="Do not run the reaper of lost tasks and the daily schedules in this worker.",
        )

    def handle(self, *args, **options):
        no_maintenance = options.pop("no_maintenance")
        if options.get("reload") and os.environ.get("RUN_MAIN") != "true":
            return super().handle(*args, **options)  # the reloader's parent only starts a child
        taken_back = reap_own(options["worker_id"])
        if taken_back:
            logger.warning("%d task(s) left running by %s are queued again", taken_back, options["worker_id"])
        if not no_maintenance and not options.get("batch"):
            threading.Thread(
                target=_maintenance_loop,
                args=(threading.Event(),),
                daemon=True,
                name="background-maintenance",
            ).start()
        return super().handle(*args, **options)
