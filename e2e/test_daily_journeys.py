"""The daily journeys in few actions, on a desktop and on a phone: a 5-day agenda with times
from an empty event, and an import whose repeated problems are fixed in the page."""

import csv
import io
import re
import subprocess
import time

import pytest
from playwright.sync_api import Page, expect

from e2e.helpers import assert_accessible, shot, sign_in

VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


def _no_sideways_scroll(page: Page) -> None:
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, (
        f"{page.url} is wider than {width}px"
    )


def _empty_event(django_script, title: str) -> int:
    return int(
        django_script(
            "import datetime\n"
            "from courses.models import TrainingEvent\n"
            "start = datetime.date.today() + datetime.timedelta(days=60)\n"
            "start -= datetime.timedelta(days=start.weekday())\n"
            f"event = TrainingEvent.objects.create(title={title!r}, kind='national', status='planned',"
            " time_zone='Asia/Almaty', start_date=start, end_date=start + datetime.timedelta(days=4),"
            " host_country_id='KZ')\n"
            "print(event.pk)"
        ).strip()
    )


class Actions:
    """Counts what the coordinator does: each click, fill or choice is one action."""

    def __init__(self, page: Page):
        self.page, self.count = page, 0

    def __call__(self, locator, verb: str = "click", *args):
        self.count += 1
        getattr(locator, verb)(*args)


@pytest.mark.parametrize("device", VIEWPORTS)
def test_a_five_day_agenda_with_times_in_at_most_ten_actions(page: Page, django_script, device):
    page.set_viewport_size(VIEWPORTS[device])
    pk = _empty_event(django_script, f"National STCE training, Kazakhstan ({device})")
    sign_in(page, "coordinator")
    act = Actions(page)
    page.goto(f"/courses/events/{pk}/")
    act(page.get_by_role("link", name="Build and arrange the agenda"))
    expect(page.get_by_text("Asia/Almaty (UTC+05:00)")).to_be_visible()
    shot(page, f"agenda-empty-{device}")
    assert_accessible(page)
    _no_sideways_scroll(page)
    act(page.get_by_role("button", name="Build the agenda"))
    expect(page.get_by_text("19 sessions placed over the days")).to_be_visible()
    expect(page.locator("section.agenda-day")).to_have_count(5)
    # The second session of the first day starts an hour later.
    first_day = page.locator("section.agenda-day").first
    act(first_day.locator("input[name=start_time]").nth(1), "fill", "12:00")
    act(first_day.locator("input[name=end_time]").nth(1), "fill", "14:00")
    act(first_day.get_by_role("button", name="Save").nth(1))
    expect(page.get_by_text(re.compile("“.+” saved."))).to_be_visible()
    expect(page.locator("section.agenda-day").first.locator("input[name=start_time]").nth(1)).to_have_value(
        "12:00"
    )
    shot(page, f"agenda-built-{device}")
    assert_accessible(page)
    _no_sideways_scroll(page)
    times = page.locator("section.agenda-day input[name=start_time]")
    assert times.count() == 19 and all(value for value in times.evaluate_all("els => els.map(e => e.value)"))
    assert act.count <= 10, act.count


def _participant_file(device: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Given name", "Family name", "Gender", "Country", "E-mail", "Organisation"])
    for i in range(30):
        country = "Kazakstan" if i < 2 else "Kazakhstan"
        writer.writerow(
            [
                f"Aigerim{i}{device}",
                f"Nurlanova{i}",
                "female",
                country,
                f"{device}{i}@customs.example.kz",
                f"State Revenue Committee ({device})",
            ]
        )
    return out.getvalue().encode()


@pytest.mark.parametrize("device", VIEWPORTS)
def test_an_import_with_repeated_problems_is_fixed_in_the_page(page: Page, django_script, device):
    page.set_viewport_size(VIEWPORTS[device])
    pk = _empty_event(django_script, f"Import journey ({device})")
    sign_in(page, "coordinator")
    page.goto(f"/courses/events/{pk}/participants/import/")
    page.set_input_files(
        "input[type=file]",
        files=[{"name": "list.csv", "mimeType": "text/csv", "buffer": _participant_file(device)}],
    )
    page.get_by_role("button", name="Check the file").click()
    # 30 notes about one organisation and 2 errors about one country: two lines to act on.
    expect(page.get_by_text("30 rows", exact=True)).to_be_visible()
    expect(page.get_by_text("2 rows", exact=True)).to_be_visible()
    shot(page, f"import-report-{device}")
    assert_accessible(page)
    _no_sideways_scroll(page)
    page.get_by_label("“Kazakstan” means").select_option(value="KZ")
    page.get_by_role("button", name="Use for these 2 rows").click()
    expect(page.get_by_text("“Kazakstan” is resolved in every row of the file.")).to_be_visible()
    organisation = f"State Revenue Committee ({device})"
    page.get_by_role("button", name=f"Create “{organisation}”").click()
    expect(page.get_by_text(f"“{organisation}” is resolved in every row of the file.")).to_be_visible()
    shot(page, f"import-resolved-{device}")
    _no_sideways_scroll(page)
    page.get_by_role("button", name="Commit the import").click()
    expect(page.get_by_text(re.compile(r"Imported: 30 enrolled \(30 new people\)"))).to_be_visible()
    shot(page, f"import-committed-{device}")
    count = django_script(
        "from people.models import Person\n"
        f"print(Person.objects.filter(enrolments__event_id={pk}, country_id='KZ',"
        f" organisation__name='State Revenue Committee ({device})').count())"
    )
    assert count.strip() == "30"


def test_a_trainer_takes_todays_attendance_on_a_phone(page: Page, django_script):
    page.set_viewport_size(VIEWPORTS["phone"])
    ids = django_script(
        "import datetime\n"
        "from django.contrib.auth.models import User\n"
        "from courses.models import Enrolment, EventDay, TrainerAssignment, TrainingEvent\n"
        "from people.models import Person\n"
        "from zoneinfo import ZoneInfo\n"
        # Today where the training takes place: the day the trainer may record (not the server's).
        "today = datetime.datetime.now(ZoneInfo('Asia/Almaty')).date()\n"
        "event = TrainingEvent.objects.create(title='Attendance on a phone', kind='national',"
        " status='confirmed', start_date=today, end_date=today, host_country_id='KZ',"
        " time_zone='Asia/Almaty')\n"
        "day = EventDay.objects.create(event=event, date=today)\n"
        "TrainerAssignment.objects.create(event=event, person=User.objects.get(username='trainer').person)\n"
        "for i in range(12):\n"
        "    person = Person.objects.create(\n"
        "        given_name=f'Aliya{i}', family_name=f'Phone{i:02d}', country_id='KZ')\n"
        "    Enrolment.objects.create(event=event, person=person)\n"
        "print(event.pk, day.pk)"
    ).split()
    sign_in(page, "trainer")
    page.goto(f"/courses/events/{ids[0]}/attendance/days/{ids[1]}/")
    counts = page.locator(".attendance-counts")
    expect(counts).to_contain_text("12 not recorded")
    save = page.get_by_role("button", name=re.compile("Save attendance"))
    expect(save).not_to_contain_text("unsaved")
    page.get_by_role("button", name="Mark all unmarked present").click()
    expect(counts).to_contain_text("12 present")
    expect(save).to_contain_text("unsaved changes: 12")
    page.get_by_label("Find a participant").fill("phone07")
    expect(page.locator("[data-row]:visible")).to_have_count(1)
    page.locator("[data-row]:visible").get_by_text("Late", exact=True).click()
    expect(counts).to_contain_text("11 present")
    expect(counts).to_contain_text("1 late")
    shot(page, "attendance-phone-unsaved")
    assert_accessible(page)
    _no_sideways_scroll(page)
    save.click()
    expect(page.get_by_text("Saved 12 changes.")).to_be_visible()
    expect(save).not_to_contain_text("unsaved")
    shot(page, "attendance-phone-saved")


CERTIFICATE_SCENARIO = """
import datetime
from courses.models import Attendance, AttendanceStatus, Enrolment, EventDay, TrainingEvent
from people.models import Country, Organisation, Person
start = datetime.date.today() - datetime.timedelta(days=30)
event = TrainingEvent.objects.create(title={title!r}, kind='national', status='completed', start_date=start,
                                     end_date=start + datetime.timedelta(days=4), host_country_id='KZ')
days = [EventDay.objects.create(event=event, date=start + datetime.timedelta(days=i)) for i in range(5)]
country = Country.objects.get(code='KZ')
organisation, _ = Organisation.objects.get_or_create(name='State Revenue Committee', country=country)
people = [Person.objects.create(given_name='Айгерим', family_name='Нурланова {tag}',
                                latin_name='Aigerim Nurlanova', country=country, organisation=organisation)]
people += [Person.objects.create(given_name=f'Given{{i}}', family_name=f'Issuing {tag} {{i:03d}}',
                                 country=country, organisation=organisation) for i in range(53)]
for index, person in enumerate(people):
    enrolment = Enrolment.objects.create(event=event, person=person)
    attended = 3 if index >= 52 else 5  # two attended 3 of 5 days: not completed
    Attendance.objects.bulk_create(
        Attendance(enrolment=enrolment, day=day,
                   status=AttendanceStatus.PRESENT if i < attended else AttendanceStatus.ABSENT)
        for i, day in enumerate(days))
print(event.pk)
"""


@pytest.mark.parametrize("device", VIEWPORTS)
def test_issuing_52_certificates_with_the_count_in_view(page: Page, django_script, device):
    page.set_viewport_size(VIEWPORTS[device])
    title = f"Certificates journey ({device})"
    pk = int(django_script(CERTIFICATE_SCENARIO.format(title=title, tag=device)).strip().splitlines()[-1])
    sign_in(page, "coordinator")
    page.goto(f"/certificates/events/{pk}/")
    main = page.locator("main")
    expect(main).to_contain_text("54 participants")
    expect(main).to_contain_text("52 certificates of completion still to issue")
    # The name as the certificate prints it, in its own script and in Latin letters.
    row = page.locator("tbody tr", has_text=f"Нурланова {device}")
    expect(row).to_contain_text("Aigerim Nurlanova")
    expect(row).to_contain_text("State Revenue Committee")
    expect(row).to_contain_text("attended 5 of 5 days")
    missed = page.locator("tbody tr", has_text=f"Issuing {device} 052")
    expect(missed).to_contain_text("Not completed")
    expect(missed).to_contain_text("attended 3 of 5 days")
    # The Issue button is on screen at the top of a long list, not 3,000 pixels below.
    issue = page.get_by_role("button", name="Issue 52")
    expect(issue).to_be_in_viewport()
    shot(page, f"certificates-before-{device}")
    assert_accessible(page)
    _no_sideways_scroll(page)
    missed.get_by_label("Certificate of participation").check()
    expect(page.get_by_role("button", name="Issue 53")).to_be_in_viewport()
    page.get_by_role("button", name="Issue 53").click()
    # More than the page issues at once: a worker does it and the job page counts what happened.
    expect(page.get_by_text("53 certificates were issued.")).to_be_visible(timeout=90_000)
    expect(main).to_contain_text("0 participants already had a certificate.")
    expect(main).to_contain_text("1 participant not eligible")
    shot(page, f"certificates-issued-{device}")
    _no_sideways_scroll(page)
    page.goto(f"/certificates/events/{pk}/")
    expect(main).to_contain_text("53 certificates held")
    expect(main).to_contain_text("0 certificates of completion still to issue")
    expect(page.get_by_role("link", name=re.compile(r"^STCE-\d{4}-KZ-\d{6}$"))).to_have_count(53)
    shot(page, f"certificates-after-{device}")
    assert_accessible(page)
    _no_sideways_scroll(page)


def _script_when_free(django_script, code: str) -> str:
    """The worker may still hold the SQLite database after a batch: wait for it, then say why not."""
    for attempt in range(5):
        try:
            return django_script(code)
        except subprocess.CalledProcessError as exc:
            if "locked" not in exc.stderr or attempt == 4:
                raise AssertionError(exc.stderr) from exc
            time.sleep(2)
    return ""


HOME_SCENARIO = """
import datetime
from courses.models import Enrolment, TrainingEvent
from people.models import Person
start = datetime.date.today() + datetime.timedelta(days=25)
event = TrainingEvent.objects.create(title={title!r}, kind='national', status='confirmed', start_date=start,
                                     end_date=start + datetime.timedelta(days=2), host_country_id='KZ')
Enrolment.objects.create(event=event, person=Person.objects.create(given_name='Dana', family_name='Home',
                                                                  country_id='KZ', email={email!r}))
print(event.pk)
"""


@pytest.mark.parametrize("device", VIEWPORTS)
@pytest.mark.parametrize("persona", ["coordinator", "trainer", "admin"])
def test_each_home_page_says_what_needs_doing(page: Page, django_script, persona, device):
    page.set_viewport_size(VIEWPORTS[device])
    title = f"Home journey {persona} {device}"
    if persona == "coordinator":
        _script_when_free(
            django_script, HOME_SCENARIO.format(title=title, email=f"home-{device}@example.org")
        )
    sign_in(page, persona)
    page.goto("/")
    sections = page.locator("main section", has=page.get_by_role("heading", name=re.compile("^To do as")))
    expect(sections.first).to_be_visible()
    for index in range(sections.count()):
        section = sections.nth(index)
        # Either items with a count and a link, or the empty state said in words.
        items = section.locator("a.list-group-item")
        if items.count() == 0:
            expect(section).to_contain_text("Nothing needs doing.")
        for label in items.all_inner_texts():
            assert re.match(r"^\d+ ", label), label
    shot(page, f"home-{persona}-{device}")
    assert_accessible(page)
    _no_sideways_scroll(page)
    if persona != "coordinator":
        return
    # Each item that counts events leads to the events list showing exactly that many.
    links = page.locator("main section a.list-group-item[href*='needs=']")
    targets = [
        (int(re.match(r"^(\d+)", links.nth(i).inner_text()).group(1)), links.nth(i).get_attribute("href"))
        for i in range(links.count())
    ]
    assert any("needs=instructions" in href for _n, href in targets), targets
    for count, href in targets:
        page.goto(href)
        expect(page.locator("main")).to_contain_text(re.compile(rf"\b{count} events?\b"))
        _no_sideways_scroll(page)
        if href.endswith("?needs=instructions"):
            expect(page.get_by_role("link", name=title)).to_be_visible()
            shot(page, f"home-link-instructions-{device}")
