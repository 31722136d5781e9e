"""Every page of the permission matrix passes the Nu HTML Checker (vnu) with no error.

Each GET row is opened as every persona that may open it, the pages are saved and vnu
checks them all in one run (one JVM start). The browser tests check the pages they visit
as well (e2e/conftest.py), including forms after a POST; this catches most mistakes
without a browser. Needs Java 17+ and var/vnu/vnu.jar (tools/get_vnu.sh); without them the
test is skipped, unless STCE_REQUIRE_VNU=1 (CI) makes that a failure.
"""

import os

import pytest
from django.urls import reverse

from people.tests.permissions import PERSONAS
from stce.tests.test_permission_matrix import ALL_CASES
from stce.tests.world import build_world
from tools.vnu import format_errors, unavailable_reason, validate_html

PAGE_CASES = [case for case in ALL_CASES if case.method == "get" and 200 in case.expect.values()]


@pytest.fixture
def vnu():
    reason = unavailable_reason()
    if reason:
        if os.environ.get("STCE_REQUIRE_VNU") == "1":
            pytest.fail(f"STCE_REQUIRE_VNU=1 but {reason}")
        pytest.skip(reason)
    return validate_html


@pytest.mark.slow
def test_every_page_of_the_matrix_is_valid_html(vnu, trainer, other_trainer, persona_client, tmp_path):
    world = build_world(trainer=trainer, other_trainer=other_trainer)
    saved = 0
    for case in PAGE_CASES:
        url = reverse(case.name, kwargs=case.kwargs(world))
        for persona in PERSONAS:
            if case.expect[persona] != 200:
                continue
            response = persona_client(persona).get(url)
            if "text/html" not in response.get("Content-Type", ""):
                continue
            saved += 1
            name = f"{case.name.replace(':', '_')}-{persona}.html"
            (tmp_path / name).write_bytes(response.content)
    assert saved > 50
    errors = vnu([tmp_path])
    assert not errors, "Nu HTML Checker:\n" + format_errors(errors)


def test_the_checker_does_report_an_error(vnu, tmp_path):
    page = tmp_path / "radio.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>'
        '<form><input type="radio" name="r" autocomplete="off" aria-label="r"></form></body></html>'
    )
    errors = vnu([page])
    assert [error["message"].split(" is only")[0] for error in errors] == ["Attribute “autocomplete”"]


def test_sign_in_and_two_factor_pages_are_valid_html(vnu, client, coordinator, settings, tmp_path):
    """The pages around signing in, in the states the matrix does not reach (form errors,
    new recovery codes, a listed lockout)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from people.tests.two_factor_helpers import next_totp_code, sign_in

    settings.STCE_REQUIRE_2FA = True
    pages = {"login-error": sign_in(client, "coordinator", "wrong password")}
    sign_in(client, "coordinator", "correct-horse-battery")
    pages["setup"] = client.get(reverse("people:two-factor-setup"))
    pages["setup-error"] = client.post(reverse("people:two-factor-setup"), {"code": "12"})
    device = TOTPDevice.objects.get(user=coordinator)
    client.post(reverse("people:two-factor-setup"), {"code": next_totp_code(device)})
    pages["recovery-codes"] = client.get(reverse("people:two-factor-recovery-codes"))
    pages["recovery-codes-left"] = client.get(reverse("people:two-factor-recovery-codes"))
    pages["setup-replace"] = client.get(reverse("people:two-factor-setup"))
    client.post(reverse("logout"))
    sign_in(client, "coordinator", "correct-horse-battery")
    pages["verify"] = client.get(reverse("people:two-factor-verify"))
    pages["verify-error"] = client.post(reverse("people:two-factor-verify"), {"code": "nope"})
    for name, response in pages.items():
        assert response.status_code == 200, name
        (tmp_path / f"{name}.html").write_bytes(response.content)
    errors = vnu([tmp_path])
    assert not errors, "Nu HTML Checker:\n" + format_errors(errors)
