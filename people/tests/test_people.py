import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from people.forms.people import PersonForm
from people.models import Person
from people.tests.factories import CountryFactory, PersonFactory


@pytest.mark.django_db
class TestEmailUniqueness:
    def test_same_email_in_another_case_is_refused_by_the_database(self):
        PersonFactory(email="Ana.Silva@Customs.example")
        with pytest.raises(IntegrityError), transaction.atomic():
            PersonFactory(email="ana.silva@customs.example")

    def test_people_without_email_do_not_clash(self):
        PersonFactory(email=None)
        PersonFactory(email="")
        PersonFactory(email="   ")
        assert Person.objects.filter(email__isnull=True).count() == 3

    def test_form_names_the_person_who_already_has_the_email(self):
        existing = PersonFactory(email="dmitry@example.org", given_name="Дмитрий", family_name="Иванов")
        form = PersonForm(data={
            "family_name": "Petrov", "gender": "male", "email": "DMITRY@example.org",
            "preferred_language": "en",
        })
        assert not form.is_valid()
        assert existing.full_name in form.errors["email"][0]

    def test_form_lets_a_person_keep_their_own_email(self):
        person = PersonFactory(email="keep@example.org", family_name="Keep")
        form = PersonForm(instance=person, data={
            "family_name": "Keep", "gender": "female", "email": "Keep@example.org",
            "preferred_language": "fr",
        })
        assert form.is_valid(), form.errors


@pytest.mark.django_db
class TestSearchInAnyScript:
    @pytest.fixture(autouse=True)
    def people(self):
        CountryFactory()
        PersonFactory(given_name="Дмитрий", family_name="Иванов", latin_name="Dmitry Ivanov")
        PersonFactory(given_name="秀英", family_name="李", latin_name="Li Xiuying")
        PersonFactory(given_name="José", family_name="Núñez")

    @pytest.mark.parametrize("query,expected", [
        ("дмитрий", "Иванов"),
        ("ИВАНОВ", "Иванов"),
        ("ivanov", "Иванов"),
        ("秀英", "李"),
        ("xiuying", "李"),
        ("nunez", "Núñez"),
        ("JOSÉ", "Núñez"),
    ])
    def test_finds_a_person_by_any_part_of_any_name(self, query, expected):
        assert [p.family_name for p in Person.objects.search(query)] == [expected]

    def test_directory_search_page_lists_matches_only(self, coordinator_client):
        response = coordinator_client.get(reverse("people:person-list"), {"q": "иванов"})
        assert response.status_code == 200
        content = response.content.decode()
        assert "Иванов" in content and "Núñez" not in content

    def test_directory_shows_an_empty_state(self, coordinator_client):
        response = coordinator_client.get(reverse("people:person-list"), {"q": "nobody-by-this-name"})
        assert "Nobody matches your search." in response.content.decode()

    def test_directory_runs_a_fixed_number_of_queries(
        self, coordinator_client, django_assert_max_num_queries
    ):
        for i in range(30):
            PersonFactory(family_name=f"Extra{i}")
        with django_assert_max_num_queries(8):
            coordinator_client.get(reverse("people:person-list"))


@pytest.mark.django_db
def test_coordinator_adds_a_person_and_history_records_who(coordinator_client, coordinator):
    response = coordinator_client.post(reverse("people:person-create"), {
        "given_name": "Айгерим", "family_name": "Касымова", "latin_name": "Aigerim Kassymova",
        "gender": "female", "preferred_language": "ru", "email": "aigerim@example.org",
    })
    person = Person.objects.get(email="aigerim@example.org")
    assert response.status_code == 302 and response["Location"] == person.get_absolute_url()
    assert person.history.first().history_user == coordinator


@pytest.mark.django_db
def test_names_are_stored_in_nfc(coordinator_client):
    decomposed = "Jose\u0301"
    coordinator_client.post(reverse("people:person-create"), {
        "given_name": decomposed, "family_name": "Pérez", "gender": "male", "preferred_language": "es",
    })
    assert Person.objects.get(family_name="Pérez").given_name == "José"


@pytest.mark.parametrize("given,family,expected", [
    ("伟", "王", "王伟"),
    ("민준", "김", "김민준"),
    ("José", "Núñez Peña", "José Núñez Peña"),
    ("Дмитрий", "Иванов", "Дмитрий Иванов"),
    ("", "Haddad", "Haddad"),
])
def test_names_are_written_in_their_owners_order(given, family, expected):
    from people.models import Person

    assert Person(given_name=given, family_name=family).full_name == expected


@pytest.mark.django_db
def test_the_next_page_link_keeps_the_search_and_the_sort(coordinator_client):
    for i in range(60):
        PersonFactory(family_name=f"Silva{i:02d}")
    response = coordinator_client.get(
        reverse("people:person-list"), {"q": "silva", "sort": "-name", "page": 1}
    )
    content = response.content.decode()
    assert "?q=silva&amp;sort=-name&amp;page=2" in content
    second = coordinator_client.get(reverse("people:person-list"), {"q": "silva", "sort": "-name", "page": 2})
    assert [p.family_name for p in second.context["page_obj"]] == ["Silva09", "Silva08", "Silva07", "Silva06",
                                                                  "Silva05", "Silva04", "Silva03", "Silva02",
                                                                  "Silva01", "Silva00"]
