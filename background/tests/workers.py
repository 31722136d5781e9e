"""Real workers (`manage.py run_worker` in subprocesses) on the test database, for tests.

The test must use `transactional_db` (its data committed, so another process sees it) and
stop the workers before the database is flushed (the fixture does).
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    """The test database as a DATABASE_URL for a worker process."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Workers:
    def __init__(self, tmp_path: Path, *, smtp_port: int | None = None):
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "stce.settings",
            "DATABASE_URL": database_url(),
            "DJANGO_CONN_MAX_AGE": "600",
            "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "STCE_PUBLIC_URL": settings.STCE_PUBLIC_URL,
            "STCE_TASK_MAINTENANCE_SECONDS": "1",
            "DJANGO_LOG_LEVEL": "INFO",
        }
        self.env.pop("REDIS_URL", None)
        if smtp_port:
            self.env.update(
                {
                    "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                    "DJANGO_EMAIL_HOST": "127.0.0.1",
                    "DJANGO_EMAIL_PORT": str(smtp_port),
                }
            )
        self.tmp_path = tmp_path
        self.processes: list[subprocess.Popen] = []

    def start(self, worker_id: str = "test-w1", *options: str, **env: str) -> subprocess.Popen:
        log = open(self.tmp_path / f"{worker_id}-{len(self.processes)}.log", "w")  # noqa: SIM115
        process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "run_worker",
                "--queue-name",
                "*",
                "--interval",
                "0.05",
                "--no-startup-delay",
                "--worker-id",
                worker_id,
                *options,
            ],
            cwd=ROOT,
            env={**self.env, **env},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        process.log_path = log.name
        self.processes.append(process)
        return process

    def logs(self) -> str:
        return "\n".join(Path(p.log_path).read_text() for p in self.processes)

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_until(
    condition, *, timeout: float = 120, what: str = "the condition", workers: Workers | None = None
):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(
                f"timed out waiting for {what}" + (f"\n{workers.logs()[-4000:]}" if workers else "")
            )
        time.sleep(0.05)
