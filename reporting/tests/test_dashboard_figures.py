"""Every dashboard figure equals the same figure counted by hand over the records."""

import datetime

import pytest
from django.db import connection

from accreditation.models import Expert, ExpertStatus
from courses.gender import event_gender_table
from courses.models import Enrolment, TrainingEvent
from courses.tests.factories import EnrolmentFactory, TrainerAssignmentFactory, TrainingEventFactory
from people.models import Gender
from people.tests.factories import PersonFactory
from reporting.figures import (
    GENDERS,
    Filters,
    event_figures,
    expert_figures,
    trainee_figures,
)
from reporting.models import TraineeFigure, TraineeLanguageSlice, TraineeMembership, TraineeSlice
from reporting.recount import rebuild_figures
from reporting.tests.programme_data import (
    build_programme,
    change_programme,
    count_events_by_hand,
    count_experts_by_hand,
    count_trainees_by_hand,
)
from reporting.triggers import missing_triggers

FILTERS = [
    Filters(),
    Filters(year_from=2020),
    Filters(year_from=2020, year_to=2021),
    Filters(year_from=2021, year_to=2021),  # one year: its breakdown is the total
    Filters(region="ESA"),
    Filters(region="EUR", year_to=2021),
    Filters(kind="national"),
    Filters(kind="ttt", year_from=2021),
    Filters(language="fr"),
    Filters(kind="national", language="fr", region="ESA"),
    Filters(language="en", region="AP", year_from=2019, year_to=2023),
]


def _as_counts(figures) -> dict:
    """The dashboard's trainee figures in the hand count's shape, zero cells left out."""
    result = {"all": {"": {g: (c.people, c.participations) for g, c in figures.total.items() if c.people}}}
    for dimension, by_value in figures.breakdowns.items():
        cells = {
            value: {g: (c.people, c.participations) for g, c in counts.items() if c.people}
            for value, counts in by_value.items()
        }
        result[dimension] = {value: genders for value, genders in cells.items() if genders}
    return {d: v for d, v in result.items() if any(v.values())}


def _assert_every_figure_counted_right(filters):
    by_hand = count_trainees_by_hand(filters)
    figures = trainee_figures(filters)
    assert _as_counts(figures) == {d: v for d, v in by_hand["counts"].items() if v}, filters
    assert figures.countries_reached == by_hand["countries"], filters
    assert figures.administrations_reached == by_hand["organisations"], filters

    experts = expert_figures(filters)
    expected = count_experts_by_hand(filters)
    assert {(s, g): n for s, by_g in experts.by_status.items() for g, n in by_g.items() if n} == (
        expected["by_status"]
    ), filters
    assert {(s, r): n for s, by_r in experts.by_status_and_region.items() for r, n in by_r.items() if n} == (
        expected["by_region"]
    ), filters

    events = event_figures(filters)
    expected = count_events_by_hand(filters)
    assert events.by_year_and_kind == expected["by_year_and_kind"], filters
    assert events.host_countries == expected["hosts"], filters
    assert events.ttt_by_language == expected["ttt"], filters


def _snapshot():
    return {
        model.__name__: sorted(
            tuple(row)
            for row in model.objects.filter(**{f"{field}__gt": 0}).values_list(
                *[f.name for f in model._meta.fields if f.name != "id"]
            )
        )
        for model, field in (
            (TraineeSlice, "n"),
            (TraineeLanguageSlice, "n"),
            (TraineeMembership, "n"),
            (TraineeFigure, "people"),
        )
    }


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [7, 2016])
def test_every_figure_matches_a_count_by_hand_after_enrolment_and_after_later_changes(seed):
    data = build_programme(seed)
    for filters in FILTERS:
        _assert_every_figure_counted_right(filters)
    change_programme(data)
    for filters in FILTERS:
        _assert_every_figure_counted_right(filters)


@pytest.mark.django_db
def test_summary_rows_kept_by_triggers_equal_a_recount_from_scratch():
    change_programme(build_programme(11))
    kept = _snapshot()
    rebuild_figures(connection)
    assert _snapshot() == kept
    assert not missing_triggers(connection)


@pytest.mark.django_db
def test_a_person_trained_twice_is_one_person_and_two_participations():
    person = PersonFactory(gender=Gender.NOT_RECORDED, country=None)
    for start in (datetime.date(2021, 3, 1), datetime.date(2021, 9, 1)):
        EnrolmentFactory(person=person, event=TrainingEventFactory(start_date=start))
    figures = trainee_figures(Filters())
    assert (figures.total["unknown"].people, figures.total["unknown"].participations) == (1, 2)
    assert figures.breakdowns["year"]["2021"]["unknown"].people == 1
    assert figures.breakdowns["country"][""]["unknown"].people == 1
    assert figures.total["female"].people == 0


@pytest.mark.django_db
def test_cancelled_and_draft_events_and_withdrawn_enrolments_are_not_counted():
    cancelled = TrainingEventFactory(status=TrainingEvent.Status.CANCELLED)
    draft = TrainingEventFactory(status=TrainingEvent.Status.DRAFT)
    EnrolmentFactory(event=cancelled)
    EnrolmentFactory(event=draft)
    EnrolmentFactory(status=Enrolment.Status.WITHDRAWN)
    assert trainee_figures(Filters()).total.people == 0
    assert trainee_figures(Filters(year_from=2000)).total.people == 0


@pytest.mark.django_db
def test_a_training_cancelled_after_enrolment_drops_out_and_comes_back_when_reinstated():
    event = TrainingEventFactory()
    EnrolmentFactory.create_batch(3, event=event)
    assert trainee_figures(Filters()).total.people == 3
    event.status = TrainingEvent.Status.CANCELLED
    event.save()
    assert trainee_figures(Filters()).total.people == 0
    event.status = TrainingEvent.Status.COMPLETED
    event.save()
    assert trainee_figures(Filters()).total.people == 3


@pytest.mark.django_db
def test_a_correction_of_gender_moves_the_person_in_every_figure():
    person = PersonFactory(gender=Gender.NOT_RECORDED)
    EnrolmentFactory(person=person)
    person.gender = Gender.FEMALE
    person.save()
    figures = trainee_figures(Filters())
    assert figures.total["female"].people == 1
    assert figures.total["unknown"].people == 0
    assert figures.breakdowns["kind"]["national"]["female"].people == 1


def _expert(status, gender=Gender.FEMALE, **dates):
    return Expert.objects.create(person=PersonFactory(gender=gender), status=status, **dates)


@pytest.mark.django_db
def test_the_pipeline_shows_how_many_women_and_men_are_left_at_each_stage():
    _expert(ExpertStatus.NOMINATED)
    _expert(ExpertStatus.IN_WORKSHOP)
    _expert(ExpertStatus.NOT_ACCREDITED)
    _expert(ExpertStatus.ACCREDITED)
    _expert(ExpertStatus.LAPSED)  # was accredited
    _expert(ExpertStatus.WITHDRAWN, pre_accredited_on=datetime.date(2022, 1, 1))
    _expert(ExpertStatus.ACCREDITED, Gender.MALE)
    _expert(ExpertStatus.WITHDRAWN, Gender.MALE)
    pipeline = expert_figures(Filters()).pipeline
    assert [
        pipeline[s]["female"]
        for s in ("nominated", "selected", "in_workshop", "pre_accredited", "accredited")
    ] == [6, 5, 5, 3, 2]
    assert [
        pipeline[s]["male"] for s in ("nominated", "selected", "in_workshop", "pre_accredited", "accredited")
    ] == [2, 1, 1, 1, 1]


@pytest.mark.django_db
def test_every_gender_has_a_row_in_an_event_table(django_assert_num_queries):
    event = TrainingEventFactory()
    EnrolmentFactory(event=event, person=PersonFactory(gender=Gender.MALE))
    EnrolmentFactory(event=event, person=PersonFactory(gender=Gender.NOT_RECORDED))
    EnrolmentFactory(event=event, person=PersonFactory(gender=Gender.FEMALE), status="withdrawn")
    TrainerAssignmentFactory(event=event, person=PersonFactory(gender=Gender.FEMALE))
    with django_assert_num_queries(2):
        table = event_gender_table(event)
    assert [(r.gender, r.participants, r.trainers) for r in table.rows] == [
        ("female", 0, 1),
        ("male", 1, 0),
        ("another", 0, 0),
        ("unknown", 1, 0),
    ]
    assert (table.participants, table.trainers) == (2, 1)
    assert [r.gender for r in table.rows] == GENDERS
