"""The three journeys of a training, end to end in the browser, in the order they happen.

1. A coordinator builds a five-day national training from the curriculum, postpones it,
   imports 60 participants from a CSV (three bad rows first), and assigns two trainers.
2. The demo trainer records the five days of attendance and reads who completed.
3. The coordinator issues the certificates and downloads them; an anonymous visitor
   verifies one; an administrator decides an accreditation proposal and opens the gender
   dashboard.

The journeys build on one another (as the work does), so they share the event through
`TRAINING` and run in file order; a later journey is skipped, not failed, when an earlier
one did not get as far as it needs. Every page visited is screenshotted and checked by axe.
"""

import csv
import datetime
import io
import re
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from e2e.helpers import assert_accessible, shot, sign_in, sign_out

TITLE = "STCE National Training – Kazakhstan (e2e)"
TIME_ZONE = "Asia/Almaty"
REASON = "The host administration asked for a later week: the venue was unavailable."
SECOND_TRAINER = "Дмитрий Иванов"

# 60 participants in several scripts, each with a country the directory knows.
PARTICIPANTS = [
    # given name, family name, gender, country, name in Latin script
    ("Айгерим", "Сейтқали", "female", "KZ", "Aigerim Seitkali"),
    ("Ерлан", "Жаксыбеков", "male", "KZ", "Yerlan Zhaksybekov"),
    ("Динара", "Абенова", "female", "KZ", "Dinara Abenova"),
    ("Нурлан", "Мусин", "male", "KZ", "Nurlan Musin"),
    ("Асель", "Касымова", "female", "KZ", "Assel Kassymova"),
    ("Анна", "Кузнецова", "female", "RU", "Anna Kuznetsova"),
    ("Сергей", "Морозов", "male", "RU", "Sergei Morozov"),
    ("Ольга", "Ковальчук", "female", "UA", "Olha Kovalchuk"),
    ("Тарас", "Шевчук", "male", "UA", "Taras Shevchuk"),
    ("Гульнара", "Исмаилова", "female", "UZ", "Gulnara Ismailova"),
    ("Бахтиёр", "Рахимов", "male", "UZ", "Bakhtiyor Rakhimov"),
    ("Айбек", "Токтогулов", "male", "KG", "Aibek Toktogulov"),
    ("Тамар", "Лорткипанидзе", "female", "GE", "Tamar Lortkipanidze"),
    ("Гиорги", "Кварацхелия", "male", "GE", "Giorgi Kvaratskhelia"),
    ("ნინო", "გელაშვილი", "female", "GE", "Nino Gelashvili"),
    ("Արամ", "Պետրոսյան", "male", "AM", "Aram Petrosyan"),
    ("Անի", "Հակոբյան", "female", "AM", "Ani Hakobyan"),
    ("Ελένη", "Παπαδοπούλου", "female", "GR", "Eleni Papadopoulou"),
    ("Γιώργος", "Νικολάου", "male", "GR", "Giorgos Nikolaou"),
    ("伟", "王", "male", "CN", "Wang Wei"),
    ("娜", "李", "female", "CN", "Li Na"),
    ("静", "张", "female", "CN", "Zhang Jing"),
    ("明", "陈", "male", "CN", "Chen Ming"),
    ("美玲", "林", "female", "TW", "Lin Meiling"),
    ("健太", "佐藤", "male", "JP", "Sato Kenta"),
    ("محمد", "العلي", "male", "JO", "Mohammad Al-Ali"),
    ("فاطمة", "الزهراء", "female", "MA", "Fatima Zahra"),
    ("يوسف", "بن علي", "male", "TN", "Youssef Ben Ali"),
    ("ليلى", "حداد", "female", "LB", "Leila Haddad"),
    ("שרה", "כהן", "female", "IL", "Sarah Cohen"),
    ("Zeynep", "Yıldırım", "female", "TR", "Zeynep Yildirim"),
    ("Mehmet", "Öztürk", "male", "TR", "Mehmet Ozturk"),
    ("Łucja", "Wójcik", "female", "PL", ""),
    ("Paweł", "Zieliński", "male", "PL", ""),
    ("Tereza", "Dvořáková", "female", "CZ", ""),
    ("Ólafur", "Þórsson", "male", "IS", ""),
    ("Ana Lucía", "Fernández", "female", "ES", ""),
    ("José", "Martínez", "male", "ES", ""),
    ("João", "Gonçalves", "male", "PT", ""),
    ("Inês", "Carvalho", "female", "PT", ""),
    ("Camila", "Rodríguez", "female", "AR", ""),
    ("Mateo", "Pérez", "male", "CO", ""),
    ("Valentina", "Gómez", "female", "PE", ""),
    ("Sebastián", "Díaz", "male", "CL", ""),
    ("Nguyễn Thị", "Lan", "female", "VN", ""),
    ("Trần Văn", "Minh", "male", "VN", ""),
    ("Ngozi", "Okonkwo", "female", "NG", ""),
    ("Chinedu", "Eze", "male", "NG", ""),
    ("Amina", "Diallo", "female", "SN", ""),
    ("Moussa", "Traoré", "male", "ML", ""),
    ("Wanjiru", "Kamau", "female", "KE", ""),
    ("Thabo", "Mokoena", "male", "ZA", ""),
    ("Priya", "Sharma", "female", "IN", ""),
    ("Arjun", "Nair", "male", "IN", ""),
    ("Siti", "Rahmawati", "female", "ID", ""),
    ("Rizal", "Santoso", "male", "ID", ""),
    ("Maria", "Santos", "female", "PH", ""),
    ("Hélène", "Dubois", "female", "FR", ""),
    ("Mathieu", "Lefèvre", "male", "BE", ""),
    ("Grace", "Mensah", "female", "GH", ""),
]
assert len(PARTICIPANTS) == 60 and len({(g, f) for g, f, *_ in PARTICIPANTS}) == 60

# Who does what on the attendance sheet (full names as the sheet shows them).
ABSENT_TWICE = "Paweł Zieliński"  # absent on days 2 and 3: 60 %, below the 80 % rule
ABSENT_ONCE = "Amina Diallo"  # absent on day 1: 80 %, still completes
LATE_ONCE = "Ελένη Παπαδοπούλου"  # late on day 1: late counts as attended

TRAINING: dict = {}  # what journey 1 built, for journeys 2 and 3


def training_weeks(today: datetime.date) -> tuple[tuple, tuple]:
    """The planned week and the week it is postponed to, Monday to Friday.

    Attendance can only be taken on days that have come in the event's time zone, so the
    new week is the last one ending at least three days ago; the original week is three
    weeks earlier (a postponement on paper, in the past, so the trainer can fill all days).
    """
    end = today - datetime.timedelta(days=3)
    while end.weekday() != 4:
        end -= datetime.timedelta(days=1)
    start = end - datetime.timedelta(days=4)
    earlier = datetime.timedelta(weeks=3)
    return (start - earlier, end - earlier), (start, end)


def participants_csv(folder: Path, *, with_mistakes: bool) -> Path:
    """The list as a coordinator gets it from the host administration."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Given name", "Family name", "Gender", "Country", "E-mail", "Name in Latin script"])
    for number, (given, family, gender, country, latin) in enumerate(PARTICIPANTS, start=1):
        email = f"participant{number:02d}@customs.example.org"
        if with_mistakes and number == 7:
            country = "Atlantis"
        if with_mistakes and number == 23:
            email = "chen.ming@"
        if with_mistakes and number == 41:
            family = ""
        writer.writerow([given, family, gender, country, email, latin])
    path = folder / ("participants-draft.csv" if with_mistakes else "participants.csv")
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def visit(page: Page, name: str) -> None:
    shot(page, name)
    assert_accessible(page)


def open_training(page: Page) -> None:
    page.goto(TRAINING["url"])
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)


def test_journey_1_coordinator_builds_postpones_fills_and_staffs_a_training(page: Page, tmp_path: Path):
    TRAINING.clear()
    (planned_start, planned_end), (start, end) = training_weeks(datetime.date.today())
    sign_in(page, "coordinator")

    # Create the event.
    page.get_by_role("link", name="Events", exact=True).first.click()
    visit(page, "events")
    page.get_by_role("link", name=re.compile("Add an event")).click()
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Kind").select_option(label="National training")
    page.get_by_label("Host country").select_option(value="KZ")
    page.get_by_label("Venue").fill("Customs Training Centre, Almaty")
    page.get_by_label("Time zone").fill(TIME_ZONE)
    page.get_by_label("Start date").fill(planned_start.isoformat())
    page.get_by_label("End date").fill(planned_end.isoformat())
    page.get_by_label("English").check()
    page.get_by_label("Russian").check()
    page.get_by_label("Capacity").fill("60")
    visit(page, "event-form")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    TRAINING["url"] = page.url
    visit(page, "event-created")

    # Days from the dates, then curriculum modules on the first two days.
    page.get_by_role("button", name="Add days from the dates").click()
    expect(page.get_by_text("5 days added.")).to_be_visible()
    expect(page.locator("section.agenda-day")).to_have_count(5)
    visit(page, "days-added")
    for day_index, codes in ((0, ("STCE-01", "STCE-02")), (1, ("STCE-03", "STCE-06"))):
        page.get_by_role("link", name="Add curriculum modules").click()
        page.locator("#id_day").select_option(index=day_index + 1)
        for code in codes:
            page.get_by_label(re.compile(rf"{code}\s")).check()
        visit(page, f"agenda-modules-day-{day_index + 1}")
        page.get_by_role("button", name="Add to the agenda").click()
        expect(page.get_by_text("2 modules added to the agenda.")).to_be_visible()
    expect(page.locator("#agenda ~ section.agenda-day .badge", has_text="STCE-06")).to_be_visible()
    visit(page, "agenda")

    # Plan it, then postpone it by three weeks with a reason.
    page.get_by_role("button", name="Mark as planned", exact=True).click()
    expect(page.locator("h1 .badge")).to_have_text("Planned")
    page.get_by_role("link", name="Postpone…").click()
    page.get_by_label("New start date").fill(start.isoformat())
    page.get_by_label("New end date").fill(end.isoformat())
    expect(page.get_by_label(re.compile("This is a postponement"))).to_be_checked()
    page.get_by_label("Reason").fill(REASON)
    visit(page, "postpone-form")
    page.get_by_role("button", name="Change the dates").click()
    expect(page.locator("h1 .badge")).to_have_text("Postponed")
    was = f"{planned_end.day} {planned_end:%B %Y}"  # the old range ends like this, within a month or not
    expect(page.locator("p.lead")).to_contain_text(re.compile(rf"postponed from .*{was}"))
    expect(page.get_by_role("cell", name=REASON)).to_be_visible()
    # The days moved with the event.
    first_day = page.locator("section.agenda-day h3").first
    expect(first_day).to_contain_text(f"{start:%A} {start.day} {start:%B %Y}")
    visit(page, "postponed")
    page.get_by_role("button", name="Confirm", exact=True).click()
    expect(page.locator("h1 .badge")).to_have_text("Confirmed")

    # Import the participant list: three bad rows are named, nothing is written.
    page.get_by_role("link", name="Import CSV/XLSX").first.click()
    visit(page, "import-form")
    upload = page.get_by_label(re.compile("Participant list"))
    upload.set_input_files(participants_csv(tmp_path, with_mistakes=True))
    page.get_by_role("button", name="Check the file").click()
    report = page.locator("table", has=page.get_by_text("Problem"))
    expect(report.locator("caption")).to_contain_text("3 errors")
    for row, column in ((7, "country"), (23, "e-mail"), (41, "family name")):
        problem = report.locator("tr.table-danger", has=page.get_by_text(f"line {row + 1}", exact=True))
        expect(problem.locator("td").nth(1)).to_have_text(column)
    expect(page.locator(".alert-danger")).to_have_text(
        "Resolve the errors above in the page, or fix them in the file and upload it again. "
        "Nothing was imported."
    )
    expect(page.get_by_role("button", name="Commit the import")).to_have_count(0)
    visit(page, "import-errors")

    # The corrected file: a clean report, then commit.
    upload.set_input_files(participants_csv(tmp_path, with_mistakes=False))
    page.get_by_role("button", name="Upload the corrected file").click()
    expect(page.get_by_text("60 rows read")).to_be_visible()
    expect(page.get_by_text("60 new people to create and enrol")).to_be_visible()
    expect(page.locator("tr.table-danger")).to_have_count(0)
    visit(page, "import-clean")
    page.get_by_role("button", name="Commit the import").click()
    expect(page.locator(".alert-success")).to_contain_text("60")
    visit(page, "imported")
    open_training(page)
    expect(page.locator(".stat-card .display-6")).to_contain_text("60")

    # Trainers: the demo trainer leads, a colleague co-trains.
    for query, name, role in (
        ("trainer@example.org", "Tomás Trainer", "Lead trainer"),
        ("Иванов", SECOND_TRAINER, "Co-trainer"),
    ):
        page.get_by_role("link", name="Assign a trainer").first.click()
        page.get_by_label("Search people").fill(query)
        page.get_by_role("button", name="Search").click()
        page.locator("li", has_text=name).get_by_role("link", name="Choose").first.click()
        page.get_by_label("Role").select_option(label=role)
        visit(page, f"assign-{role.split()[0].lower()}")
        page.get_by_role("button", name="Assign").click()
        if page.get_by_text("Already booked on:").is_visible():  # a demo event may overlap
            page.get_by_label(re.compile("Reason for overriding")).fill("Short sessions only; agreed.")
            page.get_by_role("button", name="Assign").click()
        expect(page.get_by_text(f"{name} is on the event.")).to_be_visible()
    trainers = page.locator("#trainers + ul")
    expect(trainers.locator("li", has_text="Tomás Trainer")).to_contain_text("— Lead trainer")
    expect(trainers.locator("li", has_text=SECOND_TRAINER)).to_contain_text("— Co-trainer")
    visit(page, "trainers-assigned")
    TRAINING.update(days=[start + datetime.timedelta(days=n) for n in range(5)], ready_for_attendance=True)
    sign_out(page)


def mark(page: Page, name: str, status: str) -> None:
    row = page.locator("fieldset.attendance-row", has=page.locator("legend", has_text=name))
    row.get_by_text(status, exact=True).click()


def test_journey_2_trainer_records_five_days_and_sees_completion(page: Page):
    if not TRAINING.get("ready_for_attendance"):
        pytest.skip("journey 1 did not build the training")
    sign_in(page, "trainer")
    expect(
        page.locator("section", has=page.get_by_role("heading", name="My events")).get_by_role(
            "link", name=TITLE
        )
    ).to_be_visible()
    visit(page, "home")
    page.get_by_role("link", name="My events").first.click()
    page.get_by_label("Search").fill("Kazakhstan (e2e)")
    page.get_by_role("button", name=re.compile("Filter|Search")).click()
    visit(page, "my-events")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    visit(page, "event")
    page.get_by_role("link", name="Attendance and completion").first.click()
    expect(page.get_by_text("0 of 60 participants completed")).to_be_visible()
    visit(page, "attendance-before")

    # Each day: the exceptions first, then "mark all unmarked present", then save.
    exceptions = {
        0: [(ABSENT_ONCE, "Absent"), (LATE_ONCE, "Late")],
        1: [(ABSENT_TWICE, "Absent")],
        2: [(ABSENT_TWICE, "Absent")],
    }
    for index, day in enumerate(TRAINING["days"]):
        page.get_by_role("link", name=f"{day:%A} {day.day} {day:%b %Y}").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(f"{day.day} {day:%b %Y}")
        for name, status in exceptions.get(index, []):
            mark(page, name, status)
        page.get_by_role("button", name="Mark all unmarked present").click()
        expect(page.locator("fieldset.attendance-row input[value=present]:checked")).to_have_count(
            60 - len(exceptions.get(index, []))
        )
        shot(page, f"day-{index + 1}-marked")  # the same page as below, where axe checks it
        page.get_by_role("button", name="Save attendance").click()
        expect(page.locator("#sheet-saved summary")).to_have_text("Saved 60 changes.")
        visit(page, f"day-{index + 1}-saved")
        page.get_by_role("link", name=TITLE).click()  # back through the breadcrumb
        absent = sum(status == "Absent" for _name, status in exceptions.get(index, []))
        day_line = page.locator("li.list-group-item", has_text=f"{day:%A} {day.day} {day:%b %Y}")
        expect(day_line).to_contain_text(f"60 recorded, {60 - absent} present")

    completion = page.locator("section[aria-labelledby=completion-heading]")
    expect(completion.locator("h2")).to_contain_text("59 of 60 participants completed")
    missed = completion.locator("tr", has_text=ABSENT_TWICE)
    expect(missed).to_contain_text("60.0%")
    expect(missed).to_contain_text("3 of 5 days")
    expect(missed.locator("td").last).to_have_text("Attended 60.0% of days; 80% needed.")
    once = completion.locator("tr", has_text=ABSENT_ONCE)
    expect(once).to_contain_text("4 of 5 days")
    expect(once.locator("td").last).to_have_text("Completed")
    expect(completion.locator("tr", has_text=LATE_ONCE).locator("td").last).to_have_text("Completed")
    visit(page, "completion")
    TRAINING["attendance_recorded"] = True
    sign_out(page)


def test_journey_3_certificates_verification_accreditation_and_dashboard(page: Page, tmp_path: Path):
    if not TRAINING.get("attendance_recorded"):
        pytest.skip("journey 2 did not record the attendance")
    sign_in(page, "coordinator")
    page.get_by_role("link", name="Certificates").first.click()
    visit(page, "certificates")
    training = page.get_by_label("Training")
    value = training.locator("option", has_text=TITLE).get_attribute("value")
    training.select_option(value=value)
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name="Issue, print and e-mail the certificates of this training").click()

    # The preview: who completed, who did not and why; one certificate of participation.
    expect(page.locator("main")).to_contain_text("59 certificates of completion still to issue")
    expect(page.locator("tbody tr", has=page.locator("input:checked:disabled"))).to_have_count(59)
    missed = page.locator("tbody tr", has_text=ABSENT_TWICE)
    expect(missed).to_contain_text("Not completed")
    visit(page, "batch-preview")
    missed.get_by_label("Certificate of participation").check()
    page.get_by_role("button", name="Issue 60").click()
    # Issued by the worker in the background: slow on a busy CI machine.
    expect(page.get_by_text("60 certificates were issued.")).to_be_visible(timeout=60_000)
    serials = page.get_by_role("link", name=re.compile(r"^STCE-\d{4}-KZ-\d{6}$"))
    expect(serials).to_have_count(60)
    visit(page, "batch-issued")

    with page.expect_download() as download:
        page.get_by_role("link", name="ZIP of PDFs").click()
    archive = tmp_path / download.value.suggested_filename
    download.value.save_as(archive)
    assert zipfile.is_zipfile(archive)
    with zipfile.ZipFile(archive) as bundle:
        assert bundle.testzip() is None
        names = bundle.namelist()
        assert len(names) == 60 and all(name.endswith(".pdf") for name in names)
        assert all(bundle.read(name).startswith(b"%PDF") for name in names)

    page.locator("tbody tr", has_text=LATE_ONCE).get_by_role("link", name=re.compile(r"^STCE-")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Valid")
    serial = page.locator("dt:text-is('Serial number') + dd").inner_text()
    visit(page, "certificate")
    verify_path = page.locator("dd a[href^='/verify/']").get_attribute("href")
    sign_out(page)

    # Anyone, signed out, checks the certificate from its QR code's address.
    page.goto(verify_path)
    expect(page.locator(".verify-status")).to_contain_text("Valid")
    expect(page.locator("dt:text-is('Holder') + dd")).to_have_text(LATE_ONCE)
    expect(page.locator("dt:text-is('Serial number') + dd")).to_have_text(serial)
    expect(page.get_by_text(TITLE, exact=False)).to_be_visible()
    visit(page, "verify-valid")

    # An administrator decides a pending accreditation proposal someone else made.
    sign_in(page, "admin")
    page.get_by_role("link", name="Review queue").click()
    expect(page.get_by_role("heading", name="Accreditation review queue")).to_be_visible()
    visit(page, "review-queue")
    # Four eyes: only proposals someone else made can be decided; the coordinator made these.
    proposal = page.locator("section.card", has=page.get_by_role("button", name="Decide")).first
    expect(proposal.locator(".card-header small")).to_contain_text("proposed by coordinator")
    heading = proposal.locator("h2").inner_text()
    new_status = proposal.locator("h2 strong").inner_text()
    expert_url = proposal.locator("h2 a").get_attribute("href")
    proposal.get_by_label("Approve").check()
    proposal.get_by_label("Rationale").fill("Evidence complete; the assessor's report agrees.")
    visit(page, "proposal-filled")
    proposal.get_by_role("button", name="Decide").click()
    expect(page.locator(".alert-success")).to_contain_text("Decision recorded")
    expect(page.locator("section.card h2", has_text=heading)).to_have_count(0)
    visit(page, "proposal-decided")
    page.goto(expert_url)
    expect(page.locator("h1 .badge")).to_have_text(new_status)
    visit(page, "expert-after-decision")

    # The gender dashboard (issue 7), from the menu.
    page.get_by_role("button", name="Dashboards").click()
    page.get_by_role("link", name="Gender balance").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gender balance")
    expect(page.get_by_text("People trained", exact=True)).to_be_visible()
    expect(page.locator("canvas[data-chart]").first).to_be_visible()
    visit(page, "gender-dashboard")
