"""Journeys that work on today's screens: the curriculum and the people directory, and the
public verify page. Every page visited is screenshotted and checked with axe-core."""

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from e2e.helpers import assert_accessible, shot, sign_in, sign_out


def test_coordinator_maintains_the_curriculum_and_finds_a_person(page: Page):
    sign_in(page, "coordinator")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    shot(page, "home")
    assert_accessible(page)

    page.get_by_role("link", name="Curriculum").first.click()
    expect(page.get_by_role("heading", name="Curriculum")).to_be_visible()
    shot(page, "curriculum")
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("Add a module")).click()
    page.locator("#id_code").fill("E2E-01")
    page.locator("#id_title").fill("Detecting dual-use goods at the border")
    page.locator("#id_hours").fill("3")
    shot(page, "module-form")
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Module E2E-01 was added.")).to_be_visible()
    shot(page, "module-added")
    assert_accessible(page)

    page.get_by_role("link", name="Retire").click()
    expect(page.get_by_role("heading", name=re.compile("Retire E2E-01"))).to_be_visible()
    shot(page, "retire-confirmation")
    assert_accessible(page)
    page.get_by_role("button", name="Retire module").click()
    expect(page.get_by_text("Retired", exact=True)).to_be_visible()
    shot(page, "module-retired")

    page.get_by_role("link", name="People").first.click()
    page.get_by_label("Search").fill("иванов")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name="Дмитрий Иванов")).to_be_visible()
    shot(page, "people-search-cyrillic")
    assert_accessible(page)

    page.get_by_role("link", name="Дмитрий Иванов").click()
    expect(page.get_by_role("heading", name=re.compile("Дмитрий Иванов"))).to_be_visible()
    shot(page, "person")
    assert_accessible(page)

    sign_out(page)
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    shot(page, "signed-out")
    assert_accessible(page)


def test_a_visitor_is_told_an_unknown_certificate_code_is_not_found(page: Page):
    page.goto("/verify/")
    shot(page, "verify")
    assert_accessible(page)
    page.get_by_label("Verification code").fill("NOT-A-REAL-CODE-0000")
    # The page verifies by code or by serial number; this is the form of the code.
    by_code = page.get_by_role("region", name="With the code")
    by_code.get_by_role("button", name=re.compile("Verify|Check")).click()
    expect(page.get_by_text(re.compile("not found|could not find", re.IGNORECASE)).first).to_be_visible()
    shot(page, "verify-not-found")
    assert_accessible(page)


def test_an_administrator_opens_the_audit_log_and_lockouts(page: Page):
    sign_in(page, "admin")
    page.get_by_role("button", name="Administration").click()  # the menu holds the admin tools
    page.get_by_role("link", name="Audit log").click()
    expect(page.get_by_role("heading", name="Audit log")).to_be_visible()
    shot(page, "audit-log")
    assert_accessible(page)
    page.locator("table a").first.click()
    expect(page.get_by_role("heading", name=re.compile("Change history"))).to_be_visible()
    shot(page, "object-history")
    assert_accessible(page)
    page.get_by_role("button", name="Administration").click()  # the menu holds the admin tools
    page.get_by_role("link", name="Lockouts").click()
    expect(page.get_by_role("heading", name="Sign-in lockouts")).to_be_visible()
    shot(page, "lockouts")
    assert_accessible(page)


def test_the_accessibility_check_does_fail_on_a_serious_violation(page: Page):
    """The harness itself: an image without a text alternative must be reported."""
    page.goto("/verify/")
    page.evaluate("""() => {
        const img = document.createElement('img');
        img.src = '/static/vendor/axe-core/LICENSE';
        document.querySelector('main').append(img);
    }""")
    try:
        assert_accessible(page)
    except AssertionError as error:
        assert "image-alt" in str(error)
    else:
        raise AssertionError("axe did not report an image without alt text")


def test_an_administrator_exports_then_erases_a_person_on_request(page: Page):
    sign_in(page, "admin")
    page.goto("/people/?q=Wiśniewski")
    page.get_by_role("link", name="Łukasz Wiśniewski").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Export (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")
    with page.expect_download() as download:
        page.get_by_role("link", name="Export (JSON)").click()
    assert "Wiśniewski" in Path(download.value.path()).read_text(encoding="utf-8")

    page.get_by_role("link", name="Erase…").click()
    shot(page, "erase-confirmation")
    assert_accessible(page)
    page.get_by_label("Reason").fill("Request of 3 March, DP-2026-014")
    page.get_by_role("button", name="Erase this person's data").click()
    expect(page.get_by_label("I understand", exact=False)).to_be_visible()  # unconfirmed: asked again
    page.get_by_label("I understand", exact=False).check()
    page.get_by_role("button", name="Erase this person's data").click()
    expect(page.get_by_text("The person's data was erased.")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("Erased person #"))).to_be_visible()
    shot(page, "erased")
    assert_accessible(page)
