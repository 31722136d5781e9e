"""The certificates page of a large event shows one page of participants, with counts for all."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from certificates.tests.certificate_helpers import enrol, event_with_days
from certificates.views import registry

pytestmark = pytest.mark.django_db


def test_the_certificates_page_shows_one_page_and_counts_everyone(coordinator_client, monkeypatch):
    monkeypatch.setattr(registry, "EVENT_CERTIFICATES_PER_PAGE", 3)
    event = event_with_days()
    for index in range(5):
        enrol(event, family_name=f"Zz{index}")
    url = reverse("certificates:certificate-event", args=[event.pk])
    first = coordinator_client.get(url)
    second = coordinator_client.get(url, {"page": 2})
    assert len(first.context["rows"]) == 3 and len(second.context["rows"]) == 2
    assert first.context["summary"].to_issue == 5
    assert "Page 1 of 2" in first.content.decode()
    shown = {row.person.pk for page in (first, second) for row in page.context["rows"]}
    assert len(shown) == 5


def _event_of(size):
    event = event_with_days()
    for _ in range(size):
        enrol(event)
    return reverse("certificates:certificate-event", args=[event.pk])


def test_the_certificates_page_does_not_grow_in_queries(coordinator_client, django_assert_num_queries):
    small, large = _event_of(5), _event_of(30)
    coordinator_client.get(small)  # warm the session and caches alike for both
    with CaptureQueriesContext(connection) as captured:
        assert coordinator_client.get(small).status_code == 200
    with django_assert_num_queries(len(captured)):
        assert coordinator_client.get(large).status_code == 200
