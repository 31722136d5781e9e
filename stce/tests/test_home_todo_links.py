"""Every to-do item on the home page links to the events list filtered to exactly the events it
counts; joining instructions not sent, and out of date after a change of dates or venue."""

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.issuing import issue_certificate
from certificates.models import Certificate
from courses.models import AgendaItem, TrainingEvent
from courses.services.events import change_dates, update_event
from courses.services.joining import send_date_change, send_joining_instructions
from courses.tests.factories import EnrolmentFactory, TrainerAssignmentFactory, TrainingEventFactory

pytestmark = pytest.mark.django_db

ITEM = re.compile(r'<a[^>]*href="(?P<url>/courses/events/\?needs=[^"]+)"[^>]*>\s*(?P<label>[^<]+?)\s*<')


def _items(client) -> dict[str, str]:
    """label -> link of each to-do item that links to the events list."""
    html = client.get(reverse("home")).content.decode()
    return {unescape(m["label"]).strip(): unescape(m["url"]) for m in ITEM.finditer(html)}


def _listed(client, url) -> set[str]:
    response = client.get(url)
    assert response.status_code == 200
    return {event.title for event in response.context["page_obj"].object_list}


def _upcoming(title, **kwargs):
    start = timezone.localdate() + datetime.timedelta(days=20)
    return TrainingEventFactory(title=title, start_date=start, with_days=True, **kwargs)


def _count(label: str) -> int:
    return int(re.match(r"\d+", label).group())


def _assert_each_link_lists_what_it_counts(client, expected_items: int):
    items = _items(client)
    assert len(items) == expected_items, items
    for label, url in items.items():
        listed = _listed(client, url)
        assert len(listed) == _count(label), (label, url, listed)
    return items


def test_joining_instructions_not_sent_then_sent(coordinator_client):
    event = _upcoming("Needs instructions")
    EnrolmentFactory(event=event)
    _upcoming("Nobody enrolled yet")  # nothing to send: not counted
    items = _items(coordinator_client)
    label = "1 upcoming event: joining instructions not sent"
    assert label in items
    assert _listed(coordinator_client, items[label]) == {"Needs instructions"}
    send_joining_instructions(event=event)
    assert label not in _items(coordinator_client)


def test_joining_instructions_out_of_date_after_new_dates_until_told(coordinator_client, coordinator):
    event = _upcoming("Moved")
    EnrolmentFactory(event=event)
    send_joining_instructions(event=event)
    label = "1 event: joining instructions out of date after a change"
    assert label not in _items(coordinator_client)
    start = event.start_date + datetime.timedelta(days=7)
    change_dates(
        event=event,
        start_date=start,
        end_date=start + datetime.timedelta(days=4),
        reason="Venue unavailable",
        postpone=False,
        by=coordinator,
    )
    items = _items(coordinator_client)
    assert label in items
    assert _listed(coordinator_client, items[label]) == {"Moved"}
    send_date_change(event=TrainingEvent.objects.get(pk=event.pk))
    assert label not in _items(coordinator_client)


def test_joining_instructions_out_of_date_after_a_new_venue(coordinator_client):
    event = _upcoming("New venue", venue="Hotel Astana")
    EnrolmentFactory(event=event)
    send_joining_instructions(event=event)
    update_event(event=event, values={"notes": "Coffee at ten"})  # not in the instructions
    assert "1 event: joining instructions out of date after a change" not in _items(coordinator_client)
    update_event(event=event, values={"venue": "Customs Academy, Almaty"})
    assert "1 event: joining instructions out of date after a change" in _items(coordinator_client)


def test_joining_instructions_out_of_date_after_an_agenda_change_until_sent_again(coordinator_client):
    from django.core.cache import cache

    event = _upcoming("New agenda")
    EnrolmentFactory(event=event)
    AgendaItem.objects.create(day=event.days.first(), title="Opening")  # before: in the instructions
    send_joining_instructions(event=event)
    label = "1 event: joining instructions out of date after a change"
    assert label not in _items(coordinator_client)
    AgendaItem.objects.create(day=event.days.last(), title="Closing")
    assert label in _items(coordinator_client)
    cache.clear()  # the same instructions twice within two minutes are refused as a double click
    send_joining_instructions(event=event, message="The agenda changed.")
    assert label not in _items(coordinator_client)


def test_every_coordinator_item_links_to_a_list_of_exactly_the_events_counted(
    coordinator_client, coordinator
):
    _upcoming("Empty")  # no agenda, no trainer, no participant
    _upcoming("Also empty")
    staffed = _upcoming("Staffed")
    AgendaItem.objects.create(day=staffed.days.first(), title="Opening")
    TrainerAssignmentFactory(event=staffed)
    EnrolmentFactory(event=staffed)  # instructions not sent
    done = TrainingEventFactory(title="Done", status=TrainingEvent.Status.COMPLETED)
    EnrolmentFactory(event=done)  # no certificate issued
    TrainingEventFactory(title="Done, nobody enrolled", status=TrainingEvent.Status.COMPLETED)
    items = _assert_each_link_lists_what_it_counts(coordinator_client, expected_items=5)
    certificates = items["1 completed event has no certificates issued"]
    assert _listed(coordinator_client, certificates) == {"Done"}
    issue_certificate(
        kind=Certificate.Kind.PARTICIPATION, holder=done.enrolments.get().person, event=done, by=coordinator
    )
    assert "completed event has no certificates issued" not in " ".join(_items(coordinator_client))


def test_trainer_items_link_to_their_own_events_with_those_days(trainer_client, trainer, other_trainer):
    today = timezone.localdate()
    mine = TrainingEventFactory(title="Mine", start_date=today - datetime.timedelta(days=2), with_days=True)
    TrainerAssignmentFactory(event=mine, person=trainer.person)
    theirs = TrainingEventFactory(
        title="Theirs", start_date=today - datetime.timedelta(days=2), with_days=True
    )
    TrainerAssignmentFactory(event=theirs, person=other_trainer.person)
    items = _items(trainer_client)
    assert _listed(trainer_client, items["1 attendance sheet to fill today"]) == {"Mine"}
    assert _listed(trainer_client, items["2 past days without attendance recorded"]) == {"Mine"}


def test_an_unknown_need_is_a_message_not_a_crash(coordinator_client):
    response = coordinator_client.get(reverse("courses:event-list"), {"needs": "nonsense"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
