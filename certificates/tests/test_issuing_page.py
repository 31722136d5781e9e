"""The certificates page of an event: names as printed, organisation, completion in days, the
Issue button's count, and a summary after issuing that counts what happened."""

import pytest
from django.urls import reverse

from certificates.issuing import event_issue_summary, issue_certificate
from certificates.models import Certificate
from certificates.tests.certificate_helpers import enrol, event_with_days
from people.tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _url(event):
    return reverse("certificates:certificate-event", args=[event.pk])


def test_each_row_shows_the_name_as_printed_the_organisation_and_the_days_attended(coordinator_client):
    event = event_with_days()
    organisation = OrganisationFactory(name="State Revenue Committee")
    person = PersonFactory(
        given_name="Айгерим",
        family_name="Нурланова",
        latin_name="Aigerim Nurlanova",
        organisation=organisation,
    )
    enrol(event, person)
    enrol(event, family_name="Short", attended_days=3)
    page = coordinator_client.get(_url(event)).content.decode()
    assert person.full_name in page and "Aigerim Nurlanova" in page
    assert "State Revenue Committee" in page and "No organisation recorded" in page
    assert "attended 5 of 5 days" in page and "attended 3 of 5 days" in page
    assert "Attended 60.0% of days; 80% needed." in page


def test_the_issue_button_counts_what_will_be_issued_and_the_page_loads_its_script(coordinator_client):
    event = event_with_days()
    for _ in range(3):
        enrol(event)
    enrol(event, attended_days=1)
    page = coordinator_client.get(_url(event)).content.decode()
    assert 'data-base="3"' in page and ">Issue 3</button>" in page
    assert "3 certificates of completion still to issue" in page
    assert "/static/js/certificates.js" in page and "<script>" not in page


def test_after_issuing_the_summary_counts_issued_already_held_and_not_eligible(
    coordinator_client, coordinator
):
    event = event_with_days()
    held = enrol(event)
    issue_certificate(kind=Certificate.Kind.COMPLETION, holder=held.person, event=event, by=coordinator)
    for _ in range(2):
        enrol(event)
    enrol(event, attended_days=1)
    enrol(event, attended_days=0)
    response = coordinator_client.post(_url(event), follow=True)
    page = response.content.decode()
    assert "2 certificates were issued." in page
    assert "1 participant already had a certificate." in page
    assert "2 participants not eligible" in page
    # The page no longer says "0 participants completed" once they all hold one.
    assert "3 completed the training" in page and "3 certificates held" in page
    assert "0 certificates of completion still to issue" in page
    summary = event_issue_summary(event)
    assert (summary.participants, summary.completed, summary.held, summary.to_issue) == (5, 3, 3, 0)


def test_issuing_again_issues_nothing_and_says_why(coordinator_client):
    event = event_with_days()
    enrol(event)
    coordinator_client.post(_url(event))
    page = coordinator_client.post(_url(event), follow=True).content.decode()
    assert "0 certificates were issued." in page and "1 participant already had a certificate." in page


# Pinned: the same for 5 and 40 participants (no query per row, organisation included).
PAGE_QUERIES = 14  # 13, and the event's post-test pass mark (issue "Evaluation")


@pytest.mark.parametrize("size", [5, 40])
def test_the_page_runs_a_fixed_number_of_queries(size, coordinator_client, django_assert_num_queries):
    event = event_with_days()
    for index in range(size):
        enrol(event, organisation=OrganisationFactory(name=f"Customs {index}"))
    coordinator_client.get(_url(event))
    with django_assert_num_queries(PAGE_QUERIES):
        assert coordinator_client.get(_url(event)).status_code == 200


@pytest.mark.parametrize(
    "n,expected",
    [
        (1, "У 1 участника уже был сертификат."),
        (2, "У 2 участников уже был сертификат."),
        (5, "У 5 участников уже был сертификат."),
        (21, "У 21 участника уже был сертификат."),
    ],
    ids=["1", "2", "5", "21"],
)
def test_the_summary_counts_in_russian_with_the_right_plural(n, expected):
    from django.utils import translation

    from certificates.issuing import batch_summary

    with translation.override("ru"):
        text = batch_summary(issued=n, already_held=n, not_eligible=n)
    assert expected in text
    assert "issued" not in text


@pytest.mark.parametrize("n,expected", [(1, "1 certificat valide"), (2, "2 certificats valides")])
def test_the_page_counts_in_french(n, expected, coordinator_client, coordinator):
    event = event_with_days()
    for _ in range(n):
        enrolment = enrol(event)
        issue_certificate(
            kind=Certificate.Kind.COMPLETION, holder=enrolment.person, event=event, by=coordinator
        )
    page = coordinator_client.get(_url(event), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert expected in page and "Délivrer 0" in page
