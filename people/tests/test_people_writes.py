"""Writing people and reference data through services and the admin: what another record or
another request is in the way of is refused with a message, never a 500."""

from unittest import mock

import pytest
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone

from people.errors import DomainError, protecting_records
from people.forms.people import PersonForm
from people.models import Country, Organisation, Person, Region
from people.services.fields import save_fields
from people.services.people import create_person, update_person
from people.tests.factories import CountryFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def taken_after_validation(other_request):
    """The form's own checks pass, then another request saves the same address before ours."""
    validate = PersonForm._post_clean

    def validated_then_taken(form):
        validate(form)
        other_request()

    return mock.patch.object(PersonForm, "_post_clean", validated_then_taken)


@pytest.fixture
def root_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "pw"))
    return client


class TestEmailTakenMeanwhile:
    """The form checks the address; the database is the last word when two requests race."""

    def test_adding_a_person_gets_a_form_error(self, coordinator_client):
        with taken_after_validation(lambda: PersonFactory(
            given_name="Ana", family_name="Silva", email="Ana.Silva@customs.example"
        )):
            response = coordinator_client.post(reverse("people:person-create"), {
                "given_name": "Ana", "family_name": "Silva-Costa", "gender": "female",
                "preferred_language": "en", "email": "ana.silva@CUSTOMS.example",
            })
        assert response.status_code == 200
        assert response.context["form"].errors["email"] == [
            "Another person already has this e-mail address: Ana Silva."
        ]
        assert not Person.objects.filter(family_name="Silva-Costa").exists()

    def test_editing_a_person_gets_a_form_error_and_keeps_the_record(self, coordinator_client):
        person = PersonFactory(family_name="Costa", email="costa@example.org")
        with taken_after_validation(lambda: PersonFactory(
            given_name="Ana", family_name="Silva", email="NEW@example.org"
        )):
            response = coordinator_client.post(reverse("people:person-edit", args=[person.pk]), {
                "family_name": "Costa", "gender": "female", "preferred_language": "en",
                "email": "new@EXAMPLE.org",
            })
        assert response.status_code == 200
        assert "Another person already has this e-mail address: Ana Silva." in response.content.decode()
        person.refresh_from_db()
        assert person.email == "costa@example.org"

    def test_the_service_refuses_a_clash_in_another_case(self):
        PersonFactory(given_name="Ana", family_name="Silva", email="Ana.Silva@customs.example")
        with pytest.raises(DomainError) as refusal:
            create_person(values={"family_name": "Other", "email": "ANA.SILVA@customs.example"})
        assert (refusal.value.field, refusal.value.code) == ("email", "duplicate_email")


class TestServices:
    def test_a_person_is_saved_with_the_models_own_normalisation_and_who_did_it(self, coordinator):
        person = create_person(values={"given_name": "Jose\u0301", "family_name": " Pérez "}, by=coordinator)
        assert (person.given_name, person.family_name) == ("José", "Pérez")
        assert person.history.get().history_user == coordinator

    def test_an_erased_person_cannot_be_edited(self):
        person = PersonFactory()
        Person.objects.filter(pk=person.pk).update(erased_at=timezone.now())
        with pytest.raises(DomainError, match="erased"):
            update_person(person=person, values={"family_name": "Back"})

    def test_a_misspelt_field_fails_loudly(self):
        with pytest.raises(Exception, match="familyname"):
            save_fields(Person(), {"familyname": "Typo"})


class TestNamingWhatProtects:
    def test_the_records_are_named_with_their_kind_and_their_area(self):
        country = CountryFactory(code="KZ", name="Kazakhstan")
        PersonFactory(given_name="Aigerim", family_name="Kassymova", country=country)
        with pytest.raises(ProtectedError) as error:
            country.delete()
        assert protecting_records(error.value) == (
            "person “Aigerim Kassymova” (People and reference data)"
        )

    def test_beyond_three_the_rest_are_counted(self):
        country = CountryFactory(code="KZ", name="Kazakhstan")
        for name in ("A", "B", "C", "D", "E"):
            PersonFactory(family_name=name, given_name="", country=country)
        with pytest.raises(ProtectedError) as error:
            country.delete()
        assert protecting_records(error.value) == (
            "person “A” (People and reference data); person “B” (People and reference data); "
            "person “C” (People and reference data); 2 other records"
        )


class TestAdminRefusals:
    """The back office shows what protects a record instead of deleting it or failing."""

    @pytest.mark.parametrize("model,make", [
        (Country, lambda: PersonFactory().country),
        (Organisation, lambda: PersonFactory(organisation=OrganisationFactory()).organisation),
        (Region, lambda: CountryFactory().region),
    ], ids=["country", "organisation", "region"])
    def test_deleting_reference_data_in_use_is_refused(self, root_client, model, make):
        obj = make()
        url = reverse(f"admin:people_{model._meta.model_name}_delete", args=[obj.pk])
        response = root_client.post(url, {"post": "yes"})
        assert response.status_code == 200
        assert "would require deleting the following protected related objects" in response.content.decode()
        bulk = root_client.post(
            reverse(f"admin:people_{model._meta.model_name}_changelist"),
            {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"},
        )
        assert bulk.status_code == 200 and "protected related objects" in bulk.content.decode()
        assert model.objects.filter(pk=obj.pk).exists()

    def test_an_email_in_another_case_is_a_form_error_in_the_admin(self, root_client):
        taken = PersonFactory(email="Ana.Silva@customs.example")
        other = PersonFactory(family_name="Costa", email="costa@example.org")
        response = root_client.post(reverse("admin:people_person_change", args=[other.pk]), {
            "family_name": "Costa", "gender": "female", "preferred_language": "en",
            "email": "ana.silva@CUSTOMS.example", "country": other.country_id,
        })
        assert response.status_code == 200
        assert response.context["adminform"].form.errors["email"] == [
            f"Another person already has this e-mail address: {taken.full_name}."
        ]
        other.refresh_from_db()
        assert other.email == "costa@example.org"
