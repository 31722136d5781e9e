"""The permission matrix: every URL × every persona → expected status.

Each app keeps its rows in `<app>/tests/url_matrix.py` as `CASES`; the test in
stce/tests/test_permission_matrix.py runs them all and fails when a URL has no row.
`kwargs` receives the `world` (see stce/tests/world.py) and returns the URL's arguments.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

ANON = "anonymous"
COORD = "coordinator"
TRAINER = "trainer"
OTHER = "other_trainer"
ADMIN = "administrator"
PERSONAS = (ANON, COORD, TRAINER, OTHER, ADMIN)

LOGIN = 302  # anonymous users are redirected to the login page


@dataclass
class Case:
    name: str
    expect: dict[str, int]
    kwargs: Callable[[object], dict] = field(default=lambda world: {})
    method: str = "get"

    @property
    def id(self) -> str:
        return f"{self.method.upper()} {self.name}"


def ladder(*, coord=200, trainer=403, other=403, admin=200, anon=LOGIN) -> dict[str, int]:
    return {ANON: anon, COORD: coord, TRAINER: trainer, OTHER: other, ADMIN: admin}


def everyone(status=200) -> dict[str, int]:
    return dict.fromkeys(PERSONAS, status)


def signed_in(status=200) -> dict[str, int]:
    return {**dict.fromkeys(PERSONAS, status), ANON: LOGIN}


CASES = [
    Case("home", {**signed_in(), ANON: 302}),
    Case("healthz", everyone()),
    Case("login", {**everyone(302), ANON: 200}),  # signed-in users are sent home
    Case("logout", everyone(405)),  # logging out is POST only (CSRF-safe)
    Case("password_change", signed_in()),
    Case("password_change_done", signed_in()),
    Case("set_language", everyone(302), method="post"),
    Case("verify-lookup", everyone()),
    Case("verify", everyone(404), kwargs=lambda w: {"code": "0" * 32}),
    Case("verify", everyone(200), kwargs=lambda w: {"code": w.certificate.code}),
    Case("stce:person-list", ladder()),
    Case("stce:person-create", ladder()),
    Case("stce:person-detail", ladder(), kwargs=lambda w: {"pk": w.person.pk}),
    Case("stce:person-edit", ladder(), kwargs=lambda w: {"pk": w.person.pk}),
    Case("stce:person-merge", ladder(), kwargs=lambda w: {"pk": w.person.pk}),
    # Certificates (issue 5): coordinators and administrators; verification is public (above).
    Case("stce:certificate-list", ladder()),
    Case("stce:certificate-preview", ladder()),
    Case("stce:certificate-detail", ladder(), kwargs=lambda w: {"pk": w.certificate.pk}),
    Case("stce:certificate-pdf", ladder(), kwargs=lambda w: {"pk": w.certificate.pk}),
    Case("stce:certificate-revoke", ladder(), kwargs=lambda w: {"pk": w.certificate.pk}),
    Case("stce:certificate-reissue", ladder(), kwargs=lambda w: {"pk": w.certificate.pk}),
    Case(
        "stce:certificate-send", ladder(coord=302, admin=302), method="post",
        kwargs=lambda w: {"pk": w.certificate.pk},
    ),
    Case("stce:certificate-event", ladder(), kwargs=lambda w: {"event_pk": w.event.pk}),
    Case(
        "stce:certificate-issue", ladder(),
        kwargs=lambda w: {"event_pk": w.event.pk, "person_pk": w.person.pk},
    ),
    Case("stce:certificate-event-zip", ladder(), kwargs=lambda w: {"event_pk": w.event.pk}),
    Case("stce:certificate-event-pdf", ladder(), kwargs=lambda w: {"event_pk": w.event.pk}),
    Case(
        "stce:certificate-event-send", ladder(coord=302, admin=302), method="post",
        kwargs=lambda w: {"event_pk": w.event.pk},
    ),
    Case("stce:person-export-json", ladder(), kwargs=lambda w: {"pk": w.person.pk}),
    Case("stce:person-export-pdf", ladder(), kwargs=lambda w: {"pk": w.person.pk}),
    Case("stce:person-erase", ladder(coord=403), kwargs=lambda w: {"pk": w.person.pk}),
    Case("stce:audit-log", ladder(coord=403)),
    Case("stce:lockout-list", ladder(coord=403)),
    Case(
        "stce:audit-object", ladder(coord=403),
        kwargs=lambda w: {"app_label": "stce", "model_name": "person", "pk": w.person.pk},
    ),
    Case("stce:dashboard-gender", ladder()),
    Case("stce:dashboard-programme", ladder()),
    Case(
        "stce:dashboard-export", ladder(),
        kwargs=lambda w: {"dashboard": "gender", "table": "trainees", "fmt": "csv"},
    ),
]
