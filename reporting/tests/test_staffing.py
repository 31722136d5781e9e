"""Trainers, speakers and experts by gender across the programme (the gender dashboard)."""

import datetime
import io

import pytest
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from accreditation.models import Expert, ExpertStatus
from courses.models import TrainerAssignment, TrainingEvent
from courses.tests.factories import TrainerAssignmentFactory, TrainingEventFactory
from people.models import Gender
from people.tests.factories import CountryFactory, PersonFactory, RegionFactory
from reporting.figures import Filters
from reporting.staffing import ROLE, staffing_counts
from reporting.tables import Labels

GENDER = reverse("reporting:dashboard-gender")
Role = TrainerAssignment.Role


@pytest.fixture(autouse=True)
def _empty_cache(db):
    cache.clear()


def _event(year, *, kind="national", status=TrainingEvent.Status.CONFIRMED, region=None):
    return TrainingEventFactory(start_date=datetime.date(year, 3, 2), kind=kind, status=status, region=region)


@pytest.fixture
def staffed(db):
    """Ana leads two trainings in 2022, Ben co-trains one of them and speaks at a TtT in 2023."""
    ana, ben = PersonFactory(gender=Gender.FEMALE), PersonFactory(gender=Gender.MALE)
    first, second = _event(2022), _event(2022, kind="regional")
    ttt = _event(2023, kind="ttt")
    TrainerAssignmentFactory(event=first, person=ana, role=Role.LEAD)
    TrainerAssignmentFactory(event=second, person=ana, role=Role.LEAD)
    TrainerAssignmentFactory(event=first, person=ben, role=Role.CO_TRAINER)
    TrainerAssignmentFactory(event=ttt, person=ben, role=Role.GUEST)
    # Neither a cancelled nor a draft training counts.
    for status in (TrainingEvent.Status.CANCELLED, TrainingEvent.Status.DRAFT):
        TrainerAssignmentFactory(
            event=_event(2022, status=status), person=PersonFactory(gender=Gender.FEMALE)
        )
    return ana, ben


def test_people_count_once_per_row_and_assignments_every_time(staffed):
    by_year = staffing_counts(Filters(), "year")
    assert by_year["2022"]["people"] == {"female": 1, "male": 1, "another": 0, "unknown": 0}
    assert by_year["2022"]["assignments"] == 3
    assert by_year["2023"]["people"]["male"] == 1 and by_year["2023"]["people"]["female"] == 0

    by_role = staffing_counts(Filters(), ROLE)
    assert by_role[Role.LEAD]["people"]["female"] == 1 and by_role[Role.LEAD]["assignments"] == 2
    assert by_role[Role.GUEST]["people"]["male"] == 1
    assert set(by_role) == {Role.LEAD, Role.CO_TRAINER, Role.GUEST}

    by_kind = staffing_counts(Filters(), "kind")
    assert by_kind["ttt"]["people"]["male"] == 1 and by_kind["national"]["assignments"] == 2


def test_the_region_is_the_trainings_own_or_its_host_countrys(db):
    africa = RegionFactory(code="ESA", name="East and Southern Africa")
    host = CountryFactory(code="KE", name="Kenya", region=africa)
    TrainerAssignmentFactory(event=_event(2021, region=africa), person=PersonFactory(gender=Gender.FEMALE))
    hosted = TrainingEventFactory(start_date=datetime.date(2021, 4, 1), host_country=host)
    TrainerAssignmentFactory(event=hosted, person=PersonFactory(gender=Gender.MALE))
    by_region = staffing_counts(Filters(), "region")
    assert by_region["ESA"]["people"] == {"female": 1, "male": 1, "another": 0, "unknown": 0}
    assert staffing_counts(Filters(region="EUR"), "region") == {}


def test_filters_narrow_the_trainings(staffed):
    assert set(staffing_counts(Filters(year_from=2023), "year")) == {"2023"}
    assert set(staffing_counts(Filters(kind="regional"), ROLE)) == {Role.LEAD}


def test_the_dashboard_shows_and_exports_the_staffing_tables(coordinator_client, staffed):
    kenya = CountryFactory(
        code="KE", name="Kenya", region=RegionFactory(code="ESA", name="East and Southern Africa")
    )
    accredited = PersonFactory(gender=Gender.FEMALE, country=kenya)
    Expert.objects.create(person=accredited, status=ExpertStatus.ACCREDITED)
    Expert.objects.create(person=PersonFactory(gender=Gender.MALE), status=ExpertStatus.LAPSED)
    response = coordinator_client.get(GENDER)
    tables = {t.slug: t for t in response.context["tables"]}
    by_role = tables["staff-by-role"]
    assert [r[0] for r in by_role.rows] == [
        str(Role.CO_TRAINER.label),
        str(Role.GUEST.label),
        str(Role.LEAD.label),
    ]
    lead = by_role.rows[2]
    assert lead[1:7] == [1, 0, 0, 0, 1, 100.0] and lead[7] == 2
    assert "Trainers and speakers by role" in response.content.decode()

    experts = tables["accredited-experts-by-region"]
    assert experts.rows == [[Labels().of("region", "ESA"), 1, 0, 0, 0, 1, 100.0]]  # the lapsed one is not

    url = reverse(
        "reporting:dashboard-export", kwargs={"dashboard": "gender", "table": "staff-by-year", "fmt": "xlsx"}
    )
    export = coordinator_client.get(url)
    assert export.status_code == 200
    sheet = load_workbook(io.BytesIO(export.getvalue())).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    year_rows = [row for row in values if row and row[0] in (2022, 2023)]
    assert [row[0] for row in year_rows] == [2022, 2023]  # years as numbers, in order
