"""What browser journeys do again and again: sign in and out, screenshots, accessibility."""

import time
from base64 import b32decode
from pathlib import Path

from django_otp.oath import hotp
from playwright.sync_api import Page

DEMO_PASSWORDS = {
    "coordinator": "stce-coordinator-2026",
    "trainer": "stce-trainer-2026",
    "admin": "stce-admin-2026",
}
AXE_BLOCKING_IMPACTS = {"serious", "critical"}
# Two-factor sign-in is on in the browser tests (as in production): the coordinator and the
# administrator set up an authenticator at their first sign-in of the session; the key read
# off that page lets the helper compute codes like a phone would.
AUTHENTICATOR_KEYS: dict[str, bytes] = {}
LAST_TIME_STEP: dict[str, int] = {}
TIME_STEP_DRIFT: dict[str, int] = {}


def shot(page: Page, name: str) -> Path:
    """Save a full-page screenshot as e2e/artifacts/<test>/NN-<name>.png (kept by CI)."""
    page.stce_shots += 1
    path = page.stce_artifacts / f"{page.stce_shots:02d}-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_in(page: Page, persona: str) -> None:
    """Password, then (coordinators and administrators) the authenticator code: the first
    time in the session through the set-up page and its recovery codes."""
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(persona)
    page.get_by_label("Password").fill(DEMO_PASSWORDS[persona])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    if "/accounts/two-factor/setup/" in page.url:
        shot(page, f"two-factor-setup-{persona}")
        assert_accessible(page)
        key = page.locator("#two-factor-key").inner_text()
        AUTHENTICATOR_KEYS[persona] = b32decode(key.replace(" ", ""))
        page.get_by_label("6-digit code from the app").fill(authenticator_code(persona))
        page.get_by_role("button", name="Turn on two-factor sign-in").click()
        page.wait_for_load_state()
        assert page.locator("#recovery-codes li").count() == 10, f"{persona}: no recovery codes"
        page.get_by_role("link", name="Continue").click()
        page.wait_for_load_state()
    elif "/accounts/two-factor/" in page.url:
        page.get_by_label("Code").fill(authenticator_code(persona))
        page.get_by_role("button", name="Verify").click()
        page.wait_for_load_state()
    assert "/accounts/" not in page.url, f"{persona} could not sign in (at {page.url})"


def authenticator_code(persona: str) -> str:
    """What the phone would show, but never a time step already used: the server accepts each
    step once, and journeys sign in several times within 30 seconds (the next step is
    accepted too, and the server follows the drift)."""
    # django-otp moves its window by the offset of each accepted code (OTP_TOTP_SYNC), so a code
    # sent ahead leaves the window ahead: aim at the server's window, not at the clock alone.
    now = int(time.time()) // 30
    step = max(now + TIME_STEP_DRIFT.get(persona, 0), LAST_TIME_STEP.get(persona, 0) + 1)
    LAST_TIME_STEP[persona] = step
    TIME_STEP_DRIFT[persona] = step - now
    return f"{hotp(AUTHENTICATOR_KEYS[persona], step):06d}"


def sign_out(page: Page) -> None:
    page.locator("#user-menu").click()  # the user menu is a dropdown
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def assert_accessible(page: Page) -> None:
    """Run axe-core (vendored, served by the app itself so the CSP allows it) on the page."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
    results = page.evaluate("async () => await window.axe.run(document)")
    blocking = [v for v in results["violations"] if v.get("impact") in AXE_BLOCKING_IMPACTS]
    details = [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:5])
        for v in blocking
    ]
    assert not blocking, f"axe on {page.url}:\n" + "\n".join(details)
