"""The programme dashboard's knowledge-gain tables agree with the answers, counted by hand."""

import datetime

import pytest

from evaluation.models import Kind
from evaluation.tests.builders import ModuleFactory, answer, enrol, event_with_agenda, question
from frameworks.models import FundingSource
from people.tests.factories import CountryFactory, OrganisationFactory, RegionFactory
from reporting.donor import DonorSelection, donor_report
from reporting.figures import Filters
from reporting.knowledge import knowledge_tables
from reporting.programme_report import ProgrammeSelection, programme_report
from reporting.tables import Labels

pytestmark = pytest.mark.django_db


def _delivered(modules, start, region):
    # Country codes are two letters (PostgreSQL holds them to it); the region's digit keeps them apart.
    country = CountryFactory(code=f"Z{region.code[-1]}", name=f"Country of {region.name}", region=region)
    return event_with_agenda(modules, start=start, host_country=country)


def test_gain_by_module_year_and_region_as_counted_by_hand():
    europe, asia = RegionFactory(code="T1", name="Region one"), RegionFactory(code="T2", name="Region two")
    atlas = ModuleFactory(code="A-1", title="Atlas")
    question(atlas, "Q1", correct=(0,))
    question(atlas, "Q2", correct=(0,))
    past = datetime.date.today() - datetime.timedelta(days=400)
    first = _delivered([atlas], past.replace(month=3, day=1), europe)
    second = _delivered([atlas], past.replace(month=3, day=1) + datetime.timedelta(days=370), asia)
    for event, pre_right, post_right in ((first, 1, 2), (second, 0, 1)):
        for _ in range(5):
            person = enrol(event)
            answer(
                person,
                Kind.PRE,
                {1: 0 if pre_right >= 1 else 1, 2: 0 if pre_right >= 2 else 1},
                today=event.start_date - datetime.timedelta(days=1),
            )
            answer(
                person,
                Kind.POST,
                {1: 0 if post_right >= 1 else 1, 2: 0 if post_right >= 2 else 1},
                today=event.end_date,
            )
    for event in (first, second):  # delivered: ended before today, and marked so
        event.status = event.Status.COMPLETED
        event.save()
    tables = {t.slug: t for t in knowledge_tables(Filters(), Labels())}
    # Atlas over both: before 5×1 + 5×0 = 5 of 20 correct (25%), after 5×2 + 5×1 = 15 of 20 (75%).
    assert tables["knowledge-by-module"].rows == [["A-1 Atlas", 10, 25.0, 10, 75.0, 50.0]]
    years = tables["knowledge-by-module-and-year"].rows
    assert years == [
        ["A-1 Atlas", first.start_date.year, 5, 50.0, 5, 100.0, 50.0],
        ["A-1 Atlas", second.start_date.year, 5, 0.0, 5, 50.0, 50.0],
    ]
    regions = {row[0]: row[1:] for row in tables["knowledge-by-region"].rows}
    assert regions["Region one"] == [5, 50.0, 5, 100.0, 50.0]
    assert regions["Region two"] == [5, 0.0, 5, 50.0, 50.0]
    # The filters narrow it as they narrow every table of the dashboard.
    only_second = {t.slug: t for t in knowledge_tables(Filters(region="T2"), Labels())}
    assert only_second["knowledge-by-module"].rows == [["A-1 Atlas", 5, 0.0, 5, 50.0, 50.0]]


def test_a_group_under_five_shows_counts_but_no_scores():
    atlas = ModuleFactory(code="A-2", title="Risk")
    question(atlas, "Q1", correct=(0,))
    event = _delivered(
        [atlas],
        datetime.date.today() - datetime.timedelta(days=30),
        RegionFactory(code="T3", name="Region three"),
    )
    for _ in range(3):
        person = enrol(event)
        answer(person, Kind.PRE, {1: 1}, today=event.start_date - datetime.timedelta(days=1))
        answer(person, Kind.POST, {1: 0}, today=event.end_date)
    event.status = event.Status.COMPLETED
    event.save()
    table = knowledge_tables(Filters(), Labels())[0]
    assert table.rows == [["A-2 Risk", 3, None, 3, None, None]]
    assert table.chart is None


def test_the_donor_and_programme_reports_state_the_gain_of_their_own_trainings():
    atlas = ModuleFactory(code="A-3", title="Atlas")
    question(atlas, "Q1", correct=(0,))
    region = RegionFactory(code="T4", name="Region four")
    funded, other = (
        _delivered([atlas], datetime.date.today() - datetime.timedelta(days=60), region) for _ in range(2)
    )
    for event, right in ((funded, 0), (other, 1)):  # funded: everyone right after; other: everyone wrong
        for _ in range(5):
            person = enrol(event)
            answer(person, Kind.PRE, {1: 1}, today=event.start_date - datetime.timedelta(days=1))
            answer(person, Kind.POST, {1: right}, today=event.end_date)
        event.status = event.Status.COMPLETED
        event.save()
    donor = OrganisationFactory(name="Knowledge donor")
    FundingSource.objects.create(event=funded, donor=donor)
    donor_tables = {t.slug: t for t in donor_report(DonorSelection(donor=donor)).tables}
    assert donor_tables["knowledge-by-module"].rows == [["A-3 Atlas", 5, 0.0, 5, 100.0, 100.0]]
    programme_tables = {t.slug: t for t in programme_report(ProgrammeSelection()).tables}
    assert programme_tables["knowledge-by-module"].rows == [["A-3 Atlas", 10, 0.0, 10, 50.0, 50.0]]
    assert programme_tables["knowledge-by-region"].rows == [["Region four", 10, 0.0, 10, 50.0, 50.0]]
