import csv
import io
import unicodedata

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from courses.models import Enrolment
from courses.services.participant_import import (
    ImportFileError,
    ImportRefused,
    commit_import,
    validate_import,
)
from courses.tests.factories import EnrolmentFactory, TrainingEventFactory
from documents.spreadsheets import neutralise
from people.models import Person
from people.tests.factories import CountryFactory, PersonFactory, RegionFactory

HEADER = ["Given name", "Family name", "Gender", "Country", "E-mail"]


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def countries(db):
    asia = RegionFactory(code="AP", name="Asia/Pacific")
    CountryFactory(code="CN", name="China", region=asia)
    CountryFactory(code="TH", name="Thailand", region=asia)


@pytest.fixture
def event(countries):
    return TrainingEventFactory(capacity=None)


def rows(n: int, *, start: int = 1) -> list[list[str]]:
    return [
        [f"Given{i}", f"Family{i}", "female", "CN", f"p{i}@customs.example.cn"]
        for i in range(start, start + n)
    ]


def as_csv(body, header=HEADER, delimiter=",", encoding="utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(body)
    return out.getvalue().encode(encoding)


def as_xlsx(body, header=HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in body:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def nothing_written(before_people: int) -> bool:
    return Person.objects.count() == before_people and not Enrolment.objects.exists()


class TestAllOrNothing:
    def test_a_bad_row_57_of_60_writes_nothing_and_the_report_names_row_57_and_its_column(self, event):
        body = rows(60)
        body[56][4] = "not-an-email"
        before = Person.objects.count()
        with pytest.raises(ImportRefused) as refused:
            commit_import(event=event, data=as_csv(body), filename="list.csv")
        assert nothing_written(before)
        [problem] = refused.value.report.errors
        assert (problem.row, problem.column) == (57, "email")
        assert problem.line == 58  # the header is line 1 in a spreadsheet

    def test_a_clean_file_enrols_everyone_in_one_go(self, event):
        outcome = commit_import(event=event, data=as_csv(rows(60)), filename="list.csv")
        assert outcome.people_created == outcome.enrolled == 60
        assert event.enrolments.active().count() == 60

    def test_imported_people_and_enrolments_have_history(self, event, coordinator):
        commit_import(event=event, data=as_csv(rows(3)), filename="list.csv", by=coordinator)
        person = Person.objects.get(email="p1@customs.example.cn")
        record = person.history.get()
        assert record.history_type == "+" and record.history_user == coordinator
        assert "list.csv" in record.history_change_reason
        assert Enrolment.history.filter(person_id=person.pk).count() == 1
        assert person.search_text  # findable in the directory

    def test_reimporting_the_same_file_creates_no_duplicates(self, event):
        data = as_csv(rows(20))
        commit_import(event=event, data=data, filename="list.csv")
        outcome = commit_import(event=event, data=data, filename="list.csv")
        assert (outcome.people_created, outcome.enrolled, outcome.unchanged) == (0, 0, 20)
        assert Person.objects.filter(email__endswith="customs.example.cn").count() == 20
        assert event.enrolments.count() == 20


class TestDuplicates:
    def test_existing_person_is_matched_by_email_in_any_case(self, event):
        known = PersonFactory(email="Wang.Wei@Customs.example.cn", country_id="CN")
        body = [["Wei", "Wang", "male", "CN", "wang.wei@customs.example.cn"]]
        outcome = commit_import(event=event, data=as_csv(body), filename="list.csv")
        assert outcome.people_created == 0 and outcome.enrolled == 1
        assert event.enrolments.get().person == known

    def test_existing_person_without_email_is_matched_by_name_and_country(self, event):
        known = PersonFactory(given_name="Xiuying", family_name="Lǐ", email=None, country_id="CN")
        body = [["xiuying", "LI", "", "China", ""]]
        report = validate_import(event=event, data=as_csv(body), filename="list.csv")
        assert report.rows[0].person == known and not report.has_errors

    def test_same_name_with_different_emails_is_two_people(self, event):
        PersonFactory(given_name="Wei", family_name="Wang", email="one@customs.example.cn", country_id="CN")
        body = [["Wei", "Wang", "male", "CN", "two@customs.example.cn"]]
        report = validate_import(event=event, data=as_csv(body), filename="list.csv")
        assert report.to_create == 1

    def test_two_rows_for_the_same_email_are_reported(self, event):
        body = rows(3) + [["Other", "Name", "", "CN", "P2@customs.example.cn"]]
        report = validate_import(event=event, data=as_csv(body), filename="list.csv")
        [problem] = report.errors
        assert (problem.row, problem.column) == (4, "email") and "row 2" in problem.message

    def test_rows_over_capacity_are_reported(self, countries):
        event = TrainingEventFactory(capacity=10)
        EnrolmentFactory.create_batch(8, event=event)
        report = validate_import(event=event, data=as_csv(rows(3)), filename="list.csv")
        assert [p.row for p in report.errors] == [3]
        assert "capacity" in report.errors[0].message.lower()

    def test_missing_name_unknown_country_and_gender_are_named_by_column(self, event):
        body = [
            ["Ana", "", "female", "CN", ""],
            ["Bo", "Li", "female", "Atlantis", ""],
            ["Cy", "Ma", "robot", "CN", ""],
        ]
        report = validate_import(event=event, data=as_csv(body), filename="list.csv")
        assert [(p.row, p.column) for p in report.errors] == [
            (1, "family_name"),
            (2, "country"),
            (3, "gender"),
        ]


class TestBadFiles:
    def assert_refused(self, event, data, filename, *words):
        before = Person.objects.count()
        with pytest.raises(ImportFileError) as error:
            commit_import(event=event, data=data, filename=filename)
        for word in words:
            assert word in str(error.value)
        assert nothing_written(before)

    def test_an_empty_file(self, event):
        self.assert_refused(event, b"", "list.csv", "empty")

    def test_a_header_without_rows(self, event):
        self.assert_refused(event, as_csv([]), "list.csv", "no participants")

    def test_a_workbook_renamed_to_csv(self, event):
        self.assert_refused(event, as_xlsx(rows(2)), "list.csv", "not a CSV", "Excel")

    def test_a_pdf_renamed_to_csv(self, event):
        self.assert_refused(event, b"%PDF-1.7\n...", "list.csv", "PDF")

    def test_text_that_is_not_utf8(self, event):
        data = as_csv([["Дмитрий", "Иванов", "male", "CN", ""]], encoding="cp1251")
        self.assert_refused(event, data, "list.csv", "not UTF-8", "line 2")

    def test_an_unsupported_extension(self, event):
        self.assert_refused(event, b"hello", "list.docx", ".csv or .xlsx")

    def test_a_file_over_the_size_limit(self, event, settings):
        data = as_csv(rows(5))
        settings.STCE_MAX_IMPORT_BYTES = 10 * 1024 * 1024
        big = data + b"x" * (10 * 1024 * 1024)
        self.assert_refused(event, big, "list.csv", "MB")

    def test_missing_header_columns_are_listed(self, event):
        data = as_csv([["Ana", "Silva"]], header=["Given name", "Surname"])
        report = validate_import(event=event, data=data, filename="list.csv")
        [problem] = report.errors
        assert "country" in problem.message and problem.row == 0
        with pytest.raises(ImportRefused):
            commit_import(event=event, data=data, filename="list.csv")
        assert not Enrolment.objects.exists()

    def test_formulas_in_cells_are_refused(self, event):
        body = rows(2)
        body[1][0] = '=HYPERLINK("http://evil.example","click")'
        report = validate_import(event=event, data=as_csv(body), filename="list.csv")
        assert [(p.row, p.column) for p in report.errors] == [(2, "given_name")]

    def test_formulas_in_a_workbook_are_refused(self, event):
        body = rows(2)
        body[0][1] = "=1+1"
        report = validate_import(event=event, data=as_xlsx(body), filename="list.xlsx")
        assert [(p.row, p.column) for p in report.errors] == [(1, "family_name")]


class TestGoodFilesInOtherShapes:
    def test_a_utf8_bom_is_ignored(self, event):
        data = "\ufeff".encode() + as_csv([["秀英", "李", "female", "CN", ""]])
        report = validate_import(event=event, data=data, filename="list.csv")
        assert not report.has_errors and report.rows[0].new_person.family_name == "李"

    def test_semicolon_delimited_files_are_read(self, event):
        data = as_csv([["José", "Núñez", "male", "CN", "jose@example.org"]], delimiter=";")
        report = validate_import(event=event, data=data, filename="list.csv")
        assert not report.has_errors and report.rows[0].new_person.given_name == "José"

    def test_xlsx_files_are_read(self, event):
        outcome = commit_import(event=event, data=as_xlsx(rows(5)), filename="list.xlsx")
        assert outcome.enrolled == 5

    def test_header_spellings_vary(self, event):
        data = as_csv([["Ana", "Silva", "TH"]], header=["First name", "Last Name", "Country code"])
        assert not validate_import(event=event, data=data, filename="list.csv").has_errors


class TestImportScreens:
    def test_preview_writes_nothing_and_commit_writes_everything(self, coordinator_client, event):
        upload = io.BytesIO(as_csv(rows(4)))
        upload.name = "list.csv"
        url = reverse("courses:participant-import", args=[event.pk])
        response = coordinator_client.post(url, {"file": upload})
        assert response.status_code == 200 and not Enrolment.objects.exists()
        token = response.context["token"]
        assert token
        commit = reverse("courses:participant-import-commit", args=[event.pk])
        response = coordinator_client.post(commit, {"token": token})
        assert response.status_code == 302 and event.enrolments.count() == 4
        # A second submit of the same form changes nothing.
        response = coordinator_client.post(commit, {"token": token})
        assert response.status_code == 302 and event.enrolments.count() == 4

    def test_a_bad_file_shows_the_report_and_offers_no_commit(self, coordinator_client, event):
        body = rows(3)
        body[2][3] = "Narnia"
        upload = io.BytesIO(as_csv(body))
        upload.name = "list.csv"
        response = coordinator_client.post(
            reverse("courses:participant-import", args=[event.pk]), {"file": upload}
        )
        assert not response.context["can_commit"]
        page = response.content.decode()
        assert reverse("courses:participant-import-commit", args=[event.pk]) not in page
        assert "line 4" in page and "Narnia" in page

    def test_an_empty_upload_gets_a_form_error(self, coordinator_client, event):
        upload = io.BytesIO(b"   \n")
        upload.name = "list.csv"
        response = coordinator_client.post(
            reverse("courses:participant-import", args=[event.pk]), {"file": upload}
        )
        assert response.status_code == 200
        assert "empty" in str(response.context["form"].errors["file"])


class TestExports:
    @pytest.mark.parametrize("value", ["=1+1", "+1", "-2", "@SUM(A1)", '=HYPERLINK("x")'])
    def test_values_a_spreadsheet_would_run_are_neutralised(self, value):
        assert neutralise(value) == "'" + value

    def test_ordinary_values_are_untouched(self):
        assert neutralise("Иванов") == "Иванов"

    def test_csv_and_xlsx_exports_neutralise_names(self, coordinator_client, countries):
        enrolment = EnrolmentFactory(person=PersonFactory(family_name="=cmd|' /C calc'!A0", country_id="CN"))
        url = reverse("courses:participant-list", args=[enrolment.event.pk])
        text = coordinator_client.get(url, {"export": "csv"}).getvalue().decode("utf-8-sig")
        assert "'=cmd" in text
        xlsx = coordinator_client.get(url, {"export": "xlsx"}).getvalue()
        sheet = load_workbook(io.BytesIO(xlsx)).active
        assert sheet.cell(row=2, column=2).value == "'=cmd|' /C calc'!A0"

    def test_export_view_sends_a_file(self, coordinator_client, countries):
        enrolment = EnrolmentFactory(person=PersonFactory(country_id="CN"))
        url = reverse("courses:participant-list", args=[enrolment.event.pk])
        assert coordinator_client.get(url, {"export": "csv"})["Content-Type"].startswith("text/csv")
        assert "spreadsheetml" in coordinator_client.get(url, {"export": "xlsx"})["Content-Type"]


def test_new_people_never_reuse_the_number_of_a_deleted_person(event):
    gone = PersonFactory(country_id="CN")
    gone_pk = gone.pk
    gone.delete()
    commit_import(event=event, data=as_csv(rows(2)), filename="list.csv")
    assert (
        min(Person.objects.filter(email__endswith="customs.example.cn").values_list("pk", flat=True))
        > gone_pk
    )


class TestNamesByThePersonFormsRules:
    """The import refuses the names the person form refuses, with the same messages."""

    @pytest.mark.parametrize("column,value,says", [
        (0, "Ana\nMaria", "line breaks"),  # Alt+Enter in a spreadsheet cell
        (1, "Sil\u2028va", "line breaks"),
        (0, "Ana\u202eairaM", "line breaks"),
        (0, "Ana 😀", "emoji"),
        (1, "ہے", "No font"),
    ])
    def test_a_refused_name_is_an_error_on_its_row_and_column(self, event, column, value, says):
        body = rows(3)
        body[1][column] = value
        report = validate_import(event=event, data=as_csv(body), filename="list.csv")
        [problem] = report.errors
        assert (problem.row, problem.column) == (2, ["given_name", "family_name"][column])
        assert says in problem.message

    def test_the_xlsx_reader_meets_the_same_rule(self, event):
        body = rows(2)
        body[0][0] = "Ana\tMaria"
        [problem] = validate_import(event=event, data=as_xlsx(body), filename="list.xlsx").errors
        assert (problem.row, problem.column) == (1, "given_name")

    def test_names_are_stored_normalised_and_found_as_typed(self, event):
        body = [[unicodedata.normalize("NFD", "Thị  Minh"), "Nguyễn", "female", "CN", ""],
                ["秀英", "王", "female", "CN", ""]]
        commit_import(event=event, data=as_csv(body), filename="list.csv")
        nguyen = Person.objects.get(family_name="Nguyễn")
        assert nguyen.given_name == unicodedata.normalize("NFC", "Thị Minh")
        assert list(Person.objects.search("王秀英")) == [Person.objects.get(family_name="王")]
        assert list(Person.objects.search(unicodedata.normalize("NFD", "nguyễn thị"))) == [nguyen]
