"""The import report leads to the fix: repeated problems said once, countries and headings in
every interface language, and a template to send to administrations in each language."""

import io
import os

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from courses.services.enrolment import enrol
from courses.services.participant_import import ImportReport, Problem, commit_import, validate_import
from courses.tests.factories import TrainingEventFactory
from courses.tests.test_participant_import import as_csv, as_xlsx, rows
from people.models import Organisation, Person
from people.tests.factories import CountryFactory, OrganisationFactory, PersonFactory, RegionFactory
from tools.vnu import format_errors, unavailable_reason, validate_html


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def event(db):
    CountryFactory(code="CN", name="China", region=RegionFactory(code="AP", name="Asia/Pacific"))
    return TrainingEventFactory(capacity=None)


def test_thirty_rows_with_the_same_unknown_organisation_are_one_line_after_the_errors(event):
    header = ["Given name", "Family name", "Gender", "Country", "E-mail", "Organisation"]
    body = [[*row, "State Revenue Committee"] for row in rows(30)]
    body[9][4] = "not-an-email"
    report = validate_import(event=event, data=as_csv(body, header=header), filename="list.csv")
    assert len(report.warnings) == 30
    error, note = report.problem_groups
    assert (error.is_error, error.column, error.line_ranges()) == (True, "email", "11")
    assert (note.is_error, note.column, note.value, note.rows) == (
        False,
        "organisation",
        "State Revenue Committee",
        30,
    )
    assert note.line_ranges() == "2–31"


def test_line_ranges_stop_after_a_few_and_say_so():
    report = ImportReport(
        "f.csv", [], [], [Problem(r, "gender", "Unknown gender", "x") for r in range(1, 40, 2)]
    )
    [group] = report.problem_groups
    assert group.rows == 20
    assert group.line_ranges(limit=3) == "2, 4, 6, …"


def test_the_page_shows_one_row_per_group(coordinator_client, event):
    header = ["Given name", "Family name", "Gender", "Country", "E-mail", "Organisation"]
    body = [[*row, "State Revenue Committee"] for row in rows(30)]
    upload = io.BytesIO(as_csv(body, header=header))
    upload.name = "list.csv"
    response = coordinator_client.post(
        reverse("courses:participant-import", args=[event.pk]), {"file": upload}
    )
    page = response.content.decode()
    assert page.count("Unknown organisation; it was left empty.") == 1
    assert "30 rows" in page and "lines 2–31" in page
    assert response.context["token"]  # notes only: the import can be committed


@pytest.mark.parametrize("written", ["China", "Chine", "china", "CN", "cn", "Китай", "CHINE"])
def test_a_country_is_known_by_its_name_in_every_language_and_its_code(event, written):
    body = rows(1)
    body[0][3] = written
    report = validate_import(event=event, data=as_csv(body), filename="list.csv")
    assert not report.has_errors, [p.message for p in report.problems]


def test_an_unknown_country_says_which_names_are_accepted(event):
    body = rows(1)
    body[0][3] = "Narnia"
    [error] = validate_import(event=event, data=as_csv(body), filename="list.csv").errors
    assert "French, Spanish or Russian" in error.message


@pytest.mark.parametrize("language", ["en", "fr", "es", "ru"])
def test_the_template_in_each_language_is_read_back_by_the_import(coordinator_client, event, language):
    response = coordinator_client.get(reverse("courses:participant-import-template", args=[language, "xlsx"]))
    assert response.status_code == 200
    assert f"stce-participants-{language}.xlsx" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.getvalue()))
    sheet = workbook.worksheets[0]
    headings = [c.value for c in sheet[1]]
    assert len(headings) == 9 and sheet.freeze_panes == "A2"
    accepted = "\n".join(str(c.value) for row in workbook.worksheets[1].iter_rows() for c in row if c.value)
    assert "CN" in accepted
    # An administration fills the template in and the coordinator imports it as it is.
    filled = [
        {
            "given_name": "Mei",
            "family_name": "Li",
            "country": "CN",
            "gender": "female",
            "email": "mei@example.cn",
        }
    ]
    columns = [
        "given_name",
        "family_name",
        "latin_name",
        "gender",
        "country",
        "organisation",
        "position",
        "email",
    ]
    body = [[row.get(c, "") for c in columns] + ["fr"] for row in filled]
    outcome = commit_import(event=event, data=as_xlsx(body, header=headings), filename="filled.xlsx")
    assert outcome.enrolled == 1
    assert Person.objects.get(email="mei@example.cn").preferred_language == "fr"


def test_the_template_headings_are_in_the_chosen_language(coordinator_client, db):
    fr = load_workbook(
        io.BytesIO(
            coordinator_client.get(
                reverse("courses:participant-import-template", args=["fr", "xlsx"])
            ).getvalue()
        )
    )
    ru = load_workbook(
        io.BytesIO(
            coordinator_client.get(
                reverse("courses:participant-import-template", args=["ru", "xlsx"])
            ).getvalue()
        )
    )
    assert [c.value for c in fr.worksheets[0][1]] != [c.value for c in ru.worksheets[0][1]]
    assert any("*" in c.value for c in ru.worksheets[0][1])


def test_a_csv_template_and_the_unknown_ones(coordinator_client, db):
    url = reverse("courses:participant-import-template", args=["es", "csv"])
    response = coordinator_client.get(url)
    assert response.status_code == 200 and response.getvalue().decode("utf-8-sig").count(",") == 8
    assert (
        coordinator_client.get(
            reverse("courses:participant-import-template", args=["de", "xlsx"])
        ).status_code
        == 404
    )
    assert (
        coordinator_client.get(reverse("courses:participant-import-template", args=["fr", "pdf"])).status_code
        == 404
    )


def test_trainers_do_not_get_the_template(trainer_client):
    response = trainer_client.get(reverse("courses:participant-import-template", args=["fr", "xlsx"]))
    assert response.status_code in (403, 404)


def _upload(client, event, body, header=None):
    upload = io.BytesIO(
        as_csv(
            body,
            header=header or ["Given name", "Family name", "Gender", "Country", "E-mail", "Organisation"],
        )
    )
    upload.name = "list.csv"
    return client.post(reverse("courses:participant-import", args=[event.pk]), {"file": upload})


def _resolve(client, event, token, **fields):
    return client.post(
        reverse("courses:participant-import-resolve", args=[event.pk]), {"token": token, **fields}
    )


def test_an_unknown_organisation_chosen_in_the_page_fills_every_row(coordinator_client, event):
    src = OrganisationFactory(name="State Revenue Service", country_id="CN")
    body = [[*row, "State Revenue Committee"] for row in rows(30)]
    response = _upload(coordinator_client, event, body)
    token = response.context["token"]
    page = response.content.decode()
    assert reverse("courses:participant-import-resolve", args=[event.pk]) in page
    response = _resolve(
        coordinator_client,
        event,
        token,
        column="organisation",
        value="State Revenue Committee",
        organisation=src.pk,
    )
    assert response.status_code == 302 and f"token={token}" in response["Location"]
    report = coordinator_client.get(response["Location"])
    assert report.context["report"].warnings == [] and report.context["can_commit"]
    coordinator_client.post(reverse("courses:participant-import-commit", args=[event.pk]), {"token": token})
    assert event.enrolments.count() == 30
    assert set(Person.objects.filter(enrolments__event=event).values_list("organisation", flat=True)) == {
        src.pk
    }


def test_an_unknown_organisation_can_be_created_from_the_page_once(coordinator_client, event):
    body = [[*row, "State Revenue Committee"] for row in rows(3)]
    token = _upload(coordinator_client, event, body).context["token"]
    for _ in range(2):  # pressed twice: still one organisation
        _resolve(
            coordinator_client,
            event,
            token,
            column="organisation",
            value="State Revenue Committee",
            create="on",
            country="CN",
        )
    [created] = Organisation.objects.filter(name="State Revenue Committee")
    assert created.country_id == "CN"
    coordinator_client.post(reverse("courses:participant-import-commit", args=[event.pk]), {"token": token})
    assert Person.objects.filter(organisation=created).count() == 3


def test_an_unknown_country_resolved_in_the_page_turns_the_errors_into_a_commit(coordinator_client, event):
    body = [[*row, ""] for row in rows(4)]
    for row in body[:3]:
        row[3] = "Cathay"
    response = _upload(coordinator_client, event, body)
    assert not response.context["can_commit"]
    token = response.context["token"]
    _resolve(coordinator_client, event, token, column="country", value="cathay", country="CN")
    again = coordinator_client.get(f"{reverse('courses:participant-import', args=[event.pk])}?token={token}")
    assert not again.context["report"].has_errors and again.context["can_commit"]


def test_a_resolution_without_a_choice_or_for_another_event_changes_nothing(coordinator_client, event):
    body = [[*row, ""] for row in rows(2)]
    body[0][3] = "Cathay"
    token = _upload(coordinator_client, event, body).context["token"]
    response = _resolve(coordinator_client, event, token, column="country", value="Cathay")
    follow = coordinator_client.get(response["Location"])
    assert "Choose the country these rows mean." in follow.content.decode()
    assert follow.context["report"].has_errors
    other = TrainingEventFactory()
    response = _resolve(coordinator_client, other, token, column="country", value="Cathay", country="CN")
    assert response["Location"] == reverse("courses:participant-import", args=[other.pk])
    assert (
        coordinator_client.get(f"{reverse('courses:participant-import', args=[event.pk])}?token={token}")
        .context["report"]
        .has_errors
    )


def test_a_large_import_written_by_the_worker_keeps_the_choices(
    coordinator_client, event, settings, run_tasks
):
    settings.STCE_BACKGROUND_IMPORT_ROWS = 2
    body = [[*row, "State Revenue Committee"] for row in rows(5)]
    token = _upload(coordinator_client, event, body).context["token"]
    _resolve(
        coordinator_client,
        event,
        token,
        column="organisation",
        value="State Revenue Committee",
        create="on",
        country="CN",
    )
    coordinator_client.post(reverse("courses:participant-import-commit", args=[event.pk]), {"token": token})
    run_tasks()
    created = Organisation.objects.get(name="State Revenue Committee")
    assert Person.objects.filter(organisation=created, enrolments__event=event).count() == 5


def test_the_report_with_its_choices_is_valid_html(coordinator_client, event, tmp_path):
    reason = unavailable_reason()
    if reason:
        if os.environ.get("STCE_REQUIRE_VNU") == "1":
            pytest.fail(f"STCE_REQUIRE_VNU=1 but {reason}")
        pytest.skip(reason)
    body = [[*row, "State Revenue Committee"] for row in rows(3)]
    body[0][3] = "Cathay"
    page = tmp_path / "import-report.html"
    page.write_bytes(_upload(coordinator_client, event, body).content)
    errors = validate_html([page])
    assert not errors, format_errors(errors)


def test_a_file_that_became_wrong_since_its_report_is_shown_again_not_a_500(coordinator_client, db):
    CountryFactory(code="CN", name="China", region=RegionFactory(code="AP", name="Asia/Pacific"))
    event = TrainingEventFactory(capacity=2)
    token = _upload(coordinator_client, event, [[*row, ""] for row in rows(2)]).context["token"]
    # Someone takes a place between the report and the commit: the file is now over capacity.
    enrol(event=event, person=PersonFactory(country_id="CN"))
    response = coordinator_client.post(
        reverse("courses:participant-import-commit", args=[event.pk]), {"token": token}
    )
    assert response.status_code == 200
    assert "The file has 1 problem; nothing was imported." in response.content.decode()
    assert response.context["report"].has_errors
    assert event.enrolments.count() == 1
