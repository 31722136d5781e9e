"""The certificates line of the event page's checklist: issued of those who completed."""

import pytest
from django.urls import reverse

from certificates.event_page import certificate_counts
from certificates.issuing import issue_certificate
from certificates.models import Certificate
from certificates.tests.certificate_helpers import enrol, event_with_days
from courses.models import TrainingEvent

pytestmark = pytest.mark.django_db


def _line(client, event):
    return {line.key: line for line in client.get(event.get_absolute_url()).context["checklist"]}[
        "certificates"
    ]


@pytest.fixture
def event():
    return event_with_days(title="Certificates line", status=TrainingEvent.Status.COMPLETED)


def test_issued_is_counted_of_those_who_completed(coordinator_client, coordinator, event):
    first, _second = enrol(event), enrol(event)
    enrol(event, attended_days=1)  # did not complete: not eligible
    issue_certificate(kind=Certificate.Kind.COMPLETION, holder=first.person, event=event, by=coordinator)
    assert certificate_counts(event) == (1, 2)
    line = _line(coordinator_client, event)
    assert not line.done and line.text == "1 issued of 2 participants who completed."
    assert line.url == reverse("certificates:certificate-event", args=[event.pk])


def test_all_issued_is_done(coordinator_client, coordinator, event):
    only = enrol(event)
    issue_certificate(kind=Certificate.Kind.COMPLETION, holder=only.person, event=event, by=coordinator)
    line = _line(coordinator_client, event)
    assert line.done and line.text == "1 issued of 1 participant who completed."


def test_a_participation_certificate_does_not_count_as_one_for_a_completer(
    coordinator_client, coordinator, event
):
    enrol(event)
    other = enrol(event, attended_days=0)
    issue_certificate(kind=Certificate.Kind.PARTICIPATION, holder=other.person, event=event, by=coordinator)
    assert certificate_counts(event) == (0, 1)


def test_nobody_completed_yet(administrator_client, event):
    assert _line(administrator_client, event).text == "Nobody has completed yet."
