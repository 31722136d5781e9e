"""Tasks for the tests of background (importable by path, as a worker imports them)."""

from django_tasks import task

from background.retry import retry

CALLS: list[str] = []


@retry(max_attempts=3, base=60, factor=2, jitter=0)
@task()
def always_fails(label: str) -> None:
    CALLS.append(label)
    raise ValueError(f"boom {label}")


@task()
def records(label: str = "", day: str = "") -> str:
    CALLS.append(label or day)
    return label or day
