"""Run every benchmark against a throw-away SQLite database and print `name: value unit` lines.

`QUICK=1` runs each benchmark at a small size. A benchmark module exposes
`run(quick: bool) -> list[tuple[str, float, str]]`. When DATABASE_URL names a PostgreSQL
server, it is kept in BENCH_POSTGRES_URL for benchmarks that also measure there.
"""

import importlib
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ["bench.dashboards"]


def main() -> int:
    quick = os.environ.get("QUICK", "") not in ("", "0")
    original = os.environ.get("DATABASE_URL", "")
    if original.startswith("postgres"):
        os.environ["BENCH_POSTGRES_URL"] = original
    with tempfile.TemporaryDirectory(prefix="stce-bench-") as folder:
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stce.settings")
        sys.path.insert(0, str(ROOT))
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)
        for dotted in BENCHMARKS:
            module = importlib.import_module(dotted)
            for name, value, unit in module.run(quick):
                print(f"{name}: {value:.1f} {unit}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
