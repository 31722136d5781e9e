"""The event page as a checklist, on a desktop and on a phone: what is ready and what is not,
each line leading to its fix; a status change the rules refuse is a disabled button with the
reason beside it; a completed event is reopened with a reason."""

import pytest
from playwright.sync_api import Page, expect

from e2e.helpers import assert_accessible, shot, sign_in

VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


def _no_sideways_scroll(page: Page) -> None:
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, (
        f"{page.url} is wider than {width}px"
    )


def _event(django_script, title: str, *, status: str, days_from_now: int) -> int:
    """An event with its days, one session on the first, two participants and one trainer."""
    return int(
        django_script(
            "import datetime\n"
            "from courses.models import AgendaItem, Enrolment, EventDay, TrainerAssignment, TrainingEvent\n"
            "from people.models import Person\n"
            f"start = datetime.date.today() + datetime.timedelta(days={days_from_now})\n"
            f"event = TrainingEvent.objects.create(title={title!r}, kind='national', status={status!r},"
            " time_zone='Asia/Almaty', start_date=start, end_date=start + datetime.timedelta(days=4),"
            " host_country_id='KZ', capacity=25)\n"
            "for offset in range(5):\n"
            "    EventDay.objects.create(event=event, date=start + datetime.timedelta(days=offset))\n"
            "first = event.days.order_by('date').first()\n"
            "AgendaItem.objects.create(day=first, title='Opening', position=1)\n"
            "people = list(Person.objects.order_by('pk')[:3])\n"
            "for person in people[:2]:\n"
            "    Enrolment.objects.create(event=event, person=person)\n"
            "TrainerAssignment.objects.create(event=event, person=people[2])\n"
            "print(event.pk)"
        ).strip()
    )


@pytest.mark.parametrize("device", VIEWPORTS)
def test_the_checklist_says_what_is_missing_and_refuses_before_the_click(page: Page, django_script, device):
    page.set_viewport_size(VIEWPORTS[device])
    pk = _event(django_script, f"Checklist, Kazakhstan ({device})", status="draft", days_from_now=40)
    sign_in(page, "coordinator")
    page.goto(f"/courses/events/{pk}/")
    checklist = page.locator(".event-checklist")
    expect(checklist.locator("[data-line=agenda]")).to_contain_text("4 days of 5 have nothing on them yet.")
    expect(checklist.locator("[data-line=trainers]")).to_contain_text("1 trainer assigned.")
    expect(checklist.locator("[data-line=participants]")).to_contain_text("2 participants; capacity 25.")
    expect(checklist.locator("[data-line=joining]")).to_contain_text(
        "Messages are not sent for a draft event."
    )
    expect(checklist.locator("[data-line=attendance]")).to_contain_text("Recorded on 0 days of 5.")
    expect(checklist.locator("[data-line=certificates]")).to_contain_text("Nobody has completed yet.")
    # Postponing a draft is not a live button: the reason is there before any click.
    expect(page.locator("button[data-status=postponed]")).to_be_disabled()
    expect(page.get_by_text("A draft event cannot be postponed.")).to_be_visible()
    shot(page, f"checklist-draft-{device}")
    assert_accessible(page)
    _no_sideways_scroll(page)
    # A line leads to its fix.
    checklist.locator("[data-line=agenda]").get_by_role("link").click()
    expect(page).to_have_url(f"{page.url.split('/courses/')[0]}/courses/events/{pk}/agenda/")
    page.go_back()
    page.locator("button[data-status=planned]").click()
    expect(page.get_by_text("The event is now planned.")).to_be_visible()
    expect(page.locator("a[data-status=postponed]")).to_be_visible()
    shot(page, f"checklist-planned-{device}")
    _no_sideways_scroll(page)


@pytest.mark.parametrize("device", VIEWPORTS)
def test_a_completed_event_is_read_only_until_reopened_with_a_reason(page: Page, django_script, device):
    page.set_viewport_size(VIEWPORTS[device])
    pk = _event(django_script, f"Completed checklist ({device})", status="completed", days_from_now=-40)
    sign_in(page, "coordinator")
    page.goto(f"/courses/events/{pk}/")
    expect(page.locator("button[data-action=enrol]")).to_be_disabled()
    expect(page.locator("button[data-status=cancelled]")).to_be_disabled()
    expect(
        page.get_by_text("A completed event is read-only; reopen it, with a reason, to change it.").first
    ).to_be_visible()
    expect(page.get_by_role("link", name="Certificates").first).to_be_visible()
    shot(page, f"checklist-completed-{device}")
    assert_accessible(page)
    _no_sideways_scroll(page)
    page.get_by_role("link", name="Reopen the event…").click()
    page.get_by_label("Reason").fill("Two participants were left off the list")
    page.get_by_role("button", name="Reopen the event").click()
    expect(page.get_by_text("The event is confirmed again")).to_be_visible()
    expect(page.locator("a[data-action=enrol]")).to_be_visible()
    shot(page, f"checklist-reopened-{device}")
    _no_sideways_scroll(page)
