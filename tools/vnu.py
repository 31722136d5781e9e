"""Run the Nu HTML Checker (vnu.jar) once over many saved pages and report its errors.

    python tools/vnu.py FOLDER_OR_FILE ...     # exits 1 when a page has an error

One JVM start for all files (about 5 s for a hundred pages; one start per page would take
minutes). tools/get_vnu.sh puts the jar at var/vnu/vnu.jar; $VNU_JAR points elsewhere.
Used by the browser tests (every page they are served) and stce/tests/test_valid_html.py
(every page of the permission matrix).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlparse

HTML_SUFFIXES = {".html", ".htm"}
DEFAULT_JAR = Path(__file__).resolve().parent.parent / "var" / "vnu" / "vnu.jar"


class VnuUnavailable(RuntimeError):
    """java or vnu.jar is missing, or vnu said something that is not its JSON report."""


def jar_path() -> Path:
    return Path(os.environ.get("VNU_JAR") or DEFAULT_JAR)


def unavailable_reason() -> str | None:
    """Why vnu cannot run here (None when it can), for a test to skip or fail with."""
    if not shutil.which("java"):
        return "java is missing: apt-get install -y default-jre-headless (Java 17+)"
    if not jar_path().is_file():
        return f"{jar_path()} is missing: run tools/get_vnu.sh"
    return None


def _path_of(url: str) -> str:
    return unquote(urlparse(url).path) if url.startswith("file:") else url


def _targets(paths: Iterable[str | os.PathLike]) -> list[str]:
    # vnu passes a missing file or an empty folder silently: expand and check here.
    targets: list[str] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in HTML_SUFFIXES)
            if not found:
                raise FileNotFoundError(f"no .html files under {path}")
            targets += [str(p.resolve()) for p in found]
        elif path.is_file():
            targets.append(str(path.resolve()))  # absolute: never mistaken for an option
        else:
            raise FileNotFoundError(path)
    if not targets:
        raise ValueError("validate_html() needs at least one file")
    return targets


def validate_html(paths: Iterable[str | os.PathLike], *, timeout: float = 600) -> list[dict]:
    """The errors in these pages (files, or folders of .html files); [] when all are valid.

    Each error is {"file", "line", "column", "message", "extract", "type"}; type is "error",
    or "non-document-error" for a file vnu could not read. Warnings are not reported.
    """
    reason = unavailable_reason()
    if reason:
        raise VnuUnavailable(reason)
    command = [
        shutil.which("java"), "-Xss4m", "-jar", str(jar_path()),
        # --exit-zero-always: the JSON decides; a non-zero exit then means vnu itself broke.
        "--errors-only", "--format", "json", "--stdout", "--exit-zero-always",
        "--skip-non-html", "--no-langdetect", *_targets(paths),
    ]
    process = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    try:
        report = json.loads(process.stdout or "{}")
    except json.JSONDecodeError as exc:
        raise VnuUnavailable(
            f"vnu exited {process.returncode} without a JSON report:\n"
            f"{process.stdout[-2000:]}\n{process.stderr[-2000:]}"
        ) from exc
    if process.returncode != 0:
        raise VnuUnavailable(f"vnu exited {process.returncode}:\n{process.stderr[-2000:]}")
    return [
        {
            "file": _path_of(m.get("url", "")), "line": m.get("lastLine", m.get("firstLine")),
            "column": m.get("firstColumn", m.get("lastColumn")), "message": m.get("message", ""),
            "extract": m.get("extract", ""), "type": m.get("type"),
        }
        for m in report.get("messages", [])
        if m.get("type") in ("error", "non-document-error")
    ]


def format_errors(errors: list[dict], limit: int = 40) -> str:
    """One line per distinct message and markup: a template mistake repeats on every row and page."""
    groups: dict[tuple[str, str], list[dict]] = {}
    for error in errors:
        markup = re.sub(r"\d+", "N", (error.get("extract") or "").strip())
        groups.setdefault((error["message"], markup), []).append(error)
    lines = []
    for (message, markup), items in sorted(groups.items(), key=lambda group: -len(group[1])):
        first, pages = items[0], len({item["file"] for item in items})
        lines.append(
            f"[{len(items)}x, {pages} page(s)] {first['file']}:{first['line']}:{first['column']}: "
            f"{message}\n    {markup[:160]}"
        )
    if len(lines) > limit:
        lines = lines[:limit] + [f"... and {len(lines) - limit} more kinds of error"]
    return "\n".join(lines)


if __name__ == "__main__":
    found = validate_html(sys.argv[1:])
    print(format_errors(found) or "vnu: no errors")
    sys.exit(1 if found else 0)
