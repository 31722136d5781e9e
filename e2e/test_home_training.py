"""An accredited expert reports a training they delivered at home with 25 participants by
import and submits it; a coordinator accepts it; the programme dashboard's expert-delivered
figures grow by exactly that training and its 25 officials, and the WCO-run figures do not move.

The coordinator then issues the officials' certificates through the registry.
`report_a_home_training`, `accept_the_report` and `issue_the_certificates` are the journey's
steps, for a longer journey (the experts' portal as a whole) to call."""

import csv
import io
import re

from playwright.sync_api import Page, expect

from e2e.helpers import DEMO_PASSWORDS, assert_accessible, shot, sign_in, sign_out

USERNAME = "ace-home-e2e"
PASSWORD = "Home-Training-2026-e2e"
TITLE = "STCE national course, Mombasa"
PARTICIPANTS = 25

CREATE_EXPERT = f"""
import datetime
from django.contrib.auth import get_user_model
from accreditation.models import Expert, ExpertStatus
from people.models import Gender, Person
user = get_user_model().objects.create_user({USERNAME!r}, "ace.home@example.org", {PASSWORD!r})
person = Person.objects.create(given_name="Amani", family_name="Otieno", gender=Gender.FEMALE,
                               country_id="KE", email="ace.home@example.org", user=user)
Expert.objects.create(person=person, status=ExpertStatus.ACCREDITED,
                      accredited_on=datetime.date(2024, 1, 10), valid_until=datetime.date(2028, 1, 10))
"""


def visit(page: Page, name: str) -> None:
    shot(page, name)
    assert_accessible(page)


def delivery_figures(page: Page) -> dict[str, list[int]]:
    """The "WCO-run vs expert-delivered" table as the coordinator reads it: row → its numbers."""
    page.goto("/dashboards/programme/")
    rows = page.locator("#delivery-totals tbody tr")
    figures = {}
    for i in range(rows.count()):
        row = rows.nth(i)
        cells = [re.sub(r"\D", "", text) for text in row.locator("td").all_inner_texts()]
        figures[row.locator("th").inner_text().strip()] = [int(c or 0) for c in cells]
    return figures


def participants_file(page: Page) -> bytes:
    """A list of officials written under the import template's own column names."""
    template = page.request.get("/accreditation/me/reports/template/en.csv")
    assert template.ok
    header = next(csv.reader(io.StringIO(template.text().lstrip("\ufeff"))))
    values = {
        "Given name": lambda i: f"Neema{i}",
        "Family name": lambda i: f"Mwangi{i}",
        "Gender": lambda i: "female" if i % 2 else "male",
        "Country": lambda i: "KE",
        "E-mail": lambda i: f"neema.mwangi{i}@kra.example.org",
    }
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for i in range(PARTICIPANTS):
        writer.writerow([values.get(column.rstrip(" *"), lambda i: "")(i) for column in header])
    return out.getvalue().encode()


def report_a_home_training(
    page: Page, username: str = USERNAME, password: str = PASSWORD, title: str = TITLE
) -> None:
    """The expert reports the training, imports its participants and submits it."""
    DEMO_PASSWORDS[username] = password
    sign_in(page, username)
    page.goto("/accreditation/me/")
    page.get_by_role("link", name="Report a training").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report a training delivered at home")
    visit(page, "home-training-form")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Start date").fill("2026-10-05")
    page.get_by_label("End date").fill("2026-10-09")
    page.get_by_label("Place or platform").fill("Kenya School of Revenue Administration, Mombasa")
    page.get_by_role("button", name="Save the report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)

    page.get_by_role("link", name="Import participants").click()
    page.get_by_label("Participant list (.csv or .xlsx)").set_input_files(
        files=[{"name": "participants.csv", "mimeType": "text/csv", "buffer": participants_file(page)}]
    )
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator("main")).to_contain_text(f"{PARTICIPANTS} officials to add")
    visit(page, "home-training-import-report")
    page.get_by_role("button", name=f"Add {PARTICIPANTS} officials").click()
    expect(page.locator("#officials-count")).to_have_text(f"{PARTICIPANTS} named officials")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator("main")).to_contain_text("The report is with the programme's coordinators.")
    visit(page, "home-training-submitted")
    page.goto("/accreditation/me/reports/")
    expect(page.locator("tbody")).to_contain_text("Submitted for review")
    sign_out(page)


def accept_the_report(page: Page, title: str = TITLE) -> None:
    """The coordinator finds the report among those waiting and accepts it."""
    page.goto("/accreditation/home-trainings/?status=submitted")
    visit(page, "home-training-list")
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator("#officials-count")).to_have_text(f"{PARTICIPANTS} named officials")
    visit(page, "home-training-review")
    page.get_by_label("Accept").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator("main")).to_contain_text("Decision recorded.")


def issue_the_certificates(page: Page) -> None:
    """The coordinator issues the 25 officials' certificates of participation through the registry."""
    page.goto("/accreditation/home-trainings/?status=accepted")
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("button", name="Issue certificates of participation").click()
    expect(page.locator("main")).to_contain_text(f"{PARTICIPANTS} certificates issued.")
    expect(page.locator("#certificates-count")).to_contain_text(f"{PARTICIPANTS} valid certificates issued")
    visit(page, "home-training-certificates")


def test_an_accepted_home_training_counts_as_expert_delivered_and_nothing_else(page: Page, django_script):
    django_script(CREATE_EXPERT)
    sign_in(page, "coordinator")
    before = delivery_figures(page)
    sign_out(page)

    report_a_home_training(page)

    sign_in(page, "coordinator")
    accept_the_report(page)
    after = delivery_figures(page)
    visit(page, "programme-dashboard-delivery")

    wco, experts, together = "WCO-run", "Expert-delivered", "Together"
    assert after[wco] == before[wco]
    # Trainings, then officials by gender (female, male, another, not recorded), then all officials.
    grown = [a - b for a, b in zip(after[experts], before[experts], strict=True)]
    assert grown[0] == 1 and grown[-1] == PARTICIPANTS
    assert grown[1:5] == [12, 13, 0, 0]  # odd rows are women: 12 of 25
    assert [a - b for a, b in zip(after[together], before[together], strict=True)] == grown
    issue_the_certificates(page)
