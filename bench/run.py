"""Run every benchmark against a throw-away SQLite database and print `name: value unit` lines.

    python bench/run.py            # full size
    QUICK=1 python bench/run.py    # a smaller version that runs in seconds

Each module in BENCHMARKS exposes `run(quick: bool) -> list[tuple[str, float, str]]`.
"""

import importlib
import os
import sys
import tempfile
from pathlib import Path

BENCHMARKS = ["bench.attendance"]


def main() -> None:
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    quick = os.environ.get("QUICK", "") not in {"", "0"}
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stce.settings")
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
        for dotted in BENCHMARKS:
            for name, value, unit in importlib.import_module(dotted).run(quick):
                print(f"{name}: {value:.1f} {unit}", flush=True)


if __name__ == "__main__":
    main()
