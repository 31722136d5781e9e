"""Background work in the browser: e-mails sent by the worker to a real SMTP server and read
back, a batch of 500 certificates and a 20,000-row import followed on their progress pages.

The scenarios are built straight in the live database (`django_script`): entering 500
attendance sheets by hand is what journey 2 shows on a small scale.
"""

import csv
import datetime
import re
from pathlib import Path

from playwright.sync_api import Page, expect

from e2e.helpers import assert_accessible, shot, sign_in, sign_out

SCENARIO = """
import datetime
from courses.models import AgendaItem, Attendance, AttendanceStatus, Enrolment, EventDay, TrainingEvent
from people.models import Country, Person

def event_with(count, *, title, start, attended, languages=("en",), status="confirmed"):
    event = TrainingEvent.objects.create(
        title=title, status=status, start_date=start, end_date=start + datetime.timedelta(days=2),
        time_zone="Asia/Almaty", platform="Zoom", venue="Almaty customs training centre",
    )
    days = [EventDay.objects.create(event=event, date=start + datetime.timedelta(days=i)) for i in range(3)]
    AgendaItem.objects.create(day=days[0], title="Opening and objectives", start_time=datetime.time(9),
                              end_time=datetime.time(10, 30))
    country = Country.objects.get(code="KZ")
    people = Person.objects.bulk_create(
        Person(given_name=f"Given{i}", family_name=f"{title[:12]} {i:04d}", country=country,
               email=f"e2e-{event.pk}-{i}@customs.example.org",
               preferred_language=languages[i % len(languages)])
        for i in range(count)
    )
    enrolments = Enrolment.objects.bulk_create(Enrolment(event=event, person=p) for p in people)
    if attended:
        Attendance.objects.bulk_create(
            Attendance(enrolment=e, day=d, status=AttendanceStatus.PRESENT) for e in enrolments for d in days
        )
    return event
"""


def visit(page: Page, name: str) -> None:
    shot(page, name)
    assert_accessible(page)


def _event(django_script, call: str) -> int:
    return int(django_script(SCENARIO + f"print({call}.pk)").strip().splitlines()[-1])


def test_joining_instructions_go_through_the_worker_and_say_everything(
    page: Page, django_script, smtp_server
):
    soon = datetime.date.today() + datetime.timedelta(days=40)
    pk = _event(
        django_script,
        f"event_with(3, title='Joining e2e', start=datetime.date.fromisoformat('{soon}'), "
        "attended=False, languages=('en', 'fr', 'ru'))",
    )
    sign_in(page, "coordinator")
    page.goto(f"/courses/events/{pk}/joining-instructions/")
    expect(page.locator("table")).to_contain_text("e2e-" + str(pk) + "-1@customs.example.org")
    page.get_by_role("link", name=re.compile(r"^Preview")).nth(1).click()
    expect(page.locator(".email-body")).to_contain_text("Opening and objectives")
    page.get_by_label("Message added to the e-mail").fill("Zoom meeting 123 456 7890, passcode 1540.")
    page.get_by_role("button", name="Preview with this note").click()
    expect(page.locator(".email-body")).to_contain_text("passcode 1540")
    visit(page, "joining-preview")
    before = smtp_server.count()
    page.get_by_role("button", name="Send", exact=True).click()
    # The progress page, then the event's send log once every message has an outcome.
    expect(page.get_by_role("heading", level=1)).to_contain_text("E-mails about this event", timeout=30_000)
    expect(page.locator("main")).to_contain_text("3 e-mails: 3 sent")
    visit(page, "send-log")
    smtp_server.wait_for(before + 3)
    received = {m["To"]: m for m in smtp_server.messages[before:]}
    french = received[f"e2e-{pk}-1@customs.example.org"]
    assert french["Content-Language"] == "fr" and french["Message-ID"].endswith(">")
    body = french.get_body(("plain",)).get_content()
    assert "passcode 1540" in body and "09:00–10:30" in body and "Asia/Almaty" in body
    [ics] = [p for p in french.iter_attachments() if p.get_filename() == "event.ics"]
    assert "DTSTART;TZID=Asia/Almaty:" in ics.get_content()
    link = next(line.strip() for line in body.splitlines() if "/courses/p/" in line)
    sign_out(page)
    page.goto(link)  # no account needed
    expect(page.get_by_role("heading", level=1)).to_have_text("Joining e2e")
    expect(page.locator("main")).to_contain_text("Opening and objectives")
    visit(page, "personal-page")


def test_a_batch_of_500_certificates_shows_its_progress(page: Page, django_script):
    past = datetime.date.today() - datetime.timedelta(days=30)
    pk = _event(
        django_script,
        f"event_with(500, title='Batch e2e', start=datetime.date.fromisoformat('{past}'), "
        "attended=True, status='completed')",
    )
    sign_in(page, "coordinator")
    page.goto(f"/certificates/events/{pk}/")
    expect(page.locator("main")).to_contain_text("500 certificates of completion still to issue")
    page.get_by_role("button", name="Issue 500").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Certificates of Batch e2e")
    # Counted as it goes: some done, not all (the worker issues and renders 20 at a time).
    expect(page.locator(".js-job-done")).to_have_text(re.compile(r"^[1-9]\d?\d?$"))
    expect(page.locator(".js-job-total")).to_have_text("500")
    visit(page, "batch-500-progress")
    expect(page.get_by_text("500 certificates were issued.")).to_be_visible(timeout=120_000)
    # The page lists 100 participants at a time, each with the serial issued to them.
    expect(page.get_by_role("link", name=re.compile(r"^STCE-\d{4}-KZ-\d{6}$"))).to_have_count(100)
    expect(page.get_by_text("Page 1 of 5")).to_be_visible()
    shot(page, "batch-500-issued")


def test_a_20000_row_import_is_committed_by_the_worker_with_progress(
    page: Page, django_script, tmp_path: Path
):
    soon = datetime.date.today() + datetime.timedelta(days=90)
    pk = _event(
        django_script,
        f"event_with(0, title='Import e2e', start=datetime.date.fromisoformat('{soon}'), "
        "attended=False, status='planned')",
    )
    rows = tmp_path / "participants-20000.csv"
    with rows.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Given name", "Family name", "Gender", "Country", "E-mail"])
        for i in range(20_000):
            writer.writerow(
                [
                    f"Aigerim{i}",
                    f"Import {i:05d}",
                    "female" if i % 2 else "male",
                    "KZ",
                    f"import{i:05d}@customs.example.org",
                ]
            )
    sign_in(page, "coordinator")
    page.goto(f"/courses/events/{pk}/participants/import/")
    page.get_by_label("Participant list (.csv or .xlsx)").set_input_files(str(rows))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("button", name="Commit the import")).to_be_visible(timeout=60_000)
    shot(page, "import-20000-preview")
    page.get_by_role("button", name="Commit the import").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Import of participants-20000.csv")
    # The worker checks the rows again (counted), then writes them in one transaction.
    expect(page.locator(".js-job-status")).to_have_text(
        re.compile("Checking the rows again|Saving every row")
    )
    visit(page, "import-20000-progress")
    expect(page.locator(".alert-success")).to_contain_text("Imported: 20000 enrolled", timeout=180_000)
    shot(page, "import-20000-done")
