import pytest
from django.urls import reverse

from courses.models import AgendaItem, Attendance, Enrolment, EventDay, PersonMerge, TrainerAssignment
from courses.services.people_merge import merge_people
from courses.tests.factories import EnrolmentFactory, ModuleFactory, TrainingEventFactory
from people.errors import DomainError
from people.models import Gender, Person
from people.tests.factories import PersonFactory


@pytest.fixture
def twins(db):
    keep = PersonFactory(
        given_name="Wei",
        family_name="Wang",
        email="wang.wei@customs.example.cn",
        gender=Gender.NOT_RECORDED,
        position="",
    )
    remove = PersonFactory(
        given_name="Wei", family_name="WANG", email=None, gender=Gender.MALE, position="Risk analyst"
    )
    return keep, remove


class TestMerge:
    def test_enrolments_assignments_and_agenda_slots_move_to_the_kept_record(self, twins, coordinator):
        keep, remove = twins
        training = TrainingEventFactory()
        EnrolmentFactory(event=training, person=remove)
        workshop = TrainingEventFactory()
        TrainerAssignment.objects.create(event=workshop, person=remove)
        day = EventDay.objects.create(event=workshop, date=workshop.start_date)
        item = AgendaItem.objects.create(day=day, module=ModuleFactory())
        item.speakers.add(remove)

        record = merge_people(keep=keep, remove=remove, reason="Imported twice", by=coordinator)

        assert not Person.objects.filter(pk=remove.pk).exists()
        assert Enrolment.objects.get(event=training).person == keep
        assert TrainerAssignment.objects.get(event=workshop).person == keep
        assert list(item.speakers.all()) == [keep]
        assert record.kept == keep and record.removed_person_id == remove.pk
        assert record.merged_by == coordinator and record.reason == "Imported twice"
        assert record.removed_snapshot["family_name"] == "WANG"

    def test_history_moves_and_blank_fields_are_filled(self, twins):
        keep, remove = twins
        merge_people(keep=keep, remove=remove)
        keep.refresh_from_db()
        assert keep.gender == Gender.MALE and keep.position == "Risk analyst"
        assert keep.email == "wang.wei@customs.example.cn"
        assert keep.history.filter(family_name="WANG").exists()  # the removed record's history

    def test_both_on_the_same_event_leaves_one_enrolment_with_all_attendance(self, twins):
        keep, remove = twins
        event = TrainingEventFactory(with_days=True)
        first, second = event.days.order_by("date")[:2]
        kept_enrolment = EnrolmentFactory(event=event, person=keep)
        removed_enrolment = EnrolmentFactory(event=event, person=remove)
        Attendance.objects.create(enrolment=kept_enrolment, day=first, status="present")
        Attendance.objects.create(enrolment=removed_enrolment, day=first, status="absent")
        Attendance.objects.create(enrolment=removed_enrolment, day=second, status="late")
        merge_people(keep=keep, remove=remove)
        enrolment = Enrolment.objects.get(event=event)
        assert dict(enrolment.attendance.values_list("day__date", "status")) == {
            first.date: "present",
            second.date: "late",
        }

    def test_a_record_cannot_be_merged_with_itself(self, twins):
        keep, _remove = twins
        with pytest.raises(DomainError):
            merge_people(keep=keep, remove=keep)
        assert not PersonMerge.objects.exists()


class TestScreens:
    def test_person_page_lists_trainings_roles_and_merges(self, coordinator_client, twins):
        keep, remove = twins
        EnrolmentFactory(event=TrainingEventFactory(title="China national training"), person=keep)
        TrainerAssignment.objects.create(event=TrainingEventFactory(title="Kenya workshop"), person=keep)
        merge_people(keep=keep, remove=remove, reason="Duplicate from import")
        page = coordinator_client.get(keep.get_absolute_url()).content.decode()
        assert "China national training" in page and "Kenya workshop" in page
        assert "Duplicate from import" in page

    def test_merge_is_confirmed_then_posted(self, coordinator_client, twins):
        keep, remove = twins
        url = reverse("courses:person-merge", args=[keep.pk])
        response = coordinator_client.get(url, {"other": remove.pk})
        assert response.status_code == 200 and Person.objects.filter(pk=remove.pk).exists()
        response = coordinator_client.post(url, {"other": remove.pk, "reason": "same official"})
        assert response.status_code == 302 and not Person.objects.filter(pk=remove.pk).exists()
        # A double submit finds the duplicate gone and changes nothing.
        response = coordinator_client.post(url, {"other": remove.pk, "reason": "same official"})
        assert response.status_code == 200 and PersonMerge.objects.count() == 1


def test_the_directory_finds_people_by_country_or_organisation(coordinator_client, db):
    from people.tests.factories import CountryFactory, OrganisationFactory

    china = CountryFactory(code="CN", name="China")
    gacc = OrganisationFactory(name="General Administration of Customs", short_name="GACC", country=china)
    wang = PersonFactory(family_name="Wang", country=china, organisation=gacc)
    PersonFactory(family_name="Dupont")
    assert list(Person.objects.search("china")) == [wang]
    assert list(Person.objects.search("gacc wang")) == [wang]
    response = coordinator_client.get(reverse("people:person-list"), {"q": "GACC"})
    assert [p.family_name for p in response.context["page_obj"]] == ["Wang"]
