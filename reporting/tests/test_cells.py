"""Filtered figures counted over packed cells: the same as counted by the database, and never
read from a copy out of step with its slices."""

import datetime
from collections import defaultdict

import pytest
from django.db import connection

from courses.tests.factories import EnrolmentFactory, TrainingEventFactory
from people.models import Gender
from people.tests.factories import PersonFactory
from reporting.cells import CannotPack, country_code, country_number, packed_rows
from reporting.figures import (
    BREAKDOWNS,
    Filters,
    GenderCounts,
    _count_filtered_trainees,
    _count_packed_trainees,
    trainee_figures,
)
from reporting.models import PackedTraineeCell, TraineeCell
from reporting.recount import rebuild_figures
from reporting.tests.programme_data import build_programme, change_programme
from reporting.tests.test_dashboard_figures import FILTERS


def _counted(count, filters):
    total = GenderCounts()
    breakdowns = {d.value: defaultdict(GenderCounts) for d in BREAKDOWNS}
    administrations = count(filters, total, breakdowns)
    shown = {
        dimension: {
            value: {g: (c.people, c.participations) for g, c in counts.items() if c.people}
            for value, counts in by_value.items()
        }
        for dimension, by_value in breakdowns.items()
    }
    return {g: (c.people, c.participations) for g, c in total.items()}, shown, administrations


@pytest.mark.django_db
def test_packed_cells_count_what_the_database_counts_for_every_filter():
    change_programme(build_programme(5))
    filtered = [f for f in FILTERS if not f.is_empty]
    for filters in filtered:
        packed = _counted(_count_packed_trainees, filters)
        assert packed == _counted(_count_filtered_trainees, filters), filters
    assert any(_counted(_count_packed_trainees, f)[0]["female"][0] for f in filtered)


def _trained(person, year=2021, kind="national"):
    event = TrainingEventFactory(start_date=datetime.date(year, 5, 3), kind=kind)
    EnrolmentFactory(event=event, person=person)
    return event


@pytest.mark.django_db
def test_a_change_makes_its_cell_stale_and_the_next_read_packs_it_again():
    _trained(PersonFactory(gender=Gender.MALE), year=2020)
    _trained(PersonFactory(gender=Gender.MALE), year=2021)
    filters = Filters(kind="national", year_from=2020)
    assert sorted(packed_rows(filters, by_language=False).genders) == [1, 1]
    versions = dict(PackedTraineeCell.objects.values_list("cell_id", "version"))
    slice_cells = TraineeCell.objects.filter(source=TraineeCell.SLICE)
    assert versions == dict(slice_cells.values_list("id", "version"))  # read, hence packed

    newcomer = PersonFactory(gender=Gender.FEMALE)
    _trained(newcomer, year=2021)
    cell_2021 = TraineeCell.objects.get(source=TraineeCell.SLICE, year=2021)
    cell_2020 = TraineeCell.objects.get(source=TraineeCell.SLICE, year=2020)
    assert cell_2021.version > versions[cell_2021.pk]
    assert cell_2020.version == versions[cell_2020.pk]

    rows = packed_rows(filters, by_language=False)
    assert newcomer.pk in set(rows.people.tolist())
    assert PackedTraineeCell.objects.get(cell_id=cell_2021.pk).version == cell_2021.version

    newcomer.gender = Gender.NOT_RECORDED  # moves their slices, hence their cell
    newcomer.save()
    figures = trainee_figures(filters)
    assert (figures.total["female"].people, figures.total["unknown"].people) == (0, 1)


@pytest.mark.django_db
def test_after_a_recount_every_cell_is_packed_and_read_in_one_query(django_assert_num_queries):
    change_programme(build_programme(3))
    rebuild_figures(connection)
    cells = dict(TraineeCell.objects.values_list("id", "version"))
    assert cells
    assert dict(PackedTraineeCell.objects.values_list("cell_id", "version")) == cells
    with django_assert_num_queries(1):
        rows = packed_rows(Filters(year_from=2020), by_language=True)
    assert len(rows.people) == sum(rows.counts)


@pytest.mark.django_db
def test_a_gender_outside_the_choices_is_counted_by_the_database_instead():
    _trained(PersonFactory(gender=Gender.FEMALE))
    odd = PersonFactory(gender=Gender.MALE)
    _trained(odd)
    with connection.cursor() as cursor:  # written behind the form's back
        cursor.execute("UPDATE people_person SET gender = 'x' WHERE id = %s", [odd.pk])
    filters = Filters(kind="national")
    with pytest.raises(CannotPack):
        packed_rows(filters, by_language=False)
    figures = trainee_figures(filters)
    assert (figures.total["female"].people, figures.total["x"].people) == (1, 1)


def test_country_codes_are_packed_in_two_bytes_and_come_back_the_same():
    for code in ("", "K", "KE", "ZZ"):
        assert country_code(country_number(code)) == code
    assert country_number("KE") != country_number("EK")
    for code in ("KEN", "Ä"):
        with pytest.raises(CannotPack):
            country_number(code)
