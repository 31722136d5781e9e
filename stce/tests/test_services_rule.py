"""No view or form writes to the database itself: every write goes through a service
(README, "Architecture"), where it gets one transaction, the rules and a clear refusal.

The check reads the code (ast) of every view module (`<app>/views/*.py`, `<app>/views.py` and
any other module the URLs route to) and every form module, and fails on a call that writes.
"""

import ast
import inspect
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

ROOT = Path(__file__).resolve().parents[2]
APPS = (
    "people", "background", "mailing", "courses", "certificates", "accreditation", "nominations", "reporting",
    "stce",
)

# Methods that write whatever they are called on (model, form, manager, queryset).
WRITES = {
    "save", "save_m2m", "delete", "create", "bulk_create", "bulk_update", "get_or_create",
    "update_or_create",
}
# Methods that write when called on a manager or queryset (`Event.objects.update(...)`,
# `x.filter(...).update(...)`, `event.languages.set(...)`), never on a plain name: updating a
# context dict (`context.update(...)`) or the cache (`cache.set(...)`) is not a database write.
WRITES_THROUGH_MANAGERS = {"update", "set", "add", "remove", "clear"}

# Legitimate exceptions, as {(path relative to the project, method): why}. None today; an
# entry needs a reason that a reviewer accepts.
ALLOWED: dict[tuple[str, str], str] = {}


def writes_in(source: str) -> list[tuple[int, str]]:
    """(line, method) of every call in `source` that writes to the database."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        method, receiver = node.func.attr, node.func.value
        if method in WRITES or (
            method in WRITES_THROUGH_MANAGERS and not isinstance(receiver, ast.Name)
        ):
            found.append((node.lineno, method))
    return sorted(found)


def _routed_modules(patterns=None) -> set[Path]:
    """Files of the project's own modules that a URL routes to (decorators unwrapped)."""
    files = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            files |= _routed_modules(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            view = inspect.unwrap(pattern.callback)
            view = getattr(view, "view_class", view)
            module = inspect.getmodule(view)
            path = Path(inspect.getfile(module)).resolve() if module else None
            # The admin is the back office (Django's own views, its own protections).
            first_party = path and path.is_relative_to(ROOT) and path.relative_to(ROOT).parts[0] in APPS
            if first_party and not module.__name__.endswith(".admin"):
                files.add(path)
    return files


def checked_files() -> list[Path]:
    files = _routed_modules()
    for app in APPS:
        for kind in ("views", "forms"):
            files |= set((ROOT / app / kind).glob("*.py"))
            if (ROOT / app / f"{kind}.py").exists():
                files.add(ROOT / app / f"{kind}.py")
    return sorted(files)


def test_the_check_sees_writes_and_lets_dicts_be():
    source = """
form.save()
item = form.save(commit=False)
form.save_m2m()
assignment.delete()
Event.objects.create(title="x")
Event.objects.update(title="x")
Event.objects.filter(pk=1).update(title="x")
event.days.create(date=d)
event.languages.set(languages)
Person.objects.bulk_create(people)
context.update(form=form)
params.update(filters)
cache.set(key, 1)
cache.add(key, 1)
"""
    assert [method for _line, method in writes_in(source)] == [
        "save", "save", "save_m2m", "delete", "create", "update", "update", "create", "set",
        "bulk_create",
    ]


def test_the_checked_files_include_every_kind_of_view_module():
    names = {path.relative_to(ROOT).as_posix() for path in checked_files()}
    assert {
        "reporting/views.py", "stce/views/core.py", "courses/views/trainers.py",
        "people/forms/people.py", "stce/language.py",
    } <= names


def test_no_view_or_form_writes_to_the_database_itself():
    offences = []
    for path in checked_files():
        relative = path.relative_to(ROOT).as_posix()
        for line, method in writes_in(path.read_text(encoding="utf-8")):
            if (relative, method) not in ALLOWED:
                offences.append(f"{relative}:{line} .{method}(")
    assert not offences, (
        "Views and forms write through a service (<app>/services/); move these writes there:\n"
        + "\n".join(offences)
    )
