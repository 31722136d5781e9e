"""What browser journeys do again and again: sign in and out, screenshots, accessibility."""

from pathlib import Path

from playwright.sync_api import Page

DEMO_PASSWORDS = {
    "coordinator": "stce-coordinator-2026",
    "trainer": "stce-trainer-2026",
    "admin": "stce-admin-2026",
}
AXE_BLOCKING_IMPACTS = {"serious", "critical"}


def shot(page: Page, name: str) -> Path:
    """Save a full-page screenshot as e2e/artifacts/<test>/NN-<name>.png (kept by CI)."""
    page.stce_shots += 1
    path = page.stce_artifacts / f"{page.stce_shots:02d}-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_in(page: Page, persona: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(persona)
    page.get_by_label("Password").fill(DEMO_PASSWORDS[persona])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, f"{persona} could not sign in"


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
