"""The list pages of the people app (people, audit log, lockouts) and the list helper itself."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from documents.spreadsheets import Column
from people.forms.people import PersonFilter
from people.lists import Header, ListPage, export_filename
from people.models import Gender, Person
from people.tests.factories import CountryFactory, OrganisationFactory, PersonFactory, RegionFactory
from people.tests.lists import assert_queries_do_not_grow, csv_rows, export, xlsx_records

PEOPLE = reverse("people:person-list")
AUDIT = reverse("people:audit-log")
LOCKOUTS = reverse("people:lockout-list")

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return [p.family_name for p in response.context["page_obj"]]


# ---------------------------------------------------------------- the helper


def test_a_list_page_offers_only_the_sorts_it_declares():
    with pytest.raises(ImproperlyConfigured):
        ListPage(name="x", title="X", filterset=PersonFilter, sorts={"name": ("family_name",)},
                 default_sort="name", headers=[Header("Country", sort="country")], columns=[])


def test_export_files_are_named_after_the_list_and_the_day():
    assert export_filename("people", "xlsx").startswith("people-")
    assert export_filename("people", "xlsx").endswith(f"{datetime.date.today().isoformat()}.xlsx")
    assert export_filename("Участники", "csv").startswith("export-")  # nothing Latin to keep


def test_an_unknown_export_format_is_not_found(coordinator_client):
    PersonFactory()
    assert coordinator_client.get(PEOPLE, {"export": "pdf"}).status_code == 404


def test_sort_links_keep_the_filters_and_go_back_to_the_first_page(coordinator_client):
    PersonFactory(family_name="Silva")
    html = coordinator_client.get(PEOPLE, {"q": "silva", "page": "1"}).content.decode()
    assert 'href="?q=silva&amp;sort=country"' in html
    assert 'href="?q=silva&amp;export=xlsx"' in html


# ---------------------------------------------------------------- people


@pytest.fixture
def world(db):
    europe = RegionFactory()
    belgium = CountryFactory()
    chile = CountryFactory(code="CL", name="Chile", region=europe)
    return {"BE": belgium, "CL": chile, "org": OrganisationFactory(name="Chilean Customs", country=chile)}


def test_people_filter_by_country_organisation_and_gender(coordinator_client, world):
    PersonFactory(family_name="Alvarez", country=world["CL"], organisation=world["org"], gender=Gender.MALE)
    PersonFactory(family_name="Bernard", country=world["BE"])
    assert names(coordinator_client.get(PEOPLE, {"country": "CL"})) == ["Alvarez"]
    assert names(coordinator_client.get(PEOPLE, {"organisation": world["org"].pk})) == ["Alvarez"]
    assert names(coordinator_client.get(PEOPLE, {"gender": "female"})) == ["Bernard"]


def test_people_sort_by_name_country_and_newest(coordinator_client, world):
    PersonFactory(family_name="Bernard", country=world["BE"])
    PersonFactory(family_name="Alvarez", country=world["CL"])
    assert names(coordinator_client.get(PEOPLE, {"sort": "name"})) == ["Alvarez", "Bernard"]
    assert names(coordinator_client.get(PEOPLE, {"sort": "-name"})) == ["Bernard", "Alvarez"]
    assert names(coordinator_client.get(PEOPLE, {"sort": "country"})) == ["Bernard", "Alvarez"]
    assert names(coordinator_client.get(PEOPLE, {"sort": "-created"})) == ["Alvarez", "Bernard"]


@pytest.mark.parametrize("bad", [{"country": "XX"}, {"organisation": "abc"}, {"gender": "robot"}])
def test_a_bad_filter_value_is_an_error_next_to_its_field(coordinator_client, world, bad):
    PersonFactory(family_name="Alvarez")
    response = coordinator_client.get(PEOPLE, bad)
    assert response.status_code == 200
    [field] = bad
    assert response.context["form"].errors[field]
    assert names(response) == ["Alvarez"]


def test_people_list_queries_do_not_grow(coordinator_client, world, django_assert_num_queries):
    def add(n):
        for _ in range(n):
            PersonFactory(organisation=world["org"], country=world["CL"])

    assert_queries_do_not_grow(coordinator_client, PEOPLE, add, django_assert_num_queries)


def test_people_export_has_typed_cells_and_the_filters(coordinator_client, world):
    PersonFactory(given_name="@Ana", family_name="=Silva", country=world["CL"], organisation=world["org"])
    PersonFactory(family_name="Bernard", country=world["BE"])
    [row] = xlsx_records(export(coordinator_client, PEOPLE, "xlsx", {"country": "CL"}))
    assert row["Family name"].value == "'=Silva" and row["Given name"].value == "'@Ana"
    assert row["Organisation"].value == "Chilean Customs" and row["Country"].value == "Chile"
    assert isinstance(row["Added"].value, datetime.datetime) and row["Added"].is_date
    header, *rows = csv_rows(export(coordinator_client, PEOPLE, "csv", {"country": "CL"}))
    assert header[:2] == ["Given name", "Family name"] and [r[1] for r in rows] == ["'=Silva"]


def test_erased_people_are_neither_listed_nor_exported(coordinator_client, world):
    PersonFactory(family_name="Gone", erased_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC))
    PersonFactory(family_name="Here")
    assert names(coordinator_client.get(PEOPLE)) == ["Here"]
    assert [r[1] for r in csv_rows(export(coordinator_client, PEOPLE, "csv"))[1:]] == ["Here"]


def test_a_trainer_can_neither_see_nor_export_the_people(trainer_client):
    assert trainer_client.get(PEOPLE).status_code == 403
    assert trainer_client.get(PEOPLE, {"export": "csv"}).status_code == 403


# ---------------------------------------------------------------- audit log


def test_the_audit_log_sorts_oldest_first_on_request(administrator_client):
    first = PersonFactory()
    second = PersonFactory()
    rows = administrator_client.get(AUDIT, {"sort": "when"}).context["page_obj"].object_list
    assert [r["object_id"] for r in rows[:2]] == [str(first.pk), str(second.pk)]
    rows = administrator_client.get(AUDIT).context["page_obj"].object_list
    assert rows[0]["object_id"] == str(second.pk)


def test_the_audit_log_exports_the_filtered_changes_with_dates_and_names(administrator_client, coordinator):
    person = PersonFactory(family_name="Before")
    person.family_name = "After"
    person._history_user = coordinator
    person._change_reason = "=cmd|' /C calc'!A0"
    person.save()
    records = xlsx_records(export(administrator_client, AUDIT, "xlsx", {"user": coordinator.pk}))
    [row] = records
    assert row["Kind of record"].value == "Person" and row["Record number"].value == str(person.pk)
    assert row["Change"].value == "Changed" and row["By"].value == "coordinator"
    assert row["Reason"].value.startswith("'=")
    assert isinstance(row["When"].value, datetime.datetime)
    assert row["When"].number_format == "yyyy-mm-dd hh:mm"
    everything = csv_rows(export(administrator_client, AUDIT, "csv"))
    assert {r[3] for r in everything[1:]} == {"Created", "Changed"}
    assert "the system" in {r[4] for r in everything[1:]}


def test_a_bad_audit_filter_is_a_message(administrator_client):
    PersonFactory()
    response = administrator_client.get(AUDIT, {"model": "auth.user", "date_from": "2026-13-45"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"model", "date_from"}


def test_the_audit_log_queries_do_not_grow(administrator_client, django_assert_num_queries):
    assert_queries_do_not_grow(
        administrator_client, AUDIT, lambda n: PersonFactory.create_batch(n), django_assert_num_queries,
        params={"model": "people.person"},
    )


def test_a_coordinator_cannot_export_the_audit_log(coordinator_client):
    assert coordinator_client.get(AUDIT, {"export": "xlsx"}).status_code == 403


# ---------------------------------------------------------------- lockouts


def lock_out(username: str, *, failures: int = 5, ip: str = "10.0.0.1") -> AccessAttempt:
    return AccessAttempt.objects.create(
        username=username, ip_address=ip, user_agent="", failures_since_start=failures,
        get_data="", post_data="", http_accept="", path_info="/accounts/login/",
    )


def test_lockouts_search_sort_and_export(administrator_client):
    lock_out("alice", failures=7)
    lock_out("=bob", failures=5, ip="10.0.0.2")
    page = administrator_client.get(LOCKOUTS, {"q": "ali"}).context["page_obj"]
    assert [a.username for a in page] == ["alice"]
    page = administrator_client.get(LOCKOUTS, {"sort": "-attempts"}).context["page_obj"]
    assert [a.username for a in page] == ["alice", "=bob"]
    rows = xlsx_records(export(administrator_client, LOCKOUTS, "xlsx", {"sort": "username"}))
    assert [r["Username"].value for r in rows] == ["'=bob", "alice"]
    assert rows[1]["Failed attempts"].value == 7 and rows[1]["Last attempt"].is_date


def test_the_lockout_list_queries_do_not_grow(administrator_client, django_assert_num_queries):
    def add(n):
        for _ in range(n):
            lock_out(f"user{AccessAttempt.objects.count()}")

    assert_queries_do_not_grow(administrator_client, LOCKOUTS, add, django_assert_num_queries)


def test_a_person_list_export_of_many_rows_has_them_all(coordinator_client, world):
    Person.objects.bulk_create([
        Person(family_name=f"Bulk{i:04d}", country=world["BE"], search_text=f"bulk{i:04d}")
        for i in range(120)
    ])
    rows = csv_rows(export(coordinator_client, PEOPLE, "csv", {"q": "bulk"}))
    assert len(rows) == 121 and rows[1][1] == "Bulk0000" and rows[-1][1] == "Bulk0119"


def test_columns_declared_once_give_the_export_header():
    from people.views.people import PEOPLE as PAGE

    assert all(isinstance(c, Column) for c in PAGE.columns)
    assert [str(c.label) for c in PAGE.columns][:2] == ["Given name", "Family name"]
