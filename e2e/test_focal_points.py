"""A coordinator invites a focal point, the invitation reaches the SMTP server through the
worker, the focal point chooses a password from its link and lands on their invitations; then
the coordinator withdraws the role after a confirmation page."""

import re

from playwright.sync_api import Page, expect

from e2e.helpers import assert_accessible, shot, sign_in, sign_out

ADDRESS = "aigerim.focal@customs.example.org"
PASSWORD = "Steppe-Eagle-2026-e2e"


def visit(page: Page, name: str) -> None:
    shot(page, name)
    assert_accessible(page)


def test_a_focal_point_is_invited_chooses_a_password_and_is_withdrawn(page: Page, smtp_server):
    sign_in(page, "coordinator")
    page.get_by_role("link", name="Focal points", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Focal points")
    page.get_by_role("link", name="Invite a focal point").click()
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.locator("main")).to_contain_text("This field is required.")
    visit(page, "focal-point-invite-refused")

    page.get_by_label("Given name").fill("Aigerim")
    page.get_by_label("Family name").fill("Focal")
    page.get_by_role("textbox", name="E-mail").fill(ADDRESS)
    page.get_by_label("Countries").select_option(label="Kazakhstan")
    page.get_by_label("Language of the e-mails").select_option("ru")
    before = smtp_server.count()
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.locator("main")).to_contain_text("the invitation to choose a password is on its way")
    expect(page.locator("tbody")).to_contain_text(ADDRESS)
    visit(page, "focal-point-list")

    smtp_server.wait_for(before + 1)
    [email] = [m for m in smtp_server.messages[before:] if m["To"] == ADDRESS]
    assert email["Content-Language"] == "ru"
    body = email.get_body(("plain",)).get_content()
    link = re.search(r"http://\S+/nominations/welcome/\S+/", body).group(0)
    sign_out(page)

    page.goto(link)  # no account needed: the link is the key
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose your password")
    visit(page, "focal-point-welcome")
    page.locator("#id_new_password1").fill(PASSWORD)
    page.locator("#id_new_password2").fill(PASSWORD)
    page.get_by_role("button", name="Set my password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Invitations to nominate")
    expect(page.get_by_role("link", name="Nominations", exact=True)).to_be_visible()
    visit(page, "focal-point-home")
    sign_out(page)
    page.goto(link)
    expect(page.locator("main")).to_contain_text("This link no longer works")

    sign_in(page, "coordinator")
    page.goto("/nominations/focal-points/?q=aigerim")
    page.get_by_role("link", name=re.compile("^Withdraw the role")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Withdraw the role of Aigerim Focal?")
    visit(page, "focal-point-withdraw")
    page.get_by_role("button", name="Withdraw the role").click()
    expect(page.locator("main")).to_contain_text("Aigerim Focal is no longer a focal point.")
    expect(page.locator("main")).not_to_contain_text(ADDRESS)  # listed again once asked for: withdrawn
