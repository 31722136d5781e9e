"""Every URL × every persona gets the expected status (and new URLs cannot slip through)."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accreditation.tests.url_matrix import CASES as ACCREDITATION_CASES
from courses.tests.url_matrix import CASES as COURSES_CASES
from stce.tests.url_matrix import CASES as CORE_CASES
from stce.tests.url_matrix import PERSONAS
from stce.tests.world import build_world

ALL_CASES = CORE_CASES + COURSES_CASES + ACCREDITATION_CASES
# The Django admin has its own staff checks (tested separately); static files are not views.
IGNORED_NAMESPACES = {"admin"}


def named_urls(patterns=None, namespace=None) -> set[str]:
    names = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            if ns in IGNORED_NAMESPACES:
                continue
            full_ns = ":".join(filter(None, [namespace, ns])) or None
            names |= named_urls(pattern.url_patterns, full_ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


def test_every_url_has_a_row_in_the_permission_matrix():
    covered = {case.name for case in ALL_CASES}
    missing = named_urls() - covered
    assert not missing, f"Add these URLs to a url_matrix.py: {sorted(missing)}"


def test_every_row_names_every_persona():
    for case in ALL_CASES:
        assert set(case.expect) == set(PERSONAS), case.id


@pytest.fixture
def world(trainer, other_trainer):
    return build_world(trainer=trainer, other_trainer=other_trainer)


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda c: c.id)
def test_permission_ladder(case, world, persona_client):
    url = reverse(case.name, kwargs=case.kwargs(world))
    for persona in PERSONAS:
        client = persona_client(persona)
        response = getattr(client, case.method)(url)
        expected = case.expect[persona]
        assert response.status_code == expected, (
            f"{case.id} as {persona}: got {response.status_code}, expected {expected}"
        )
        if persona == "anonymous" and expected == 302 and case.name not in {"home", "set_language", "login"}:
            assert response["Location"].startswith(reverse("login")), case.id


def test_admin_is_for_administrators_only(persona_client):
    url = reverse("admin:index")
    assert persona_client("anonymous").get(url).status_code == 302
    assert persona_client("coordinator").get(url).status_code == 302
    assert persona_client("administrator").get(url).status_code == 200
