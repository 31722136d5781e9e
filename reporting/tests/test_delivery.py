"""WCO-run vs expert-delivered trainings, and experts' delivery activity, on the programme dashboard."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from accreditation.delivery import delivery_activity, last_delivery
from accreditation.models import (
    Expert,
    ExpertStatus,
    HomeTraining,
    HomeTrainingParticipant,
    HomeTrainingStatus,
    ParticipantsGiven,
)
from courses.models import TrainerAssignment, TrainingEvent
from courses.tests.factories import EnrolmentFactory, TrainingEventFactory
from people.models import Gender
from people.tests.factories import CountryFactory, PersonFactory
from reporting.delivery import activity_table, expert_delivered
from reporting.figures import Filters

pytestmark = pytest.mark.django_db
PROGRAMME = reverse("reporting:dashboard-programme")


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def home_training(expert, *, status=HomeTrainingStatus.ACCEPTED, year=2024, named=(), **counts):
    report = HomeTraining.objects.create(
        expert=expert,
        title="At home",
        start_date=datetime.date(year, 3, 1),
        end_date=datetime.date(year, 3, 3),
        place="Town",
        country=CountryFactory(),
        status=status,
        participants_given=ParticipantsGiven.COUNTED if counts else ParticipantsGiven.NAMED,
        **counts,
    )
    HomeTrainingParticipant.objects.bulk_create(
        [HomeTrainingParticipant(home_training=report, person=PersonFactory(gender=g)) for g in named]
    )
    return report


@pytest.fixture
def expert():
    return Expert.objects.create(person=PersonFactory(), status=ExpertStatus.ACCREDITED)


def table(response, slug):
    return next(t for t in response.context["tables"] if t.slug == slug)


def test_accepted_reports_count_as_expert_delivered_and_leave_the_wco_figures_alone(
    coordinator_client, expert
):
    event = TrainingEventFactory(start_date=datetime.date(2024, 5, 1))
    for gender in (Gender.FEMALE, Gender.MALE):
        EnrolmentFactory(event=event, person=PersonFactory(gender=gender))
    before = table(coordinator_client.get(PROGRAMME), "delivery-totals").rows

    home_training(expert, named=[Gender.FEMALE, Gender.FEMALE, Gender.MALE])
    home_training(expert, women=4, men=6, another_gender=1, gender_not_recorded=2)
    home_training(expert, status=HomeTrainingStatus.SUBMITTED, women=50)  # not accepted: not counted
    after = table(coordinator_client.get(PROGRAMME), "delivery-totals").rows

    assert after[0] == before[0] == ["WCO-run", 1, 1, 1, 0, 0, 2]
    assert after[1] == ["Expert-delivered", 2, 6, 7, 1, 2, 16]
    assert after[2] == ["Together", 3, 7, 8, 1, 2, 18]
    keys = [t.slug for t in coordinator_client.get(PROGRAMME).context["tables"]]
    assert {"delivery-by-year", "delivery-by-region", "expert-delivery-activity"} <= set(keys)


def test_the_delivery_tables_export_like_the_others(coordinator_client, expert):
    home_training(expert, women=3)
    url = reverse(
        "reporting:dashboard-export",
        kwargs={"dashboard": "programme", "table": "delivery-by-year", "fmt": "csv"},
    )
    response = coordinator_client.get(url)
    assert response.status_code == 200 and b"Expert-delivered" in response.getvalue()


def test_the_filters_narrow_the_expert_delivered_figures(expert):
    home_training(expert, year=2022, women=2)
    home_training(expert, year=2024, men=3)
    assert expert_delivered(Filters(year_from=2023)).total.trainings == 1
    assert expert_delivered(Filters(kind=TrainingEvent.Kind.TTT)).total.trainings == 0


def test_delivery_activity_counts_wco_events_and_accepted_home_trainings(expert):
    event = TrainingEventFactory(
        start_date=datetime.date(2023, 6, 1),
        end_date=datetime.date(2023, 6, 3),
        status=TrainingEvent.Status.COMPLETED,
    )
    TrainerAssignment.objects.create(event=event, person=expert.person, role=TrainerAssignment.Role.LEAD)
    home_training(expert, year=2024, women=1)
    home_training(expert, year=2025, status=HomeTrainingStatus.DECLINED, women=1)

    [activity] = delivery_activity()
    assert activity.last_delivery == datetime.date(2024, 3, 3)
    assert (activity.in_year(2023), activity.in_year(2024), activity.in_year(2025)) == (1, 1, 0)
    assert last_delivery(expert) == datetime.date(2024, 3, 3)
    # The directory's "Last delivery" sorts by the same day.
    assert Expert.objects.with_last_delivery().get(pk=expert.pk).last_delivery == datetime.date(2024, 3, 3)


def _many(n: int) -> None:
    experts = [
        Expert.objects.create(person=PersonFactory(), status=ExpertStatus.ACCREDITED) for _ in range(3)
    ]
    country = CountryFactory()
    reports = HomeTraining.objects.bulk_create(
        [
            HomeTraining(
                expert=experts[i % 3],
                title=f"Course {i}",
                start_date=datetime.date(2020 + i % 5, 2, 1),
                end_date=datetime.date(2020 + i % 5, 2, 2),
                place="Town",
                country=country,
                status=HomeTrainingStatus.ACCEPTED,
                participants_given=ParticipantsGiven.COUNTED if i % 2 else ParticipantsGiven.NAMED,
                women=1,
                men=2,
            )
            for i in range(n)
        ]
    )
    person = PersonFactory(gender=Gender.FEMALE)
    HomeTrainingParticipant.objects.bulk_create(
        [HomeTrainingParticipant(home_training=r, person=person) for r in reports[::2]]
    )


@pytest.mark.parametrize("size", [10, 1000])
def test_the_delivery_figures_run_the_same_queries_at_10_and_1000_reports(size, django_assert_num_queries):
    _many(size)
    filters = Filters()
    with django_assert_num_queries(2):
        figures = expert_delivered(filters)
    assert figures.total.trainings == size
    with django_assert_num_queries(3):
        assert len(delivery_activity()) == 3
    # A page of the dashboard's table: the experts and their last deliveries (3), the page's
    # deliveries (3), the years (2).
    with django_assert_num_queries(8):
        assert len(activity_table(filters, page=1).rows) == 3


def test_a_report_counts_once_its_last_day_has_passed_like_a_wco_training(expert):
    from django.utils import timezone

    today = timezone.localdate()
    report = home_training(expert, women=3)
    HomeTraining.objects.filter(pk=report.pk).update(start_date=today, end_date=today)
    assert expert_delivered(Filters()).total.trainings == 0
    HomeTraining.objects.filter(pk=report.pk).update(
        start_date=today - datetime.timedelta(days=1), end_date=today - datetime.timedelta(days=1)
    )
    assert expert_delivered(Filters()).total.trainings == 1


def test_the_page_shows_the_activity_a_page_of_experts_at_a_time_and_the_export_all(
    coordinator_client, monkeypatch
):
    """Latest delivery first, ACTIVITY_PAGE_SIZE experts a page, the pages linked back to the
    table; the export lists every expert, with the same year columns."""
    monkeypatch.setattr("reporting.delivery.ACTIVITY_PAGE_SIZE", 2)
    country = CountryFactory()
    for month in range(1, 6):  # five experts, the last delivering latest
        expert = Expert.objects.create(
            person=PersonFactory(given_name=f"Expert{month}", family_name="Tester"),
            status=ExpertStatus.ACCREDITED,
        )
        HomeTraining.objects.create(
            expert=expert,
            title="Course",
            start_date=datetime.date(2020 + month % 2, month, 1),
            end_date=datetime.date(2020 + month % 2, month, 2),
            place="Town",
            country=country,
            status=HomeTrainingStatus.ACCEPTED,
            participants_given=ParticipantsGiven.COUNTED,
            women=1,
        )

    def shown(page):
        response = coordinator_client.get(PROGRAMME, {"page": page, "year_from": "2020"})
        table = next(t for t in response.context["tables"] if t.slug == "expert-delivery-activity")
        return response, table

    response, first = shown(1)
    assert [row[0] for row in first.rows] == ["Expert5 Tester", "Expert3 Tester"]  # 2021-05, 2021-03
    assert [c.label for c in first.columns[2:]] == ["2020", "2021", "Total"]
    assert "Experts 1–2 of 5" in first.note
    assert 'href="?page=2&amp;year_from=2020#expert-delivery-activity"' in response.content.decode()
    _response, last = shown(3)
    assert [row[0] for row in last.rows] == ["Expert2 Tester"]  # 2020-02
    assert [row[0] for row in shown(2)[1].rows] == ["Expert1 Tester", "Expert4 Tester"]  # 2021-01, 2020-04

    url = reverse(
        "reporting:dashboard-export",
        kwargs={"dashboard": "programme", "table": "expert-delivery-activity", "fmt": "csv"},
    )
    exported = coordinator_client.get(url, {"page": "2", "year_from": "2020"}).getvalue().decode("utf-8-sig")
    assert exported.count("Tester") == 5
    assert exported.splitlines()[0].endswith("2020,2021,Total")
