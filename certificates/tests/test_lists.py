"""The certificate registry as a list page: filters, sort, queries, typed exports."""

import datetime

import pytest
from django.urls import reverse

from certificates.delivery import send_certificate
from certificates.issuing import issue_certificate, revoke_certificate
from certificates.models import Certificate
from certificates.tests.certificate_helpers import enrol, event_with_days
from people.tests.lists import assert_queries_do_not_grow, csv_rows, export, xlsx_records

LIST = reverse("certificates:certificate-list")

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return event_with_days(title="National training on STCE")


def issue(event, coordinator, **person):
    holder = enrol(event, **person).person
    return issue_certificate(kind=Certificate.Kind.COMPLETION, holder=holder, event=event, by=coordinator)


def serials(response) -> list[str]:
    return [c.serial for c in response.context["page_obj"]]


def test_certificates_sort_by_holder_either_way(coordinator_client, event, coordinator):
    zed = issue(event, coordinator, given_name="", family_name="Zed")
    abe = issue(event, coordinator, given_name="", family_name="Abe")
    assert serials(coordinator_client.get(LIST, {"sort": "holder"})) == [abe.serial, zed.serial]
    assert serials(coordinator_client.get(LIST, {"sort": "-holder"})) == [zed.serial, abe.serial]
    assert serials(coordinator_client.get(LIST)) == [abe.serial, zed.serial]  # newest first


def test_a_bad_training_is_an_error_next_to_the_field(coordinator_client, event, coordinator):
    certificate = issue(event, coordinator)
    response = coordinator_client.get(LIST, {"event": "99999", "kind": "completion"})
    assert response.status_code == 200 and response.context["form"].errors["event"]
    assert serials(response) == [certificate.serial] and response.context["event"] is None


def test_the_certificate_export_is_typed_and_filtered(coordinator_client, event, coordinator, run_tasks):
    kept = issue(event, coordinator, given_name="", family_name="=Dupré", email="d@example.org")
    send_certificate(certificate=kept, by=coordinator)
    run_tasks()  # the e-mail goes out from the queue; only a sent one counts
    revoked = issue(event, coordinator)
    revoke_certificate(certificate=revoked, reason="Mistake", by=coordinator)
    [row] = xlsx_records(export(coordinator_client, LIST, "xlsx", {"status": "valid"}))
    assert row["Serial number"].value == kept.serial and row["Holder"].value == "'=Dupré"
    assert row["Training"].value == event.title and row["Status"].value == "Valid"
    assert isinstance(row["Issued"].value, datetime.datetime) and row["Issued"].is_date
    assert row["Times e-mailed"].value == 1 and row["Revoked at"].value is None
    [header, line] = csv_rows(export(coordinator_client, LIST, "csv", {"status": "revoked"}))
    assert line[header.index("Serial number")] == revoked.serial
    assert line[header.index("Status")] == "Revoked" and line[header.index("Revoked at")]


def test_the_certificate_list_and_exports_do_not_grow_in_queries(
    coordinator_client, event, coordinator, django_assert_num_queries
):
    def add(n):
        for _ in range(n):
            issue(event, coordinator)

    assert_queries_do_not_grow(coordinator_client, LIST, add, django_assert_num_queries)


def test_a_trainer_cannot_export_the_registry(trainer_client):
    assert trainer_client.get(LIST, {"export": "csv"}).status_code == 403
