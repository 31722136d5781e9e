"""Nominations on the dashboards: by invited country and by gender, with the dashboard's
filters, exports and small-count masking."""

import datetime
import io

import pytest
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from courses.models import TrainingEvent
from courses.tests.factories import TrainingEventFactory
from nominations.tests.helpers import invited_event
from people.models import Region
from people.tests.factories import CountryFactory, RegionFactory
from reporting.tests.test_dashboard_views import csv_rows, export_url

pytestmark = pytest.mark.django_db

GENDER = reverse("reporting:dashboard-gender")
PROGRAMME = reverse("reporting:dashboard-programme")


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def table(client, url, slug, query=None):
    return next(t for t in client.get(url, query or {}).context["tables"] if t.slug == slug)


def _programme():
    """A delivered training in 2021 (Europe) with Belgium and France invited, 2 seats each and
    4 nominees each: per country one woman accepted who attended, one man accepted who was
    absent (a no-show), one woman waitlisted, one man declined."""
    europe = RegionFactory()
    event = TrainingEventFactory(region=europe, start_date=datetime.date(2021, 5, 3))
    belgium = CountryFactory(code="BE", name="Belgium", region=europe)
    france = CountryFactory(code="FR", name="France", region=europe)
    return invited_event(event, [belgium, france], per_country=4)


def test_programme_dashboard_counts_nominations_by_country(coordinator_client):
    _programme()
    by_country = table(coordinator_client, PROGRAMME, "nominations-by-country")
    # Country, seats offered, nominated, women nominated, accepted (seats used), women accepted,
    # women among the accepted, waitlisted, no-shows.
    assert by_country.rows == [
        ["Belgium", 2, 4, 2, 2, 1, 50.0, 1, 1],
        ["France", 2, 4, 2, 2, 1, 50.0, 1, 1],
        ["All invited countries", 4, 8, 4, 4, 2, 50.0, 2, 2],
    ]
    assert "No-shows: accepted for a delivered training" in by_country.note


def test_gender_dashboard_counts_women_nominated_against_accepted(coordinator_client):
    _programme()
    by_gender = table(coordinator_client, GENDER, "nominations-by-gender")
    assert by_gender.rows == [
        ["Female", 4, 2, 50.0, 2, 0],
        ["Male", 4, 2, 50.0, 0, 2],
        ["Another gender", 0, 0, None, 0, 0],
        ["Not recorded", 0, 0, None, 0, 0],
        ["Total", 8, 4, 50.0, 2, 2],
    ]
    assert by_gender.chart["data"]["datasets"][0]["data"] == [4, 2]
    page = coordinator_client.get(GENDER).content.decode()
    assert "Nominated and accepted by gender" in page
    assert "every nomination made counts as nominated" in page


def test_the_dashboard_filters_narrow_the_nominations(coordinator_client):
    _programme()
    other = Region.objects.create(code="AME", name="Americas")
    later = TrainingEventFactory(region=other, start_date=datetime.date(2023, 5, 1))
    invited_event(later, [CountryFactory(code="BR", name="Brazil", region=other)], per_country=3)
    rows = lambda query: table(coordinator_client, PROGRAMME, "nominations-by-country", query).rows  # noqa: E731
    assert [r[0] for r in rows({})] == ["Belgium", "Brazil", "France", "All invited countries"]
    assert [r[0] for r in rows({"region": "AME"})] == ["Brazil", "All invited countries"]
    assert [r[0] for r in rows({"year_to": "2022"})] == ["Belgium", "France", "All invited countries"]
    assert rows({"kind": "ttt"}) == []
    gender = table(coordinator_client, GENDER, "nominations-by-gender", {"year_from": "2023"}).rows
    assert gender[-1] == ["Total", 3, 2, 66.7, 1, 1]


def test_no_shows_wait_for_the_training_to_be_delivered_and_cancelled_trainings_do_not_count(
    coordinator_client,
):
    start = datetime.date.today() - datetime.timedelta(days=1)
    running = TrainingEventFactory(start_date=start, end_date=start + datetime.timedelta(days=4))
    invited_event(running, [CountryFactory(code="BE", name="Belgium")], per_country=4)
    cancelled = TrainingEventFactory(status=TrainingEvent.Status.CANCELLED)
    invited_event(cancelled, [CountryFactory(code="FR", name="France")], per_country=4)
    rows = table(coordinator_client, PROGRAMME, "nominations-by-country").rows
    # The absent nominee of the training still running is not a no-show yet.
    assert rows == [
        ["Belgium", 2, 4, 2, 2, 1, 50.0, 1, 0],
        ["All invited countries", 2, 4, 2, 2, 1, 50.0, 1, 0],
    ]


def test_no_nominations_is_an_empty_state(coordinator_client):
    assert table(coordinator_client, PROGRAMME, "nominations-by-country").rows == []
    assert table(coordinator_client, GENDER, "nominations-by-gender").rows == []
    assert "No records match these filters." in coordinator_client.get(GENDER).content.decode()


def test_exports_mask_small_counts_and_keep_seats_and_typed_cells(coordinator_client, settings):
    _programme()
    settings.STCE_MASK_SMALL_COUNTS = True
    rows = csv_rows(coordinator_client.get(export_url("nominations-by-country", "csv", "programme")))
    assert rows[0][:3] == ["Country", "Seats offered", "Nominated"]
    # Seats are not people: they stay; every count of people from 1 to 4 is masked, the share with them.
    assert rows[1] == ["Belgium", "2", "<5", "<5", "<5", "<5", "", "<5", "<5"]
    assert rows[3] == ["All invited countries", "4", "8", "<5", "<5", "<5", "", "<5", "<5"]
    settings.STCE_MASK_SMALL_COUNTS = False
    response = coordinator_client.get(export_url("nominations-by-gender", "xlsx", "gender"))
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    assert sheet["A1"].value == "Nominated and accepted by gender"
    cells = {c.value: v for c, v in zip(sheet[2], sheet[3], strict=True)}
    assert cells["Nominated"].value == 4 and isinstance(cells["Nominated"].value, int)
    assert cells["Accepted of those nominated (%)"].value == pytest.approx(0.5)
    assert cells["Accepted of those nominated (%)"].number_format == "0.0%"
