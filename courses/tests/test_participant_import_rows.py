"""The rules one row of a participant list must pass, each checked on its own."""

import pytest

from courses.models import Enrolment
from courses.services.participant_import import (
    Directory,
    ImportRow,
    RowAction,
    SeenRows,
    check_country,
    check_email,
    check_family_name,
    check_formulas,
    check_gender,
    check_language,
    check_organisation,
    match_known_person,
    validate_import,
)
from courses.tests.factories import TrainingEventFactory
from people.models import Gender, Person
from people.models.people import fold_for_search
from people.tests.factories import CountryFactory, OrganisationFactory, PersonFactory, RegionFactory


def row(number: int = 1, **values) -> ImportRow:
    return ImportRow(number=number, values={"given_name": "Ana", "family_name": "Silva", **values})


def problems(import_row: ImportRow) -> list[tuple[str, bool]]:
    return [(p.column, p.is_error) for p in import_row.problems]


@pytest.fixture
def event(db):
    asia = RegionFactory(code="AP", name="Asia/Pacific")
    CountryFactory(code="CN", name="China", region=asia)
    CountryFactory(code="TH", name="Thailand", region=asia)
    return TrainingEventFactory(capacity=None)


def directory_for(event, *rows: ImportRow) -> Directory:
    return Directory.for_rows(event, list(rows))


class TestFormulas:
    @pytest.mark.parametrize("value", ["=1+1", "@SUM(A1)", "+cmd", "-2+3*A1", "\tx"])
    def test_a_value_a_spreadsheet_would_run_is_an_error_in_its_column(self, value):
        checked = row(position=value)
        check_formulas(checked)
        assert problems(checked) == [("position", True)]

    @pytest.mark.parametrize("value", ["+41 22 123 45 67", "-5", "(0)1 23", "Officer"])
    def test_phone_numbers_and_plain_text_pass(self, value):
        checked = row(position=value)
        check_formulas(checked)
        assert checked.problems == []


def test_the_family_name_is_required():
    checked = row(family_name="")
    check_family_name(checked)
    assert problems(checked) == [("family_name", True)]


class TestCountry:
    @pytest.mark.parametrize("text", ["CN", "cn", "China", "china"])
    def test_an_iso_code_or_english_name_gives_the_code(self, event, text):
        checked = row(country=text)
        assert check_country(checked, directory_for(event, checked)) == "CN"
        assert checked.problems == []

    @pytest.mark.parametrize("text", ["", "Atlantis"])
    def test_a_missing_or_unknown_country_is_an_error(self, event, text):
        checked = row(country=text)
        assert check_country(checked, directory_for(event, checked)) is None
        assert problems(checked) == [("country", True)]


class TestEmail:
    def test_an_address_is_returned_as_written(self):
        assert check_email(row(email="Wang.Wei@Customs.example.cn")) == "Wang.Wei@Customs.example.cn"

    def test_no_address_is_fine(self):
        checked = row()
        assert check_email(checked) == "" and checked.problems == []

    def test_a_malformed_address_is_an_error(self):
        checked = row(email="wang.wei@")
        check_email(checked)
        assert problems(checked) == [("email", True)]


class TestGender:
    @pytest.mark.parametrize("text,gender", [
        ("Female", Gender.FEMALE), ("ж", Gender.FEMALE), ("homme", Gender.MALE), ("男", Gender.MALE),
        ("x", Gender.ANOTHER), ("", Gender.NOT_RECORDED), ("prefer not to say", Gender.NOT_RECORDED),
    ])
    def test_words_in_the_programme_languages_are_understood(self, text, gender):
        checked = row(gender=text)
        assert check_gender(checked) == gender and checked.problems == []

    def test_another_word_is_an_error(self):
        checked = row(gender="robot")
        assert check_gender(checked) is None
        assert problems(checked) == [("gender", True)]


class TestLanguage:
    @pytest.mark.parametrize("text", ["fr", "French", "FRENCH"])
    def test_a_code_or_english_name_gives_the_code(self, text):
        checked = row(preferred_language=text)
        assert check_language(checked) == "fr" and checked.problems == []

    def test_an_unknown_language_only_warns(self):
        checked = row(preferred_language="Klingon")
        assert check_language(checked) is None
        assert problems(checked) == [("preferred_language", False)]


class TestOrganisation:
    def test_the_organisation_of_that_name_in_the_rows_country_is_preferred(self, event):
        OrganisationFactory(name="Customs Service", short_name="CS", country_id="TH")
        chinese = OrganisationFactory(name="Customs Service", short_name="CS", country_id="CN")
        checked = row(organisation="customs service")
        assert check_organisation(checked, directory_for(event, checked), "CN") == chinese.pk

    def test_an_unknown_organisation_only_warns(self, event):
        checked = row(organisation="Ministry of Magic")
        assert check_organisation(checked, directory_for(event, checked), "CN") is None
        assert problems(checked) == [("organisation", False)]

    def test_no_organisation_is_fine(self, event):
        checked = row()
        assert check_organisation(checked, directory_for(event, checked), "CN") is None
        assert checked.problems == []


class TestListedTwice:
    def test_the_same_email_twice_names_the_first_row(self):
        seen = SeenRows()
        assert not seen.already_listed(row(1), email_key="a@x.org", name_key="ana silva|CN")
        second = row(2, given_name="Bo", family_name="Li")
        assert seen.already_listed(second, email_key="a@x.org", name_key="bo li|CN")
        assert problems(second) == [("email", True)] and "row 1" in second.problems[0].message

    def test_the_same_name_and_country_twice_without_emails_is_a_repeat(self):
        seen = SeenRows()
        assert not seen.already_listed(row(1), email_key="", name_key="ana silva|CN")
        second = row(2)
        assert seen.already_listed(second, email_key="", name_key="ana silva|CN")
        assert problems(second) == [("family_name", True)]

    def test_the_same_name_with_an_email_only_on_the_second_row_is_a_repeat(self):
        seen = SeenRows()
        seen.already_listed(row(1), email_key="", name_key="ana silva|CN")
        assert seen.already_listed(row(2), email_key="a@x.org", name_key="ana silva|CN")

    def test_the_same_name_with_two_different_emails_is_two_people(self):
        seen = SeenRows()
        seen.already_listed(row(1), email_key="a@x.org", name_key="ana silva|CN")
        assert not seen.already_listed(row(2), email_key="b@x.org", name_key="ana silva|CN")


class TestKnownPerson:
    def match(self, event, import_row: ImportRow, email: str = "") -> Person | None:
        directory = directory_for(event, import_row)
        name_key = f"{fold_for_search(import_row.values['given_name'], import_row.values['family_name'])}|CN"
        return match_known_person(import_row, directory, email_key=email.lower(), name_key=name_key)

    def test_found_by_email_in_any_case(self, event):
        known = PersonFactory(family_name="Wang", email="Wang.Wei@Customs.cn", country_id="TH")
        import_row = row(given_name="W.", family_name="Wang", email="wang.wei@customs.cn", country="CN")
        assert self.match(event, import_row, "wang.wei@customs.cn") == known

    def test_found_by_name_and_country_when_the_row_has_no_email(self, event):
        known = PersonFactory(given_name="Ana", family_name="Silva", email="ana@x.org", country_id="CN")
        assert self.match(event, row(country="CN")) == known

    def test_a_known_person_with_another_email_is_not_the_same(self, event):
        PersonFactory(given_name="Ana", family_name="Silva", email="ana@x.org", country_id="CN")
        assert self.match(event, row(country="CN", email="other@x.org"), "other@x.org") is None

    def test_two_known_people_of_that_name_are_an_error_asking_for_the_email(self, event):
        PersonFactory.create_batch(2, given_name="Ana", family_name="Silva", email=None, country_id="CN")
        import_row = row(country="CN")
        assert self.match(event, import_row) is None
        assert problems(import_row) == [("family_name", True)]
        assert "e-mail" in import_row.problems[0].message


def test_a_known_person_is_enrolled_unless_already_enrolled_or_withdrawn(event):
    enrolled = PersonFactory(given_name="Ana", family_name="Silva", email="ana@x.org", country_id="CN")
    withdrawn = PersonFactory(given_name="Bo", family_name="Li", email="bo@x.org", country_id="CN")
    Enrolment.objects.create(event=event, person=enrolled)
    Enrolment.objects.create(event=event, person=withdrawn, status=Enrolment.Status.WITHDRAWN)
    PersonFactory(given_name="Cy", family_name="Ma", email="cy@x.org", country_id="CN")
    data = "\n".join([
        "Given name,Family name,Country,E-mail",
        "Ana,Silva,CN,ana@x.org",
        "Bo,Li,CN,bo@x.org",
        "Cy,Ma,CN,cy@x.org",
    ])
    report = validate_import(event=event, data=data.encode(), filename="list.csv")
    assert [r.action for r in report.rows] == [RowAction.ALREADY, RowAction.WITHDRAWN, RowAction.ENROL]
    assert not report.has_errors and len(report.warnings) == 3
