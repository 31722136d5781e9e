"""The accreditation list pages (directory, ending accreditations, review queue) and their exports."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accreditation.models import Expert, ExpertStatus
from accreditation.services.decisions import propose_step
from accreditation.tests.factories import ExpertFactory
from courses.tests.factories import TrainerAssignmentFactory, TrainingEventFactory
from people.models import Language
from people.tests.factories import CountryFactory, PersonFactory
from people.tests.lists import assert_queries_do_not_grow, csv_rows, export, xlsx_records

S = ExpertStatus
DIRECTORY = reverse("accreditation:expert-list")
EXPIRING = reverse("accreditation:expiring")
QUEUE = reverse("accreditation:review-queue")

pytestmark = pytest.mark.django_db


def expert(name, *, status=S.ACCREDITED, valid_until=None, **person):
    return ExpertFactory(
        person=PersonFactory(family_name=name, **person), status=status,
        accredited_on=datetime.date(2020, 1, 1) if status == S.ACCREDITED else None,
        valid_until=valid_until,
    )


def names(response) -> list[str]:
    return [e.person.family_name for e in response.context["page_obj"]]


# ---------------------------------------------------------------- directory


def test_the_directory_export_is_typed_and_keeps_the_default_and_chosen_filters(coordinator_client):
    english = Language.objects.get_or_create(code="en", defaults={"name": "English"})[0]
    alvarez = expert("=Alvarez", valid_until=datetime.date(2027, 5, 1))
    alvarez.languages.set([english])
    TrainerAssignmentFactory(person=alvarez.person, event=TrainingEventFactory(
        start_date=datetime.date(2021, 9, 6), status="completed"))
    expert("Nominee", status=S.NOMINATED)
    [row] = xlsx_records(export(coordinator_client, DIRECTORY, "xlsx"))
    assert row["Family name"].value == "'=Alvarez" and row["Languages"].value == "English"
    assert row["Valid until"].is_date and row["Valid until"].value.date() == datetime.date(2027, 5, 1)
    assert row["Last delivery"].value.date() == datetime.date(2021, 9, 10)
    assert row["Accredited on"].is_date and row["Status"].value == "Accredited"
    everyone = csv_rows(export(coordinator_client, DIRECTORY, "csv", {"status": "all", "sort": "-name"}))
    assert [r[1] for r in everyone[1:]] == ["Nominee", "'=Alvarez"]


def test_the_directory_export_of_bad_dates_is_empty_like_the_page(coordinator_client):
    expert("Alvarez")
    bad = {"available_from": "2025-03-10", "available_to": "2025-03-01"}
    assert names(coordinator_client.get(DIRECTORY, bad)) == []
    assert csv_rows(export(coordinator_client, DIRECTORY, "csv", bad))[1:] == []


def test_the_directory_and_its_exports_do_not_grow_in_queries(coordinator_client, django_assert_num_queries):
    english = Language.objects.get_or_create(code="en", defaults={"name": "English"})[0]

    def add(n):
        for _ in range(n):
            added = expert(f"E{Expert.objects.count():03d}", country=CountryFactory())
            added.languages.set([english])
            TrainerAssignmentFactory(person=added.person, event=TrainingEventFactory(status="completed"))

    assert_queries_do_not_grow(
        coordinator_client, DIRECTORY, add, django_assert_num_queries,
        params={"available_from": "2025-01-01", "available_to": "2025-01-05"},
    )


# ---------------------------------------------------------------- accreditations ending


def test_ending_and_ended_accreditations_are_one_list_with_their_standing(coordinator_client):
    today = timezone.localdate()
    expert("Ended", valid_until=today - datetime.timedelta(days=3))
    expert("Soon", valid_until=today + datetime.timedelta(days=40))
    expert("Later", valid_until=today + datetime.timedelta(days=400))
    expert("Suspended", status=S.SUSPENDED, valid_until=today + datetime.timedelta(days=10))
    response = coordinator_client.get(EXPIRING)
    assert names(response) == ["Ended", "Soon"]  # the most urgent first
    html = response.content.decode()
    assert "Ending soon" in html and ">Ended<" in html
    assert names(coordinator_client.get(EXPIRING, {"standing": "ended"})) == ["Ended"]
    assert names(coordinator_client.get(EXPIRING, {"standing": "ending", "sort": "-name"})) == ["Soon"]
    rows = xlsx_records(export(coordinator_client, EXPIRING, "xlsx"))
    assert [r["Standing"].value for r in rows] == ["Ended", "Ending soon"]
    assert rows[1]["Valid until"].value.date() == today + datetime.timedelta(days=40)


def test_the_ending_list_does_not_grow_in_queries(coordinator_client, django_assert_num_queries):
    soon = timezone.localdate() + datetime.timedelta(days=30)

    def add(n):
        for _ in range(n):
            expert(f"E{Expert.objects.count():03d}", valid_until=soon, country=CountryFactory())

    assert_queries_do_not_grow(coordinator_client, EXPIRING, add, django_assert_num_queries)


# ---------------------------------------------------------------- review queue


def test_the_review_queue_filters_by_step_and_exports_the_proposals(administrator_client, coordinator):
    withdraw = propose_step(expert=expert("Alvarez"), to_status=S.WITHDRAWN, rationale="@Retired",
                            by=coordinator)
    propose_step(expert=expert("Bernard"), to_status=S.SUSPENDED, rationale="Complaint", by=coordinator)
    page = administrator_client.get(QUEUE, {"to_status": "withdrawn"}).context["page_obj"]
    assert list(page) == [withdraw]
    assert [p.expert.person.family_name for p in
            administrator_client.get(QUEUE, {"q": "bernard"}).context["page_obj"]] == ["Bernard"]
    [row] = xlsx_records(export(administrator_client, QUEUE, "xlsx", {"to_status": "withdrawn"}))
    assert row["To"].value == "Withdrawn" and row["Rationale"].value == "'@Retired"
    assert row["Proposed at"].is_date and row["Evidence items"].value == 0
    assert row["Proposed by"].value == "coordinator"


def test_the_review_queue_does_not_grow_in_queries(
    administrator_client, coordinator, django_assert_num_queries
):
    def add(n):
        for _ in range(n):
            propose_step(expert=expert(f"E{Expert.objects.count():03d}"), to_status=S.WITHDRAWN,
                         rationale="Retired", by=coordinator)

    assert_queries_do_not_grow(administrator_client, QUEUE, add, django_assert_num_queries)


def test_coordinators_cannot_export_the_review_queue(coordinator_client):
    assert coordinator_client.get(QUEUE, {"export": "xlsx"}).status_code == 403
