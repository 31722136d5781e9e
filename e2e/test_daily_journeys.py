"""The daily journeys in few actions, on a desktop and on a phone: a 5-day agenda with times
from an empty event, and an import whose repeated problems are fixed in the page."""

import csv
import io
import re

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
        "today = datetime.date.today()\n"
        "event = TrainingEvent.objects.create(title='Attendance on a phone', kind='national',"
        " status='confirmed', start_date=today, end_date=today, host_country_id='KZ')\n"
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
