"""Run every benchmark against a throw-away SQLite database; print `name: value unit` lines.

`QUICK=1` (or `--quick`) runs a smaller version in seconds. Add a module to BENCHMARKS to
include it: each exposes `run(quick: bool) -> list[tuple[str, float, str]]`.
"""

import importlib
import os
import sys
import tempfile
from pathlib import Path

BENCHMARKS = ["bench.accreditation"]


def main() -> None:
    quick = os.environ.get("QUICK", "") not in ("", "0") or "--quick" in sys.argv
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stce.settings")
        import django

        django.setup()
        from django.conf import settings

        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]  # for the test Client
        from django.core.signals import request_finished, request_started
        from django.db import close_old_connections

        # As Django's test runner does: keep one connection, so query capture and timings hold.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        for dotted in BENCHMARKS:
            for name, value, unit in importlib.import_module(dotted).run(quick):
                print(f"{name}: {value:.4g} {unit}", flush=True)


if __name__ == "__main__":
    main()
