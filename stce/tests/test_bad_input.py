"""No page answers 500 to bad input: odd query strings, odd ids in forms, the wrong method."""

import pytest

from stce.tests.test_permission_matrix import ALL_CASES
from stce.tests.world import build_world

JUNK = "x'\"<>%00"
BAD_QUERY = {
    "page": "abc", "sort": JUNK, "q": JUNK, "year": "99999999999999999999", "status": JUNK,
    "language": "abc", "region": "abc", "country": "abc", "module": "abc", "gender": JUNK,
    "kind": JUNK, "format": JUNK, "lang": JUNK, "event": "abc", "person": "abc", "other": "abc",
    "day": "abc", "available_from": "2026-13-45", "available_to": "yesterday",
    "year_from": "99999999999999999999", "year_to": "abc", "period_from": "abc", "period_to": "abc",
    "start": "abc", "end": "abc", "from": "abc", "to": "abc", "valid_through": "abc", "include_ending": JUNK,
}
BAD_POST = BAD_QUERY | {
    "role": JUNK, "token": JUNK, "approve": JUNK, "rationale": "", "participation": "abc",
    "action": JUNK, "direction": JUNK, "next": "https://evil.example/", "resend": JUNK,
}
BAD_POST_WITH_CREATE = BAD_POST | {"action": "add"}


@pytest.fixture
def world(trainer, other_trainer):
    return build_world(trainer=trainer, other_trainer=other_trainer)


# A row with its own query string (a list's ?export=) would get BAD_QUERY in its place: the
# same request as the page's row.
ADDRESSES = [case for case in ALL_CASES if not case.query]


@pytest.mark.parametrize("case", ADDRESSES, ids=lambda c: c.id)
@pytest.mark.parametrize("persona", ["coordinator", "administrator", "trainer"])
def test_bad_input_never_raises_a_server_error(case, persona, world, persona_client):
    client = persona_client(persona)
    client.raise_request_exception = True
    url = case.url(world)
    assert client.get(url, BAD_QUERY).status_code < 500
    assert client.post(url, BAD_POST).status_code < 500
    assert client.post(url, BAD_POST_WITH_CREATE).status_code < 500
    assert client.put(url).status_code < 500


@pytest.mark.parametrize(
    "url",
    [
        "/audit/stce/person/abc/",
        "/audit/stce/person/99999999999999999999999/",
        "/audit/auth/user/1/",
        "/verify/%27%22%3C%3E/",
        "/accreditation/experts/1/evidence/nonsense/",
        "/accreditation/experts/99999999999999999999999/",
    ],
)
def test_odd_ids_in_the_address_are_not_found_not_a_server_error(url, world, persona_client):
    client = persona_client("administrator")
    client.raise_request_exception = True
    assert client.get(url).status_code in (403, 404)
