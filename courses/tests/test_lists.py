"""The list pages of courses (events, curriculum, participants) and the attendance export."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import Attendance, AttendanceStatus, Enrolment, TrainerAssignment, TrainingEvent
from courses.tests.factories import (
    EnrolmentFactory,
    ModuleFactory,
    TrainerAssignmentFactory,
    TrainingEventFactory,
)
from people.models import Language
from people.tests.factories import CountryFactory, OrganisationFactory, PersonFactory
from people.tests.lists import assert_queries_do_not_grow, csv_rows, export, xlsx_records

D = datetime.date
EVENTS = reverse("courses:event-list")
MODULES = reverse("courses:module-list")

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [e.title for e in response.context["page_obj"]]


# ---------------------------------------------------------------- events


@pytest.fixture
def english(db):
    return Language.objects.get_or_create(code="en", defaults={"name": "English"})[0]


def test_events_filter_by_status_format_and_language(coordinator_client, english):
    online = TrainingEventFactory(title="Online", format=TrainingEvent.Format.VIRTUAL)
    online.languages.set([english])
    TrainingEventFactory(title="Cancelled", status=TrainingEvent.Status.CANCELLED)
    assert titles(coordinator_client.get(EVENTS, {"format": "virtual"})) == ["Online"]
    assert titles(coordinator_client.get(EVENTS, {"status": "cancelled"})) == ["Cancelled"]
    assert titles(coordinator_client.get(EVENTS, {"language": "en"})) == ["Online"]


def test_events_sort_by_participants_either_way(coordinator_client):
    busy = TrainingEventFactory(title="Busy")
    EnrolmentFactory.create_batch(3, event=busy)
    TrainingEventFactory(title="Quiet")
    assert titles(coordinator_client.get(EVENTS, {"sort": "participants"})) == ["Quiet", "Busy"]
    assert titles(coordinator_client.get(EVENTS, {"sort": "-participants"})) == ["Busy", "Quiet"]
    assert titles(coordinator_client.get(EVENTS, {"sort": "-title"})) == ["Quiet", "Busy"]


def test_the_event_list_and_its_exports_do_not_grow_in_queries(coordinator_client, english,
                                                               django_assert_num_queries):
    def add(n):
        for _ in range(n):
            event = TrainingEventFactory(host_country=CountryFactory(), capacity=30)
            event.languages.set([english])
            EnrolmentFactory(event=event)

    assert_queries_do_not_grow(coordinator_client, EVENTS, add, django_assert_num_queries)


def test_the_event_export_has_dates_numbers_and_the_filters(coordinator_client, english):
    kenya = TrainingEventFactory(
        title="=Kenya training", start_date=D(2018, 2, 19), capacity=30, host_country=CountryFactory()
    )
    kenya.languages.set([english])
    EnrolmentFactory.create_batch(2, event=kenya)
    EnrolmentFactory(event=kenya, status=Enrolment.Status.WITHDRAWN)
    TrainingEventFactory(title="Brussels workshop", start_date=D(2017, 10, 17))
    [row] = xlsx_records(export(coordinator_client, EVENTS, "xlsx", {"year": "2018"}))
    assert row["Title"].value == "'=Kenya training"
    assert row["Start date"].is_date and row["Start date"].value.date() == D(2018, 2, 19)
    assert row["End date"].value.date() == D(2018, 2, 23)
    assert row["Participants"].value == 2 and isinstance(row["Participants"].value, int)
    assert row["Capacity"].value == 30 and row["Languages"].value == "English"
    assert row["Host country"].value == "Belgium" and row["WCO region"].value == "Europe"
    header, *rows = csv_rows(export(coordinator_client, EVENTS, "csv", {"sort": "start"}))
    assert [r[0] for r in rows] == ["Brussels workshop", "'=Kenya training"]
    assert rows[1][1:3] == ["2018-02-19", "2018-02-23"]


def test_a_trainer_exports_only_their_own_events(trainer_client, trainer):
    mine = TrainingEventFactory(title="Mine")
    TrainingEventFactory(title="Not mine")
    TrainerAssignment.objects.create(event=mine, person=trainer.person)
    assert [r[0] for r in csv_rows(export(trainer_client, EVENTS, "csv"))[1:]] == ["Mine"]


# ---------------------------------------------------------------- curriculum


def test_modules_filter_by_topic_and_sort_by_hours(coordinator_client):
    ModuleFactory(code="A-1", hours=3, topic_area="cbrn")
    ModuleFactory(code="A-2", hours=1)
    codes = lambda r: [m.code for m in r.context["page_obj"]]  # noqa: E731
    assert codes(coordinator_client.get(MODULES, {"topic_area": "cbrn"})) == ["A-1"]
    assert codes(coordinator_client.get(MODULES, {"sort": "hours"})) == ["A-2", "A-1"]
    assert codes(coordinator_client.get(MODULES, {"sort": "-code"})) == ["A-2", "A-1"]


def test_a_bad_module_status_is_an_error_and_only_active_modules_show(coordinator_client):
    ModuleFactory(code="OLD", active=False)
    ModuleFactory(code="NEW")
    response = coordinator_client.get(MODULES, {"status": "gone"})
    assert response.context["form"].errors["status"]
    assert [m.code for m in response.context["page_obj"]] == ["NEW"]


def test_the_curriculum_export_has_decimal_hours_and_the_filters(trainer_client):
    ModuleFactory(code="STCE-07", title="+Strategic Trade Atlas", hours=Decimal("1.5"))
    ModuleFactory(code="OLD", active=False)
    [row] = xlsx_records(export(trainer_client, MODULES, "xlsx"))
    assert row["Code"].value == "STCE-07" and row["Title"].value == "'+Strategic Trade Atlas"
    assert row["Hours"].value == 1.5 and row["Hours"].data_type == "n"
    retired = csv_rows(export(trainer_client, MODULES, "csv", {"status": "retired"}))
    assert [r[0] for r in retired[1:]] == ["OLD"] and retired[1][4] == "Retired"


def test_the_curriculum_list_does_not_grow_in_queries(coordinator_client, django_assert_num_queries):
    assert_queries_do_not_grow(
        coordinator_client, MODULES, lambda n: ModuleFactory.create_batch(n), django_assert_num_queries
    )


# ---------------------------------------------------------------- participants


@pytest.fixture
def event(trainer):
    event = TrainingEventFactory(capacity=None)
    TrainerAssignmentFactory(event=event, person=trainer.person)
    return event


def participants_url(event) -> str:
    return reverse("courses:participant-list", args=[event.pk])


def test_participants_filter_by_status(coordinator_client, event):
    EnrolmentFactory(event=event, person=PersonFactory(family_name="Stays"))
    EnrolmentFactory(event=event, person=PersonFactory(family_name="Left"), status=Enrolment.Status.WITHDRAWN)
    page = coordinator_client.get(participants_url(event), {"status": "withdrawn"}).context["page_obj"]
    assert [e.person.family_name for e in page] == ["Left"]


def test_the_participant_export_has_every_row_typed_and_filtered(coordinator_client, event):
    organisation = OrganisationFactory(name="General Administration of Customs")
    EnrolmentFactory(event=event, person=PersonFactory(family_name="Li", organisation=organisation))
    EnrolmentFactory(event=event, person=PersonFactory(family_name="Gone"), status=Enrolment.Status.WITHDRAWN,
                     withdrawn_at=datetime.datetime(2021, 10, 1, 9, 0, tzinfo=datetime.UTC))
    rows = xlsx_records(export(coordinator_client, participants_url(event), "xlsx", {"sort": "name"}))
    assert [r["Family name"].value for r in rows] == ["Gone", "Li"]
    assert rows[0]["Withdrawn at"].is_date and rows[1]["Withdrawn at"].value is None
    assert rows[1]["Enrolled at"].is_date and rows[1]["Organisation"].value == organisation.name
    only = csv_rows(export(coordinator_client, participants_url(event), "csv", {"q": "li"}))
    assert [r[1] for r in only[1:]] == ["Li"]


def test_a_trainer_sees_the_participants_but_cannot_export_them(trainer_client, event):
    EnrolmentFactory(event=event)
    url = participants_url(event)
    response = trainer_client.get(url)
    assert response.status_code == 200 and "export=csv" not in response.content.decode()
    assert trainer_client.get(url, {"export": "csv"}).status_code == 403
    assert trainer_client.get(url, {"export": "xlsx"}).status_code == 403


def test_another_trainers_participants_are_not_found_in_any_format(persona_client, event):
    client = persona_client("other_trainer")
    assert client.get(participants_url(event), {"export": "csv"}).status_code == 404


def test_the_participant_list_does_not_grow_in_queries(coordinator_client, event, django_assert_num_queries):
    organisation = OrganisationFactory()

    def add(n):
        for _ in range(n):
            EnrolmentFactory(event=event, person=PersonFactory(organisation=organisation))

    assert_queries_do_not_grow(
        coordinator_client, participants_url(event), add, django_assert_num_queries
    )


# ---------------------------------------------------------------- attendance


def attendance_export(client, event, fmt):
    response = client.get(reverse(f"courses:attendance-export-{fmt}", args=[event.pk]))
    assert response.status_code == 200
    return response


def test_the_attendance_export_has_a_percentage_per_participant(trainer_client, trainer):
    event = TrainingEventFactory(with_days=True)
    TrainerAssignmentFactory(event=event, person=trainer.person)
    enrolment = EnrolmentFactory(event=event, person=PersonFactory(family_name="Ortega"))
    for day in event.days.all()[:3]:
        Attendance.objects.create(enrolment=enrolment, day=day, status=AttendanceStatus.PRESENT)
    [row] = xlsx_records(attendance_export(trainer_client, event, "xlsx"))
    share = row["Attendance %"]
    assert share.value == pytest.approx(0.6) and share.number_format == "0.0%" and share.data_type == "n"
    assert row["Family name"].value == "Ortega" and row["Completed"].value == "no"
    first_day = event.days.order_by("date").first().date.isoformat()
    assert row[first_day].value == "Present"
    header, line = csv_rows(attendance_export(trainer_client, event, "csv"))
    assert line[header.index("Attendance %")] == "60.0"


def test_the_attendance_export_does_not_grow_in_queries(trainer_client, trainer, django_assert_num_queries):
    event = TrainingEventFactory(with_days=True)
    TrainerAssignmentFactory(event=event, person=trainer.person)
    url = reverse("courses:attendance-export-xlsx", args=[event.pk])

    def add(n):
        for enrolment in EnrolmentFactory.create_batch(n, event=event):
            Attendance.objects.create(
                enrolment=enrolment, day=event.days.first(), status=AttendanceStatus.LATE
            )

    add(5)
    trainer_client.get(url)
    with CaptureQueriesContext(connection) as small:
        trainer_client.get(url)
    add(45)
    with django_assert_num_queries(len(small)):
        response = trainer_client.get(url)
    assert len(xlsx_records(response)) == 50
