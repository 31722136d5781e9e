import datetime

import pytest
from django.core import mail
from django.urls import reverse

from courses.models import AgendaItem, Enrolment, EventDay, TrainerAssignment, TrainingEvent
from courses.services.icalendar import calendar, escape_text, fold
from courses.tests.factories import EnrolmentFactory, ModuleFactory, TrainingEventFactory
from people.models import Gender, Language, Person
from people.tests.factories import PersonFactory

D = datetime.date


def make_events(n: int, *, participants: int = 3) -> list[TrainingEvent]:
    language, _ = Language.objects.get_or_create(code="en", defaults={"name": "English"})
    events = []
    for _i in range(n):
        event = TrainingEventFactory(with_days=True)
        event.languages.add(language)
        for person in PersonFactory.create_batch(participants):
            EnrolmentFactory(event=event, person=person)
        item = AgendaItem.objects.create(day=event.days.first(), module=ModuleFactory(), position=1)
        item.speakers.add(PersonFactory())
        TrainerAssignment.objects.create(event=event, person=PersonFactory())
        events.append(event)
    return events


class TestQueryCounts:
    def test_event_list_queries_do_not_grow_with_events(
        self, coordinator_client, django_assert_max_num_queries
    ):
        make_events(2)
        url = reverse("courses:event-list")
        with django_assert_max_num_queries(10) as few:
            assert coordinator_client.get(url).status_code == 200
        make_events(10, participants=5)
        with django_assert_max_num_queries(len(few.captured_queries)):
            response = coordinator_client.get(url)
        assert len(response.context["page_obj"]) == 12

    def test_event_page_queries_do_not_grow_with_participants(
        self, coordinator_client, django_assert_max_num_queries
    ):
        [event] = make_events(1, participants=2)
        # 28: the completion table is a page of participants plus the event's totals, and the
        # checklist reads the messages sent, the days recorded and the certificates issued; two
        # more read the frameworks and funding (frameworks app), one the invitations to deliver,
        # two the evaluation (who answered, and a post-test pass mark in the certificates' rule).
        with django_assert_max_num_queries(33) as few:
            assert coordinator_client.get(event.get_absolute_url()).status_code == 200
        for person in PersonFactory.create_batch(30):
            EnrolmentFactory(event=event, person=person)
        AgendaItem.objects.create(day=event.days.last(), module=ModuleFactory(), position=1)
        TrainerAssignment.objects.create(event=event, person=PersonFactory())
        with django_assert_max_num_queries(len(few.captured_queries)):
            assert coordinator_client.get(event.get_absolute_url()).status_code == 200

    def test_filters_and_search_narrow_the_list(self, coordinator_client):
        TrainingEventFactory(
            title="Kenya training", kind=TrainingEvent.Kind.NATIONAL, start_date=D(2018, 2, 19)
        )
        TrainingEventFactory(
            title="Brussels workshop", kind=TrainingEvent.Kind.TTT, start_date=D(2017, 10, 17)
        )
        url = reverse("courses:event-list")
        titles = lambda r: [e.title for e in r.context["page_obj"]]  # noqa: E731
        assert titles(coordinator_client.get(url, {"kind": "ttt"})) == ["Brussels workshop"]
        assert titles(coordinator_client.get(url, {"year": "2018"})) == ["Kenya training"]
        assert titles(coordinator_client.get(url, {"q": "kenya"})) == ["Kenya training"]
        assert titles(coordinator_client.get(url, {"sort": "start"})) == [
            "Brussels workshop",
            "Kenya training",
        ]

    @pytest.mark.parametrize("year", ["99999999999999999999", "-5", "2018.5", "abc"])
    def test_an_impossible_year_is_a_message_not_a_crash(self, coordinator_client, year):
        TrainingEventFactory(title="Kenya training", start_date=D(2018, 2, 19))
        response = coordinator_client.get(reverse("courses:event-list"), {"year": year})
        assert response.status_code == 200
        assert response.context["filter"].errors["year"]
        assert [e.title for e in response.context["page_obj"]] == ["Kenya training"]


class TestTrainersSeeOnlyTheirEvents:
    def test_my_events_lists_only_assigned_events(self, trainer_client, trainer):
        mine = TrainingEventFactory(title="Mine")
        TrainingEventFactory(title="Not mine")
        TrainerAssignment.objects.create(event=mine, person=trainer.person)
        response = trainer_client.get(reverse("courses:event-list"))
        assert [e.title for e in response.context["page_obj"]] == ["Mine"]
        assert "My events" in response.content.decode()

    def test_another_event_is_a_404_on_every_page(self, trainer_client):
        other = TrainingEventFactory()
        for name in ("courses:event-detail", "courses:event-ics", "courses:participant-list"):
            assert trainer_client.get(reverse(name, args=[other.pk])).status_code == 404, name

    def test_the_calendar_shows_only_assigned_events(self, trainer_client, trainer):
        mine = TrainingEventFactory(title="Mine", start_date=D(2021, 10, 18))
        TrainingEventFactory(title="Not mine", start_date=D(2021, 10, 18))
        TrainerAssignment.objects.create(event=mine, person=trainer.person)
        response = trainer_client.get(reverse("courses:event-calendar"), {"year": 2021})
        assert [e.title for e in response.context["events"]] == ["Mine"]

    def test_my_events_ics_has_only_my_events(self, trainer_client, trainer):
        mine = TrainingEventFactory(title="Mine")
        TrainingEventFactory(title="Not mine")
        TrainerAssignment.objects.create(event=mine, person=trainer.person)
        text = trainer_client.get(reverse("courses:my-events-ics")).getvalue().decode()
        assert "SUMMARY:Mine" in text and "Not mine" not in text


class TestEventPage:
    def test_participants_are_counted_by_gender_including_not_recorded(self, coordinator_client):
        event = TrainingEventFactory()
        for gender in [Gender.FEMALE, Gender.FEMALE, Gender.MALE, Gender.ANOTHER, Gender.NOT_RECORDED]:
            EnrolmentFactory(event=event, person=PersonFactory(gender=gender))
        withdrawn = EnrolmentFactory(event=event, person=PersonFactory(gender=Gender.MALE))
        withdrawn.status = Enrolment.Status.WITHDRAWN
        withdrawn.save()
        counts = dict(coordinator_client.get(event.get_absolute_url()).context["gender_counts"])
        assert counts == {"Female": 2, "Male": 1, "Another gender": 1, "Not recorded": 1}

    def test_trainers_see_the_page_without_editing_controls(self, trainer_client, trainer):
        event = TrainingEventFactory()
        TrainerAssignment.objects.create(event=event, person=trainer.person)
        page = trainer_client.get(event.get_absolute_url()).content.decode()
        assert reverse("courses:event-edit", args=[event.pk]) not in page

    def test_a_status_change_that_the_lifecycle_forbids_is_explained(self, coordinator_client):
        event = TrainingEventFactory(status=TrainingEvent.Status.CANCELLED)
        response = coordinator_client.post(
            reverse("courses:event-status", args=[event.pk]), {"status": "completed"}, follow=True
        )
        assert "cannot" in response.content.decode()
        event.refresh_from_db()
        assert event.status == TrainingEvent.Status.CANCELLED

    def test_coordinator_creates_an_event_and_end_before_start_is_a_form_error(self, coordinator_client):
        url = reverse("courses:event-create")
        data = {
            "title": "New",
            "kind": "national",
            "format": "virtual",
            "time_zone": "Asia/Shanghai",
            "start_date": "2021-10-22",
            "end_date": "2021-10-18",
            "completion_threshold": 80,
            "excused_policy": "not_counted",
        }
        response = coordinator_client.post(url, data)
        assert response.status_code == 200 and "end_date" in response.context["form"].errors
        data["end_date"] = "2021-10-26"
        assert coordinator_client.post(url, data).status_code == 302
        assert TrainingEvent.objects.get(title="New").status == TrainingEvent.Status.DRAFT

    def test_days_are_generated_from_the_page(self, coordinator_client):
        event = TrainingEventFactory()
        coordinator_client.post(reverse("courses:days-generate", args=[event.pk]))
        assert EventDay.objects.filter(event=event).count() == 5


class TestICalendar:
    def test_text_is_escaped_and_lines_use_crlf_and_fold_at_75_octets(self):
        assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
        folded = fold("SUMMARY:" + "培训" * 40)
        assert all(len(line.encode()) <= 75 for line in folded.split("\r\n"))
        assert folded.replace("\r\n ", "") == "SUMMARY:" + "培训" * 40

    def test_an_event_is_an_all_day_vevent_with_an_exclusive_end(self, db):
        event = TrainingEventFactory(title="China, national; training", start_date=D(2021, 10, 18))
        text = calendar([event])
        assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and text.endswith("END:VCALENDAR\r\n")
        assert "DTSTART;VALUE=DATE:20211018\r\n" in text and "DTEND;VALUE=DATE:20211023\r\n" in text
        assert "SUMMARY:China\\, national\\; training\r\n" in text
        assert "\n" not in text.replace("\r\n", "")


class TestJoiningInstructions:
    def test_participants_and_trainers_get_the_details_with_an_ics(self, coordinator_client, run_tasks):
        event = TrainingEventFactory(title="China national training", platform="Zoom")
        EnrolmentFactory(event=event, person=PersonFactory(email="p@example.org"))
        EnrolmentFactory(event=event, person=PersonFactory(email=None, given_name="No", family_name="Mail"))
        TrainerAssignment.objects.create(event=event, person=PersonFactory(email="t@example.org"))
        response = coordinator_client.post(
            reverse("courses:joining-instructions", args=[event.pk]),
            {"message": "Zoom passcode 1234"},
            follow=True,
        )
        run_tasks()
        assert sorted(m.to[0] for m in mail.outbox) == ["p@example.org", "t@example.org"]
        message = mail.outbox[0]
        assert "China national training" in message.subject and "Zoom passcode 1234" in message.body
        [(name, content, mimetype)] = message.attachments
        assert name == "event.ics" and "BEGIN:VEVENT" in content and mimetype.startswith("text/calendar")
        assert "No Mail" in response.content.decode()  # named as having no address

    def test_nothing_is_sent_for_a_cancelled_event(self, coordinator_client, run_tasks):
        event = TrainingEventFactory(status=TrainingEvent.Status.CANCELLED)
        EnrolmentFactory(event=event)
        coordinator_client.post(reverse("courses:joining-instructions", args=[event.pk]), {"message": ""})
        run_tasks()
        assert mail.outbox == []


@pytest.mark.django_db
def test_the_year_calendar_places_events_in_their_months(coordinator_client):
    TrainingEventFactory(title="Over new year", start_date=D(2021, 12, 28), end_date=D(2022, 1, 3))
    response = coordinator_client.get(reverse("courses:event-calendar"), {"year": 2022})
    [event] = response.context["events"]
    assert (event.bar_start, event.bar_span) == (1, 1)


class TestOtherListsArePinned:
    def test_participant_list_queries_do_not_grow(self, coordinator_client, django_assert_max_num_queries):
        [event] = make_events(1, participants=2)
        url = reverse("courses:participant-list", args=[event.pk])
        with django_assert_max_num_queries(10) as few:
            assert coordinator_client.get(url).status_code == 200
        for person in PersonFactory.create_batch(40):
            EnrolmentFactory(event=event, person=person)
        with django_assert_max_num_queries(len(few.captured_queries)):
            assert coordinator_client.get(url).status_code == 200

    def test_calendar_queries_do_not_grow(self, coordinator_client, django_assert_max_num_queries):
        make_events(1)
        url = reverse("courses:event-calendar") + "?year=2021"
        with django_assert_max_num_queries(6) as few:
            assert coordinator_client.get(url).status_code == 200
        make_events(8)
        with django_assert_max_num_queries(len(few.captured_queries)):
            assert len(coordinator_client.get(url).context["events"]) == 9

    def test_person_page_queries_do_not_grow_with_trainings(
        self, coordinator_client, django_assert_max_num_queries
    ):
        person = PersonFactory()
        EnrolmentFactory(person=person)
        # Training history with completion and the certificates list each cost a few queries; the
        # trainings delivered at home one (accreditation/person_page.py).
        with django_assert_max_num_queries(13) as few:
            assert coordinator_client.get(person.get_absolute_url()).status_code == 200
        for _i in range(5):
            EnrolmentFactory(person=person)
            TrainerAssignment.objects.create(event=TrainingEventFactory(), person=person)
        with django_assert_max_num_queries(len(few.captured_queries)):
            assert coordinator_client.get(person.get_absolute_url()).status_code == 200


def test_an_upload_over_the_size_limit_is_refused_by_the_form(coordinator_client, settings):
    import io

    settings.STCE_MAX_IMPORT_BYTES = 1024
    event = TrainingEventFactory()
    upload = io.BytesIO(b"Given name,Family name,Country\n" + b"a,b,CN\n" * 400)
    upload.name = "big.csv"
    response = coordinator_client.post(
        reverse("courses:participant-import", args=[event.pk]), {"file": upload}
    )
    assert "MB" in str(response.context["form"].errors["file"])
    assert not Enrolment.objects.exists()


def test_sending_joining_instructions_twice_in_a_row_mails_once(coordinator_client, run_tasks):
    event = TrainingEventFactory()
    EnrolmentFactory(event=event, person=PersonFactory(email="p@example.org"))
    url = reverse("courses:joining-instructions", args=[event.pk])
    coordinator_client.post(url, {"message": "Zoom link"})
    response = coordinator_client.post(url, {"message": "Zoom link"})
    run_tasks()
    assert len(mail.outbox) == 1
    assert "a moment ago" in response.content.decode()


NEW_PERSON = {
    "action": "create", "given_name": "Ana", "family_name": "Pérez", "gender": Gender.FEMALE,
    "preferred_language": "en",
}


class TestEnrollingOneByOne:
    def test_the_directory_is_searched_first_and_a_found_person_is_enrolled(self, coordinator_client):
        event = TrainingEventFactory(capacity=None)
        person = PersonFactory(given_name="Wei", family_name="Zhang")
        url = reverse("courses:participant-add", args=[event.pk])
        assert person.full_name in coordinator_client.get(url, {"q": "zhang"}).content.decode()
        coordinator_client.post(url + "?q=zhang", {"person": person.pk})
        assert Enrolment.objects.filter(event=event, person=person).exists()

    @pytest.mark.parametrize("query", ["王秀英", "王 秀英", "wangxiuying", "WANG"])
    def test_the_enrol_search_finds_a_chinese_name_as_typed(self, coordinator_client, query):
        event = TrainingEventFactory(capacity=None)
        wang = PersonFactory(given_name="秀英", family_name="王", latin_name="Wang Xiuying")
        PersonFactory(given_name="秀英", family_name="李", latin_name="Li Xiuying")
        response = coordinator_client.get(reverse("courses:participant-add", args=[event.pk]), {"q": query})
        assert list(response.context["results"]) == [wang]

    def test_a_new_person_with_a_line_break_in_the_name_is_refused(self, coordinator_client):
        event = TrainingEventFactory(capacity=None)
        url = reverse("courses:participant-add", args=[event.pk])
        response = coordinator_client.post(url, {**NEW_PERSON, "given_name": "Ana\nMaria"})
        assert "line breaks" in response.content.decode()
        assert not Enrolment.objects.filter(event=event).exists()

    def test_a_new_person_is_created_and_enrolled(self, coordinator_client):
        event = TrainingEventFactory(capacity=None)
        url = reverse("courses:participant-add", args=[event.pk])
        coordinator_client.post(url, NEW_PERSON)
        assert Enrolment.objects.get(event=event).person.family_name == "Pérez"

    def test_a_full_event_refuses_the_new_person_and_does_not_keep_them(self, coordinator_client):
        event = TrainingEventFactory(capacity=1)
        EnrolmentFactory(event=event)
        url = reverse("courses:participant-add", args=[event.pk])
        response = coordinator_client.post(url, NEW_PERSON, follow=True)
        assert "The event is full" in response.content.decode()
        assert not Person.objects.filter(family_name="Pérez").exists()

    @pytest.mark.parametrize("person", ["abc", "1.5", "", "99999999"])
    def test_a_tampered_person_id_is_not_found(self, coordinator_client, person):
        event = TrainingEventFactory(capacity=None)
        url = reverse("courses:participant-add", args=[event.pk])
        assert coordinator_client.post(url, {"person": person}).status_code == 404
        assert not Enrolment.objects.filter(event=event).exists()


class TestParticipantList:
    def test_participants_sort_by_name_either_way_and_ignore_an_unknown_key(self, coordinator_client):
        event = TrainingEventFactory(capacity=None)
        for family in ("Bravo", "Alpha", "Charlie"):
            EnrolmentFactory(event=event, person=PersonFactory(family_name=family))
        url = reverse("courses:participant-list", args=[event.pk])
        names = lambda r: [e.person.family_name for e in r.context["page_obj"]]  # noqa: E731
        assert names(coordinator_client.get(url, {"sort": "name"})) == ["Alpha", "Bravo", "Charlie"]
        assert names(coordinator_client.get(url, {"sort": "-name"})) == ["Charlie", "Bravo", "Alpha"]
        response = coordinator_client.get(url, {"sort": "person__user__password"})
        assert names(response) == ["Alpha", "Bravo", "Charlie"]
        assert 'aria-sort="ascending"' in coordinator_client.get(url, {"sort": "name"}).content.decode()

    def test_a_search_that_finds_nobody_says_so(self, coordinator_client):
        event = TrainingEventFactory(capacity=None)
        EnrolmentFactory(event=event)
        url = reverse("courses:participant-list", args=[event.pk])
        page = coordinator_client.get(url, {"q": "zzzz-nobody"}).content.decode()
        assert "Nobody matches your search." in page and "No participants yet." not in page


@pytest.mark.parametrize(("language", "china"), [("fr", "Chine"), ("ru", "Китай")])
def test_country_names_are_shown_in_the_interface_language(coordinator_client, language, china):
    from people.tests.factories import CountryFactory

    event = TrainingEventFactory(host_country=CountryFactory(code="CN", name="China"))
    coordinator_client.post(reverse("set_language"), {"language": language, "next": "/"})
    listing = coordinator_client.get(reverse("courses:event-list")).content.decode()
    assert china in listing and china in coordinator_client.get(event.get_absolute_url()).content.decode()
