"""Run every benchmark against a throw-away SQLite database and print `name: value unit` lines.

Usage: python bench/run.py (QUICK=1 for a short run). Each module in BENCHMARKS exposes
`run(quick: bool) -> list[tuple[str, float, str]]`.
"""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ["bench.certificates"]


def main() -> None:
    quick = os.environ.get("QUICK", "").strip() not in {"", "0"}
    with tempfile.TemporaryDirectory(prefix="stce-bench-") as tmp:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        os.environ["DJANGO_MEDIA_ROOT"] = str(Path(tmp) / "media")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stce.settings")
        sys.path.insert(0, str(ROOT))
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)
        import importlib

        for dotted in BENCHMARKS:
            module = importlib.import_module(dotted)
            for name, value, unit in module.run(quick):
                print(f"{name}: {value:.1f} {unit}", flush=True)


if __name__ == "__main__":
    main()
