import datetime

import pytest
from django.db import IntegrityError, transaction

from courses.models import AgendaItem, EventDay, TrainerAssignment, TrainingEvent
from courses.services.enrolment import OverCapacityError, enrol, withdraw
from courses.services.events import (
    add_modules_to_day,
    change_dates,
    change_status,
    copy_agenda,
    create_days_from_dates,
    move_agenda_item,
)
from courses.tests.factories import EnrolmentFactory, ModuleFactory, TrainingEventFactory
from people.errors import DomainError
from people.tests.factories import OrganisationFactory, PersonFactory

D = datetime.date
S = TrainingEvent.Status
TODAY = D(2026, 11, 25)


@pytest.fixture
def event(db):
    return TrainingEventFactory(
        title="China national training", status=S.PLANNED, start_date=D(2021, 6, 21), end_date=D(2021, 6, 25)
    )


class TestIntegrity:
    def test_the_database_refuses_an_end_before_the_start(self, db):
        with pytest.raises(IntegrityError), transaction.atomic():
            TrainingEvent.objects.create(
                title="Backwards", start_date=D(2021, 6, 25), end_date=D(2021, 6, 21)
            )


class TestStatusLifecycle:
    @pytest.mark.parametrize(
        "start,target",
        [
            (S.DRAFT, S.PLANNED),
            (S.PLANNED, S.CONFIRMED),
            (S.CONFIRMED, S.COMPLETED),
            (S.PLANNED, S.CANCELLED),
            (S.POSTPONED, S.CONFIRMED),
            (S.CANCELLED, S.DRAFT),
        ],
    )
    def test_allowed_transitions(self, db, start, target):
        event = TrainingEventFactory(status=start, start_date=D(2021, 10, 18))
        assert change_status(event=event, status=target, today=TODAY).status == target

    @pytest.mark.parametrize(
        "start,target",
        [
            (S.CANCELLED, S.COMPLETED),
            (S.COMPLETED, S.PLANNED),
            (S.DRAFT, S.COMPLETED),
            (S.DRAFT, S.CONFIRMED),
            (S.COMPLETED, S.CANCELLED),
        ],
    )
    def test_refused_transitions_change_nothing(self, db, start, target):
        event = TrainingEventFactory(status=start, start_date=D(2021, 10, 18))
        with pytest.raises(DomainError, match="cannot become|completed event is read-only"):
            change_status(event=event, status=target, today=TODAY)
        event.refresh_from_db()
        assert event.status == start

    def test_an_event_cannot_be_completed_before_its_last_day(self, db):
        event = TrainingEventFactory(status=S.CONFIRMED, start_date=D(2026, 11, 23))
        with pytest.raises(DomainError, match="last day"):
            change_status(event=event, status=S.COMPLETED, today=TODAY)

    def test_postponing_needs_dates_and_a_reason(self, event):
        with pytest.raises(DomainError, match="new dates"):
            change_status(event=event, status=S.POSTPONED)

    def test_the_same_status_twice_changes_nothing(self, event):
        change_status(event=event, status=S.PLANNED)
        assert TrainingEvent.history.filter(id=event.pk).count() == 1


class TestPostponement:
    def test_postponing_keeps_the_old_dates_the_reason_and_who(self, event, coordinator):
        change = change_dates(
            event=event,
            start_date=D(2021, 10, 18),
            end_date=D(2021, 10, 22),
            reason="Pandemic",
            postpone=True,
            by=coordinator,
        )
        event.refresh_from_db()
        assert event.status == S.POSTPONED
        assert (event.start_date, event.end_date) == (D(2021, 10, 18), D(2021, 10, 22))
        assert (change.old_start_date, change.old_end_date) == (D(2021, 6, 21), D(2021, 6, 25))
        assert change.reason == "Pandemic" and change.changed_by == coordinator
        assert event.original_dates == (D(2021, 6, 21), D(2021, 6, 25))

    def test_every_change_is_kept_and_the_first_dates_stay_the_original_ones(self, event):
        change_dates(
            event=event, start_date=D(2021, 9, 6), end_date=D(2021, 9, 10), reason="a", postpone=True
        )
        change_dates(
            event=event, start_date=D(2021, 10, 18), end_date=D(2021, 10, 22), reason="b", postpone=True
        )
        assert event.date_changes.count() == 2
        assert event.original_dates == (D(2021, 6, 21), D(2021, 6, 25))

    def test_a_reason_is_required(self, event):
        with pytest.raises(DomainError, match="why"):
            change_dates(
                event=event, start_date=D(2021, 10, 18), end_date=D(2021, 10, 22), reason=" ", postpone=True
            )
        assert not event.date_changes.exists()

    def test_a_cancelled_event_cannot_be_postponed(self, db):
        event = TrainingEventFactory(status=S.CANCELLED)
        with pytest.raises(DomainError):
            change_dates(
                event=event, start_date=D(2022, 1, 3), end_date=D(2022, 1, 7), reason="x", postpone=True
            )

    def test_event_days_move_with_the_event(self, event):
        create_days_from_dates(event=event)
        change_dates(
            event=event, start_date=D(2021, 6, 23), end_date=D(2021, 6, 27), reason="x", postpone=True
        )
        assert list(event.days.values_list("date", flat=True)) == [D(2021, 6, d) for d in range(23, 28)]

    def test_event_page_says_postponed_from(self, event, coordinator_client):
        change_dates(
            event=event, start_date=D(2021, 10, 18), end_date=D(2021, 10, 22), reason="x", postpone=True
        )
        page = coordinator_client.get(event.get_absolute_url()).content.decode()
        assert "postponed from 21–25 June 2021" in page
        assert "18–22 October 2021" in page

    def test_postponing_through_the_form(self, event, coordinator_client):
        from django.urls import reverse

        response = coordinator_client.post(
            reverse("courses:event-dates", args=[event.pk]),
            {
                "start_date": "2021-10-18",
                "end_date": "2021-10-22",
                "postpone": "on",
                "reason": "Pandemic",
            },
        )
        assert response.status_code == 302
        event.refresh_from_db()
        assert event.status == S.POSTPONED and event.date_changes.count() == 1


class TestAgenda:
    def test_days_are_created_from_the_dates_in_one_step_and_only_once(self, event):
        assert len(create_days_from_dates(event=event)) == 5
        assert create_days_from_dates(event=event) == []
        assert event.days.count() == 5

    def test_modules_are_appended_in_order(self, event):
        create_days_from_dates(event=event)
        day = event.days.first()
        first, second = ModuleFactory(), ModuleFactory()
        add_modules_to_day(day=day, modules=[first, second])
        assert [i.module for i in day.items.order_by("position")] == [first, second]

    def test_items_can_be_moved_up_and_down(self, event):
        create_days_from_dates(event=event)
        day = event.days.first()
        a, b, c = add_modules_to_day(day=day, modules=[ModuleFactory(), ModuleFactory(), ModuleFactory()])
        move_agenda_item(item=c, direction="up")
        assert list(day.items.order_by("position")) == [a, c, b]
        move_agenda_item(item=a, direction="up")  # already first: stays
        assert list(day.items.order_by("position")) == [a, c, b]

    def test_copying_an_agenda_brings_times_modules_and_speakers(self, event):
        create_days_from_dates(event=event)
        module, speaker, org = ModuleFactory(), PersonFactory(), OrganisationFactory()
        item = AgendaItem.objects.create(
            day=event.days.last(), module=module, position=1, start_time=datetime.time(13, 0)
        )
        item.speakers.add(speaker)
        item.speaker_organisations.add(org)
        target = TrainingEventFactory(start_date=D(2022, 3, 7))
        assert copy_agenda(source=event, target=target) == 1
        copied = AgendaItem.objects.get(day__event=target)
        assert copied.day.date == D(2022, 3, 11)  # the fifth day onto the fifth day
        assert (copied.module, copied.start_time) == (module, datetime.time(13, 0))
        assert list(copied.speakers.all()) == [speaker] and list(copied.speaker_organisations.all()) == [org]
        with pytest.raises(DomainError, match="already has an agenda"):
            copy_agenda(source=event, target=target)

    def test_an_item_needs_a_module_or_a_title_in_the_database(self, event):
        day = EventDay.objects.create(event=event, date=event.start_date)
        with pytest.raises(IntegrityError), transaction.atomic():
            AgendaItem.objects.create(day=day, title="")


class TestEnrolment:
    def test_enrolling_beyond_capacity_is_refused(self, db):
        event = TrainingEventFactory(capacity=2)
        EnrolmentFactory.create_batch(2, event=event)
        with pytest.raises(OverCapacityError, match="capacity 2"):
            enrol(event=event, person=PersonFactory())

    def test_enrolling_twice_changes_nothing(self, db):
        event, person = TrainingEventFactory(), PersonFactory()
        assert enrol(event=event, person=person) == enrol(event=event, person=person)
        assert event.enrolments.count() == 1

    def test_withdrawn_participants_are_kept_and_free_their_place(self, db):
        event = TrainingEventFactory(capacity=1)
        enrolment = EnrolmentFactory(event=event)
        withdraw(enrolment=enrolment, reason="Illness")
        enrolment.refresh_from_db()
        assert enrolment.status == enrolment.Status.WITHDRAWN and enrolment.withdrawal_reason == "Illness"
        enrol(event=event, person=PersonFactory())
        assert event.enrolments.count() == 2 and event.enrolments.active().count() == 1


class TestTrainerAssignmentScreen:
    def test_refusal_names_the_other_event_and_an_override_needs_a_reason(self, coordinator_client, db):
        from django.urls import reverse

        person = PersonFactory()
        first = TrainingEventFactory(title="Kenya national training", start_date=D(2021, 10, 18))
        TrainerAssignment.objects.create(event=first, person=person)
        second = TrainingEventFactory(start_date=D(2021, 10, 20))
        url = reverse("courses:trainer-assign", args=[second.pk])
        response = coordinator_client.post(url, {"person": person.pk, "role": "lead", "override_reason": ""})
        assert response.status_code == 200 and "Kenya national training" in response.content.decode()
        assert not second.assignments.exists()
        response = coordinator_client.post(
            url, {"person": person.pk, "role": "lead", "override_reason": "Remote"}
        )
        assert response.status_code == 302
        assert second.assignments.get().overlap_override_reason == "Remote"


def test_nobody_is_enrolled_on_a_cancelled_event_by_hand_or_by_import(db):
    from courses.services.participant_import import ImportRefused, commit_import

    event = TrainingEventFactory(status=S.CANCELLED)
    with pytest.raises(DomainError, match="cancelled"):
        enrol(event=event, person=PersonFactory())
    with pytest.raises(ImportRefused):
        commit_import(event=event, data=b"Given name,Family name,Country\nAna,Silva,BE\n", filename="l.csv")
    assert not event.enrolments.exists()


def test_adding_the_same_modules_twice_adds_them_once(event):
    create_days_from_dates(event=event)
    day = event.days.first()
    modules = [ModuleFactory(), ModuleFactory()]
    add_modules_to_day(day=day, modules=modules)
    assert add_modules_to_day(day=day, modules=modules) == []
    assert day.items.count() == 2


def test_date_ranges_use_the_genitive_month_in_russian():
    from django.utils import translation

    from courses.templatetags.scheduling import daterange

    with translation.override("ru"):
        assert daterange(D(2021, 10, 18), D(2021, 10, 22)) == "18–22 октября 2021 г."
        assert daterange(D(2021, 6, 28), D(2021, 7, 2)) == "28 июня – 2 июля 2021 г."
    with translation.override("en"):
        assert daterange(D(2021, 10, 18), D(2021, 10, 22)) == "18–22 October 2021"


def test_the_event_page_in_russian_says_october_in_the_genitive(coordinator_client, db):
    from django.urls import reverse

    event = TrainingEventFactory(start_date=D(2021, 10, 18), end_date=D(2021, 10, 22))
    coordinator_client.post(reverse("set_language"), {"language": "ru", "next": "/"})
    page = coordinator_client.get(event.get_absolute_url()).content.decode()
    assert "18–22 октября 2021" in page and "Октябрь" not in page
