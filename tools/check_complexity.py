"""Fails when a function in application code is more complex than the limit (radon's
cyclomatic complexity). Tests, migrations, fixtures, benchmarks and browser tests aside."""

import sys
from pathlib import Path

from radon.complexity import cc_visit

LIMIT = 15
ROOT = Path(__file__).resolve().parent.parent
SKIPPED_DIRS = {".venv", "var", "tests", "migrations", "fixtures", "bench", "e2e", "tools", "node_modules"}


def application_files():
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if SKIPPED_DIRS.isdisjoint(relative.parts) and path.name != "conftest.py":
            yield path


def too_complex() -> list[str]:
    found = []
    for path in application_files():
        for block in cc_visit(path.read_text(encoding="utf-8")):
            if block.complexity > LIMIT:
                found.append(f"{path.relative_to(ROOT)}:{block.lineno} {block.fullname} ({block.complexity})")
    return found


if __name__ == "__main__":
    offenders = too_complex()
    for line in offenders:
        print(line)
    if offenders:
        print(f"{len(offenders)} functions above cyclomatic complexity {LIMIT}; split them into named steps.")
        sys.exit(1)
    print(f"complexity: no function above {LIMIT}")
