"""The dashboard pages, their filters and exports, as coordinators use them."""

import csv
import datetime
import io
import json
import string

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from accreditation.models import Expert, ExpertStatus
from courses.tests.factories import EnrolmentFactory, TrainerAssignmentFactory, TrainingEventFactory
from nominations.tests.helpers import invited_event
from people.models import Gender, Region
from people.tests.factories import CountryFactory, PersonFactory
from reporting.figures import Filters, trainee_figures
from reporting.recount import ensure_triggers, suspend_triggers
from reporting.tests.programme_data import build_programme, count_trainees_by_hand
from reporting.triggers import drop_triggers, missing_triggers

GENDER = reverse("reporting:dashboard-gender")
PROGRAMME = reverse("reporting:dashboard-programme")


def export_url(table, fmt="csv", dashboard="gender"):
    return reverse("reporting:dashboard-export", kwargs={"dashboard": dashboard, "table": table, "fmt": fmt})


def trained(n, gender, *, year=2021, kind="national"):
    event = TrainingEventFactory(start_date=datetime.date(year, 5, 1), kind=kind)
    for _ in range(n):
        EnrolmentFactory(event=event, person=PersonFactory(gender=gender))
    return event


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


@pytest.mark.django_db
def test_the_gender_dashboard_shows_people_and_participations_by_gender(coordinator_client):
    trained(3, Gender.FEMALE)
    trained(1, Gender.NOT_RECORDED)
    response = coordinator_client.get(GENDER)
    assert response.status_code == 200
    headline = next(t for t in response.context["tables"] if t.slug == "trainees")
    assert headline.rows[0][1:6] == [3, 0, 0, 1, 4]
    assert headline.rows[0][6] == 75.0
    assert "Not recorded" in response.content.decode()


@pytest.mark.django_db
def test_the_trend_shows_the_gap_to_the_target_in_people(coordinator_client, settings):
    settings.STCE_GENDER_TARGET = 50
    trained(3, Gender.FEMALE, year=2020)
    trained(6, Gender.MALE, year=2020)
    trained(1, Gender.ANOTHER, year=2020)
    trend = next(t for t in coordinator_client.get(GENDER).context["tables"] if t.slug == "trend")
    assert trend.rows == [["2020", 3, 10, 30.0, 50.0, 2]]


@pytest.mark.django_db
def test_charts_get_their_data_as_json_beside_a_table(coordinator_client):
    trained(2, Gender.FEMALE)
    html = coordinator_client.get(GENDER).content.decode()
    assert 'id="chart-data-trend" type="application/json"' in html
    assert 'data-chart="chart-data-trend"' in html
    assert "<script>" not in html  # the Content Security Policy forbids inline scripts


@pytest.mark.django_db
def test_filters_narrow_every_figure(coordinator_client):
    Region.objects.create(code="ESA", name="East and Southern Africa")
    event = TrainingEventFactory(region_id="ESA")
    EnrolmentFactory(event=event, person=PersonFactory(gender=Gender.FEMALE))
    trained(4, Gender.MALE)
    response = coordinator_client.get(GENDER, {"region": "ESA"})
    headline = next(t for t in response.context["tables"] if t.slug == "trainees")
    assert headline.rows[0][1:6] == [1, 0, 0, 0, 1]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        {"year_from": "2024", "year_to": "2020"},
        {"region": "nowhere"},
        {"year_from": "soon"},
        {"language": "<script>"},
    ],
)
def test_bad_filters_are_explained_and_show_unfiltered_figures(coordinator_client, query):
    trained(2, Gender.FEMALE)
    response = coordinator_client.get(GENDER, query)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert response.context["filters"].is_empty


@pytest.mark.django_db
def test_programme_figures_count_trainings_people_and_reach(coordinator_client):
    trained(2, Gender.FEMALE, year=2021)
    trained(1, Gender.MALE, year=2022, kind="ttt")
    TrainingEventFactory(status="cancelled")
    key = next(t for t in coordinator_client.get(PROGRAMME).context["tables"] if t.slug == "key-figures")
    figures = dict(key.rows)
    assert figures["Trainings delivered"] == 2
    assert figures["Officials trained (people)"] == 3
    assert figures["Countries reached (trainees' countries)"] == 1


@pytest.mark.django_db
def test_every_table_exports_as_csv_and_xlsx(coordinator_client, settings):
    settings.STCE_MASK_SMALL_COUNTS = False
    trained(2, Gender.FEMALE)
    Expert.objects.create(person=PersonFactory(), status=ExpertStatus.ACCREDITED)
    for dashboard, url in (("gender", GENDER), ("programme", PROGRAMME)):
        for table in coordinator_client.get(url).context["tables"]:
            response = coordinator_client.get(export_url(table.slug, "csv", dashboard))
            assert response.status_code == 200, table.slug
            rows = csv_rows(response)
            assert rows[0] == [c.label for c in table.columns]
            assert len(rows) == len(table.rows) + 1
            response = coordinator_client.get(export_url(table.slug, "xlsx", dashboard))
            sheet = load_workbook(io.BytesIO(response.getvalue())).active
            assert [c.value for c in sheet[2]] == [c.label for c in table.columns]


@pytest.mark.django_db
def test_small_counts_are_masked_in_exports_when_configured(coordinator_client, settings):
    trained(3, Gender.FEMALE)
    trained(6, Gender.MALE)
    settings.STCE_MASK_SMALL_COUNTS = True
    masked = csv_rows(coordinator_client.get(export_url("trainees")))
    # The share would give the masked count away: it is left empty, not replaced by "<5".
    assert masked[1] == ["People trained", "<5", "6", "0", "0", "9", ""]
    settings.STCE_MASK_SMALL_COUNTS = False
    exact = csv_rows(coordinator_client.get(export_url("trainees")))
    assert exact[1] == ["People trained", "3", "6", "0", "0", "9", "33.3"]


def xlsx(response):
    return load_workbook(io.BytesIO(response.getvalue())).active


@pytest.mark.django_db
def test_dashboard_xlsx_cells_are_counts_percentages_and_years(coordinator_client, settings):
    settings.STCE_MASK_SMALL_COUNTS = False
    trained(6, Gender.FEMALE, year=2021)
    trained(4, Gender.MALE, year=2022)
    sheet = xlsx(coordinator_client.get(export_url("trainees", "xlsx")))
    assert sheet["A1"].value == "Trainees by gender" and sheet.freeze_panes == "A3"
    assert all(cell.font.b for cell in sheet[2])
    people = {c.value: v for c, v in zip(sheet[2], sheet[3], strict=True)}
    assert people["Female"].value == 6 and isinstance(people["Female"].value, int)
    assert people["Women (%)"].value == pytest.approx(0.6) and people["Women (%)"].number_format == "0.0%"
    trend = xlsx(coordinator_client.get(export_url("trend", "xlsx")))
    years = [row[0].value for row in trend.iter_rows(min_row=3, max_row=4)]
    assert years == [2021, 2022]
    target = trend.cell(row=3, column=5)
    assert target.value == pytest.approx(0.5) and target.number_format == "0.0%"
    assert coordinator_client.get(export_url("trend"))["Content-Disposition"].startswith(
        'attachment; filename="gender-trend-'
    )


@pytest.mark.django_db
def test_a_masked_count_stays_in_its_count_column_and_empties_the_share(coordinator_client, settings):
    trained(3, Gender.FEMALE)
    trained(6, Gender.MALE)
    settings.STCE_MASK_SMALL_COUNTS = True
    sheet = xlsx(coordinator_client.get(export_url("trainees", "xlsx")))
    cells = {c.value: v for c, v in zip(sheet[2], sheet[3], strict=True)}
    assert cells["Female"].value == "<5" and cells["Male"].value == 6
    assert cells["Women (%)"].value is None  # never "<5" in a column of percentages
    notes = [row[0].value for row in sheet.iter_rows(min_row=6) if row[0].value]
    assert any("<5" in note for note in notes)


@pytest.mark.django_db
def test_a_dashboard_export_runs_as_many_queries_for_a_large_programme(
    coordinator_client, django_assert_num_queries
):
    url = export_url("trainees-by-country", "xlsx")
    _grow_programme(1)
    coordinator_client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as small:
        coordinator_client.get(url)
    _grow_programme(12)
    cache.clear()
    with django_assert_num_queries(len(small)):
        assert coordinator_client.get(url).status_code == 200


@pytest.mark.django_db
def test_unknown_tables_and_formats_are_not_found(coordinator_client):
    assert coordinator_client.get(export_url("salaries")).status_code == 404
    assert coordinator_client.get(export_url("trainees", "pdf")).status_code == 404
    assert coordinator_client.get(export_url("trainees", dashboard="secret")).status_code == 404


def _grow_programme(size):
    for i in range(size):
        event = trained(3, [Gender.FEMALE, Gender.MALE, Gender.NOT_RECORDED][i % 3], year=2019 + i % 4)
        # Each training also has a country invited, nominees, a no-show (the nominations tables).
        country = CountryFactory(code=string.ascii_uppercase[size % 26] + string.ascii_uppercase[i])
        invited_event(event, [country], per_country=4)
        TrainerAssignmentFactory(event=event, person=PersonFactory(gender=Gender.FEMALE))
        Expert.objects.create(person=PersonFactory(), status=ExpertStatus.values[i % 9])


# Pinned: session, user, roles; region, country and language names; the figures (the gender
# dashboard adds one query for its four staffing tables; accredited experts by region come with
# the experts' figures). A filter adds the period check, the version, the cache read and write
# and the packed cells.
# Both dashboards first mark the trainings whose last day has passed (two updates); the
# programme dashboard counts the scheduled trainings (one more), the trainings by attendance
# or by enrolment (one more) and who completed (one more); who attended is its people trained.
# Each dashboard's nominations table adds two (seats, nominations).
# The programme dashboard's WCO-run vs expert-delivered tables add three (the accepted reports,
# their named participants, the WCO trainings by region) and the experts' activity five (the
# experts, their last delivery at WCO events and at home; the years with deliveries, the same
# two ways), and once someone delivered, three more for the page shown (its experts'
# deliveries at home and at WCO events, their names).
# Its knowledge-gain tables add four (by module and year, by region, the modules' titles and
# their translations).
PINNED = [
    (GENDER, {}, 13),
    # The programme dashboard's attendance figures are cached (a miss here: version, cache read
    # and write).
    (PROGRAMME, {}, 37),
    # Filtered: the packed cells the filters select (reporting.cells), once for every breakdown
    # but the language, once for the language (unless a language filter pins it); packed when
    # the first view after a change finds them stale, which the first request here does.
    (GENDER, {"year_from": "2020"}, 22),
    (PROGRAMME, {"kind": "national", "year_to": "2021"}, 46),
]


@pytest.mark.django_db
@pytest.mark.parametrize("url, query, pinned", PINNED)
def test_dashboards_run_the_same_number_of_queries_whatever_the_data_size(
    coordinator_client, django_assert_num_queries, url, query, pinned
):
    for size in (1, 12):
        _grow_programme(size)
        coordinator_client.get(url, query)  # the session and roles
        cache.clear()
        with django_assert_num_queries(pinned):
            assert coordinator_client.get(url, query).status_code == 200


@pytest.mark.django_db
def test_a_migration_that_drops_the_triggers_gets_them_back_with_recounted_figures():
    trained(2, Gender.FEMALE)
    drop_triggers(connection)
    trained(1, Gender.MALE)  # not counted while the triggers are gone
    assert missing_triggers(connection)
    ensure_triggers(using="default")
    assert not missing_triggers(connection)
    total = trainee_figures(Filters()).total
    assert (total["female"].people, total["male"].people) == (2, 1)


@pytest.mark.django_db
def test_seed_scale_refuses_a_database_with_records_unless_forced(settings):
    settings.DEBUG = True
    PersonFactory()
    with pytest.raises(CommandError, match="already holds"):
        call_command("seed_scale", people=10, events=2, stdout=io.StringIO())


@pytest.mark.django_db
def test_seed_scale_builds_a_programme_whose_figures_match_a_count_by_hand():
    build_programme(3)  # ordinary records first: the synthetic ones add to them
    out = io.StringIO()
    call_command("seed_scale", people=400, events=30, attendance=900, experts=25, force=True, stdout=out)
    assert "400 people" in out.getvalue()
    assert "900 attendance records" in out.getvalue()
    for filters in (Filters(), Filters(year_from=2020, year_to=2022), Filters(language="fr")):
        by_hand = count_trainees_by_hand(filters)["counts"]
        figures = trainee_figures(filters)
        assert {g: (c.people, c.participations) for g, c in figures.total.items() if c.people} == by_hand[
            "all"
        ][""]
        years = {
            v: {g: (c.people, c.participations) for g, c in gc.items() if c.people}
            for v, gc in figures.breakdowns["year"].items()
        }
        assert years == by_hand["year"]
    assert not missing_triggers(connection)


@pytest.mark.django_db
def test_chart_data_is_plain_json():
    from reporting.tables import bar_chart

    chart = bar_chart(["2021"], [("Female", [3], "#000")])
    assert json.loads(json.dumps(chart))["data"]["datasets"][0]["data"] == [3]


@pytest.mark.django_db(transaction=True)
def test_another_apps_migration_can_rebuild_a_counted_table_and_the_figures_stay_right():
    from courses.models import TrainingEvent

    trained(2, Gender.FEMALE)
    suspend_triggers(plan=["a pending migration"])  # what pre_migrate does
    if connection.vendor == "sqlite":
        # SQLite alters a table by rebuilding it, which it refuses while a trigger names it.
        with connection.schema_editor() as editor:
            editor._remake_table(TrainingEvent)
    trained(1, Gender.MALE)  # a data migration, say, while the triggers are set aside
    ensure_triggers(using="default")  # what post_migrate does
    assert not missing_triggers(connection)
    total = trainee_figures(Filters()).total
    assert (total["female"].people, total["male"].people) == (2, 1)


@pytest.mark.django_db(transaction=True)
def test_figures_start_from_zero_after_a_flush_such_as_the_one_ending_a_transactional_test():
    from django.core.management.sql import emit_post_migrate_signal

    from reporting.models import TraineeSlice

    trained(3, Gender.FEMALE)
    # flush deletes table by table, in no set order, with the triggers on: here the
    # summary rows go before the enrolments, whose deletion then leaves negative slices.
    with connection.cursor() as cursor:
        for table in ("reporting_trainee_slice", "reporting_trainee_language_slice", "courses_enrolment"):
            cursor.execute(f"DELETE FROM {table}")
    assert TraineeSlice.objects.filter(n__lt=0).exists()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")  # as flush does
    assert not TraineeSlice.objects.exists()
    assert trainee_figures(Filters()).total.participations == 0
    trained(2, Gender.FEMALE)
    assert trainee_figures(Filters()).total["female"].people == 2
