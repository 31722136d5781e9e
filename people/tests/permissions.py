"""The permission matrix: every URL × every persona → expected status.

Each app keeps its rows in `<app>/tests/url_matrix.py` as `CASES`, built with the helpers
here; the test in stce/tests/test_permission_matrix.py collects every app's rows, runs them
all and fails when a URL has no row.
`kwargs` receives the `world` (see stce/tests/world.py) and returns the URL's arguments;
`query` is a query string that makes another page of the same URL (a list's `?export=csv`).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse

ANON = "anonymous"
COORD = "coordinator"
TRAINER = "trainer"
OTHER = "other_trainer"
ADMIN = "administrator"
# A focal point of one country (world.focal_point): the world's event is one their country is
# invited to, world.nomination is their nominee; world.other_event and world.other_nomination
# belong to another country's focal point.
FOCAL = "focal_point"
# An accredited expert who signs in to the experts' portal (world.portal_expert), with no role of
# their own; world.expert is another expert, whose records the persona must not find (404).
EXPERT = "expert"
PERSONAS = (ANON, COORD, TRAINER, OTHER, ADMIN, FOCAL, EXPERT)

LOGIN = 302  # anonymous users are redirected to the login page


@dataclass
class Case:
    name: str
    expect: dict[str, int]
    kwargs: Callable[[object], dict] = field(default=lambda world: {})
    method: str = "get"
    query: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.method.upper()} {self.name}" + (f"?{urlencode(self.query)}" if self.query else "")

    def url(self, world) -> str:
        url = reverse(self.name, kwargs=self.kwargs(world))
        return f"{url}?{urlencode(self.query)}" if self.query else url


def exports(name: str, expect: dict[str, int], **options) -> list[Case]:
    """Rows for a list page's CSV and XLSX exports (`?export=` on the page's own URL)."""
    return [Case(name, expect, query={"export": fmt}, **options) for fmt in ("csv", "xlsx")]


def ladder(
    *, coord=200, trainer=403, other=403, admin=200, anon=LOGIN, focal=403, expert=403
) -> dict[str, int]:
    """Statuses by persona. Focal points and experts have none of the three roles, so a page that
    needs one refuses them (403) before it looks for the object (where a trainer may get 404)."""
    return {
        ANON: anon, COORD: coord, TRAINER: trainer, OTHER: other, ADMIN: admin, FOCAL: focal,
        EXPERT: expert,
    }


def everyone(status=200) -> dict[str, int]:
    return dict.fromkeys(PERSONAS, status)


def signed_in(status=200) -> dict[str, int]:
    return {**dict.fromkeys(PERSONAS, status), ANON: LOGIN}


def any_role(status=200) -> dict[str, int]:
    """Pages for every signed-in user with a role: coordinators, trainers, administrators. Focal
    points and experts have no role (403)."""
    return {**signed_in(status), FOCAL: 403, EXPERT: 403}


