#!/usr/bin/env python
"""Run every benchmark in bench/ against a throw-away SQLite database and print `name: value unit`.

Each benchmark is a module `bench/<topic>.py` exposing `run(quick: bool) -> list[(name, value, unit)]`.
Add yours to BENCHMARKS; modules that are not there (yet) are skipped. QUICK=1 runs smaller versions.
Set DATABASE_URL to measure against another database (it will be written to).
"""

import importlib
import io
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
BENCHMARKS = [
    "scheduling",
    "attendance",
    "accreditation",
    "certificates",
    "dashboards",
    "background",
    "big_events",
    "nominations",
    "evaluation",
]


def _format(value: float) -> str:
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"


def main() -> int:
    sys.path.insert(0, str(BASE_DIR))
    quick = os.environ.get("QUICK", "").strip().lower() not in ("", "0", "false", "no")
    scratch = None
    if not os.environ.get("DATABASE_URL"):
        scratch = tempfile.mkdtemp(prefix="stce-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{scratch}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stce.settings")
    os.environ.setdefault("DJANGO_MEDIA_ROOT", scratch or tempfile.mkdtemp(prefix="stce-bench-media-"))
    try:
        import django

        django.setup()
        from django.core.management import call_command

        started = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        call_command("createcachetable", verbosity=0)  # the cache (and rate limits) live in the database
        call_command("load_reference", verbosity=0, stdout=io.StringIO())
        print(f"bench_setup_s: {_format(time.perf_counter() - started)} s", flush=True)
        for name in BENCHMARKS:
            try:
                module = importlib.import_module(f"bench.{name}")
            except ModuleNotFoundError as exc:
                if exc.name == f"bench.{name}":
                    print(f"# {name}: not present, skipped", file=sys.stderr)
                    continue
                raise
            for metric, value, unit in module.run(quick):
                print(f"{metric}: {_format(value)} {unit}", flush=True)
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
