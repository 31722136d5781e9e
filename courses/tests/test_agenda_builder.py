"""The agenda on one screen: the standard national training laid out in one action, then
retimed, moved and reordered on the same page."""

import datetime
import itertools
import random
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import AgendaItem, Module
from courses.services.agenda_builder import (
    build_standard_agenda,
    split_into_days,
    standard_modules,
    time_one_day,
)
from courses.tests.factories import ModuleFactory, TrainerAssignmentFactory, TrainingEventFactory
from people.errors import DomainError

CURRICULUM_HOURS = [2, 2, 2, 1.5, 2, 3, 3, 4, 2, 3, 1.5, 3, 2, 3, 1.5, 1.5, 2, 1.5, 1.5]


@pytest.fixture
def curriculum(db):
    """The 19 modules of a national training, a senior managers' briefing and a whole-day course."""
    Module.objects.all().delete()
    modules = [
        ModuleFactory(code=f"STCE-{i:02d}", hours=Decimal(str(h)))
        for i, h in enumerate(CURRICULUM_HOURS, start=1)
    ]
    ModuleFactory(code="STCE-20", hours=2, topic_area=Module.TopicArea.MANAGEMENT)
    ModuleFactory(code="STCE-21", hours=6)
    ModuleFactory(code="STCE-99", hours=1, active=False)
    return modules


@pytest.fixture
def five_days(db):
    return TrainingEventFactory(start_date=datetime.date(2027, 3, 1), end_date=datetime.date(2027, 3, 5))


def _longest_day_by_brute_force(hours, days):
    best = None
    for cuts in itertools.combinations(range(1, len(hours)), days - 1):
        bounds = [0, *cuts, len(hours)]
        longest = max(sum(hours[a:b]) for a, b in itertools.pairwise(bounds))
        best = longest if best is None else min(best, longest)
    return best


def test_days_are_as_even_as_a_split_in_order_can_make_them():
    rng = random.Random(7)
    for _ in range(40):
        hours = [Decimal(rng.choice(["1", "1.5", "2", "3", "4"])) for _ in range(rng.randint(3, 9))]
        days = rng.randint(1, len(hours))
        counts = split_into_days(hours, days)
        assert sum(counts) == len(hours) and len(counts) == days and all(counts)
        bounds = [0, *itertools.accumulate(counts)]
        longest = max(sum(hours[a:b]) for a, b in itertools.pairwise(bounds))
        assert longest == _longest_day_by_brute_force(hours, days)


def test_a_day_starts_at_nine_with_an_hour_for_lunch_nearest_midday():
    slots = time_one_day(
        datetime.date(2027, 3, 1), [Decimal("2"), Decimal("1.5"), Decimal("3"), Decimal("1.5")]
    )
    t = datetime.time
    assert slots == [(t(9), t(11)), (t(11), t(12, 30)), (t(13, 30), t(16, 30)), (t(16, 30), t(18))]


def test_the_standard_training_leaves_out_the_briefing_and_the_whole_day_courses(curriculum):
    assert [m.code for m in standard_modules()] == [m.code for m in curriculum]


def test_nineteen_modules_fill_five_days_with_times_and_no_overlap(curriculum, five_days):
    assert build_standard_agenda(event=five_days, modules=list(standard_modules())) == 19
    days = list(five_days.days.order_by("date"))
    assert len(days) == 5
    codes = []
    for day in days:
        items = list(day.items.order_by("position"))
        assert items, day
        assert items[0].start_time == datetime.time(9)
        for before, after in itertools.pairwise(items):
            assert before.end_time <= after.start_time
        assert items[-1].end_time <= datetime.time(19, 30)  # 42 hours of modules in 5 days
        codes += [item.module.code for item in items]
    assert codes == [m.code for m in curriculum]  # curriculum order kept across the days


def test_building_twice_or_with_nothing_chosen_is_refused(curriculum, five_days):
    build_standard_agenda(event=five_days, modules=curriculum[:3])
    with pytest.raises(DomainError, match="already has an agenda"):
        build_standard_agenda(event=five_days, modules=curriculum)
    other = TrainingEventFactory()
    with pytest.raises(DomainError, match="at least one module"):
        build_standard_agenda(event=other, modules=[])
    assert AgendaItem.objects.count() == 3


def test_a_coordinator_builds_a_five_day_agenda_in_two_clicks(coordinator_client, curriculum, five_days):
    url = reverse("courses:agenda", args=[five_days.pk])
    page = coordinator_client.get(url)
    form = page.context["standard_form"]
    ticked = {m.pk for m in form.initial["modules"]}
    assert ticked == {m.pk for m in curriculum}
    response = coordinator_client.post(
        reverse("courses:agenda-build", args=[five_days.pk]), {"modules": sorted(ticked)}
    )
    assert response.status_code == 302 and response["Location"] == url
    page = coordinator_client.get(url)
    text = page.content.decode()
    assert "19 sessions placed over the days" in text
    assert "UTC+00:00" in text and text.count('type="time"') == 38
    assert "standard_form" not in page.context
    # The longest day (9.5 hours of modules) is pointed out.
    assert "This day runs until 19:30" in text


def test_times_and_day_change_from_the_page(coordinator_client, curriculum, five_days):
    build_standard_agenda(event=five_days, modules=curriculum[:6])
    item = AgendaItem.objects.order_by("day__date", "position").first()
    last_day = five_days.days.order_by("date").last()
    url = reverse("courses:agenda-item-times", args=[five_days.pk, item.pk])
    response = coordinator_client.post(url, {"day": last_day.pk, "start_time": "10:15", "end_time": "11:45"})
    assert response.status_code == 302 and response["Location"].endswith(f"#item-{item.pk}")
    item.refresh_from_db()
    assert (item.day_id, item.start_time, item.end_time) == (
        last_day.pk,
        datetime.time(10, 15),
        datetime.time(11, 45),
    )
    # Ending before it starts is refused with a message and changes nothing.
    response = coordinator_client.post(
        url, {"day": last_day.pk, "start_time": "12:00", "end_time": "11:00"}, follow=True
    )
    assert "The item must end after it starts." in response.content.decode()
    item.refresh_from_db()
    assert item.start_time == datetime.time(10, 15)
    # A day of another event is not a choice.
    other_day = TrainingEventFactory(with_days=True).days.first()
    coordinator_client.post(url, {"day": other_day.pk, "start_time": "09:00", "end_time": "10:00"})
    item.refresh_from_db()
    assert item.day_id == last_day.pk


def test_moves_and_additions_from_the_page_come_back_to_it(coordinator_client, curriculum, five_days):
    build_standard_agenda(event=five_days, modules=curriculum[:4])
    page_url = reverse("courses:agenda", args=[five_days.pk])
    first, second = AgendaItem.objects.order_by("day__date", "position")[:2]
    response = coordinator_client.post(
        reverse("courses:agenda-item-move", args=[five_days.pk, second.pk]),
        {"direction": "up", "next": "agenda"},
    )
    assert response["Location"] == page_url
    day = five_days.days.order_by("date").first()
    response = coordinator_client.post(
        reverse("courses:agenda-modules", args=[five_days.pk]),
        {"day": day.pk, "modules": [curriculum[10].pk], "next": "agenda"},
    )
    assert response["Location"] == page_url
    assert day.items.filter(module=curriculum[10]).exists()
    # From the event page, the same actions still return to the event page.
    response = coordinator_client.post(
        reverse("courses:agenda-item-move", args=[five_days.pk, first.pk]), {"direction": "down"}
    )
    assert response["Location"].endswith("#agenda")


def test_trainers_read_their_events_agenda_only(client, trainer, other_trainer, curriculum, five_days):
    TrainerAssignmentFactory(event=five_days, person=trainer.person)
    build_standard_agenda(event=five_days, modules=curriculum[:3])
    client.force_login(trainer)
    page = client.get(reverse("courses:agenda", args=[five_days.pk]))
    assert page.status_code == 200 and 'type="time"' not in page.content.decode()
    assert "09:00–11:00" in page.content.decode()
    client.force_login(other_trainer)
    assert client.get(reverse("courses:agenda", args=[five_days.pk])).status_code == 404


def test_the_page_runs_as_many_queries_for_a_long_agenda(coordinator_client, curriculum, five_days):
    url = reverse("courses:agenda", args=[five_days.pk])
    build_standard_agenda(event=five_days, modules=curriculum[:3])
    coordinator_client.get(url)
    with CaptureQueriesContext(connection) as short:
        coordinator_client.get(url)
    AgendaItem.objects.all().delete()
    build_standard_agenda(event=five_days, modules=curriculum)
    with CaptureQueriesContext(connection) as long:
        coordinator_client.get(url)
    assert len(long) == len(short)
