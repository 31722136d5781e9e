"""A person can get everything held on them, and be erased without breaking the figures."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from courses.models import Attendance, TrainerAssignment
from courses.tests.factories import EnrolmentFactory, TrainingEventFactory
from people.errors import DomainError
from people.models import Gender, Person
from people.privacy import erase_person, people_past_retention, person_export
from people.tests.factories import PersonFactory


@pytest.fixture
def participant(db):
    person = PersonFactory(
        given_name="Дмитрий", family_name="Иванов", latin_name="Dmitry Ivanov",
        email="d.ivanov@customs.example", position="Chief inspector", gender=Gender.MALE,
    )
    event = TrainingEventFactory(title="China National Training", with_days=True)
    enrolment = EnrolmentFactory(event=event, person=person)
    for day in event.days.all()[:2]:
        Attendance.objects.create(enrolment=enrolment, day=day, status="present")
    TrainerAssignment.objects.create(
        event=TrainingEventFactory(title="Regional workshop", start_date=datetime.date(2022, 3, 7)),
        person=person, role=TrainerAssignment.Role.CO_TRAINER,
    )
    person.position = "Head of unit"
    person.save()
    return person


def test_the_export_holds_the_person_their_enrolments_attendance_assignments_and_history(participant):
    with translation.override("en"):
        export = person_export(participant)
    assert export["person"]["family_name"] == "Иванов"
    assert export["person"]["country_text"] == "Belgium"
    enrolments = export["related"]["enrolments"]["rows"]
    assert len(enrolments) == 1
    assert "China National Training" in enrolments[0]["text"]
    assert len(enrolments[0]["attendance"]) == 2
    assert "Regional workshop" in export["related"]["assignments"]["rows"][0]["text"]
    assert [h["type"] for h in export["history"]] == ["Created", "Changed"]
    assert export["history"][1]["changes"]["position"] == ["Chief inspector", "Head of unit"]


def test_the_export_covers_every_reverse_relation_of_person(participant):
    """Models added later (certificates, expert profiles) are exported without code changes."""
    accessors = {rel.get_accessor_name() for rel in Person._meta.related_objects if not rel.hidden}
    assert set(person_export(participant)["related"]) == accessors


def test_a_coordinator_downloads_the_export_as_json(coordinator_client, participant):
    response = coordinator_client.get(reverse("people:person-export-json", args=[participant.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="person-{participant.pk}.json"'
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    data = json.loads(response.getvalue())
    assert data["person"]["email"] == "d.ivanov@customs.example"


def test_a_coordinator_downloads_the_export_as_a_readable_pdf(coordinator_client, participant):
    response = coordinator_client.get(reverse("people:person-export-pdf", args=[participant.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.getvalue())).pages)
    assert "Дмитрий Иванов" in text
    assert "China National Training" in text
    assert "Regional workshop" in text
    assert "Chief inspector → Head of unit" in text


def test_erasure_anonymises_the_person_and_keeps_gender_country_and_records(participant, administrator):
    erase_person(person=participant, reason="Request of 3 March, DP-2026-014", erased_by=administrator)
    person = Person.objects.get(pk=participant.pk)
    assert person.is_erased
    assert person.full_name == f"Erased person #{person.pk}"
    assert (person.given_name, person.latin_name, person.position, person.email) == ("", "", "", None)
    assert (person.gender, person.country_id) == (Gender.MALE, "BE")
    assert person.enrolments.count() == 1
    assert Attendance.objects.filter(enrolment__person=person).count() == 2
    assert not Person.objects.search("Иванов").exists()


def test_erasure_scrubs_the_history_and_records_who_why_and_when(participant, administrator):
    erase_person(person=participant, reason="Request of 3 March", erased_by=administrator)
    history = participant.history.all()
    assert history.count() == 3
    for record in history:
        assert "Иванов" not in record.family_name and record.given_name == ""
        assert record.email is None and record.position == "" and record.latin_name == ""
    erasure = history.first()
    assert erasure.history_user == administrator
    assert erasure.history_change_reason == "Erased on request: Request of 3 March"
    assert erasure.erased_at is not None


def test_erasing_twice_is_refused(participant, administrator):
    erase_person(person=participant, reason="Request", erased_by=administrator)
    with pytest.raises(DomainError):
        erase_person(person=participant, reason="Request", erased_by=administrator)


def test_an_administrator_erases_after_a_confirmation_page(administrator_client, participant):
    url = reverse("people:person-erase", args=[participant.pk])
    page = administrator_client.get(url)
    assert "cannot be undone" in page.content.decode()
    assert Person.objects.get(pk=participant.pk).erased_at is None  # GET changes nothing

    unconfirmed = administrator_client.post(url, {"reason": "Request of 3 March"})
    assert unconfirmed.status_code == 200
    assert Person.objects.get(pk=participant.pk).erased_at is None

    done = administrator_client.post(url, {"reason": "Request of 3 March", "confirm": "on"}, follow=True)
    assert "data was erased" in done.content.decode()
    assert Person.objects.get(pk=participant.pk).is_erased
    # A second submit finds nothing left to erase.
    assert administrator_client.post(url, {"reason": "again", "confirm": "on"}).status_code == 404


def test_erased_people_leave_the_directory_but_count_in_figures(
    administrator_client, participant, administrator
):
    erase_person(person=participant, reason="Request", erased_by=administrator)
    html = administrator_client.get(reverse("people:person-list")).content.decode()
    assert "Иванов" not in html
    assert Person.objects.filter(gender=Gender.MALE, country="BE").count() == 1


def test_people_without_activity_past_the_retention_period_are_listed(db, settings, capsys):
    settings.STCE_RETENTION_YEARS = 10
    now = timezone.now()
    old = PersonFactory(family_name="Longgone")
    recently_trained = PersonFactory(family_name="Recent")
    EnrolmentFactory(person=recently_trained, event=TrainingEventFactory(start_date=datetime.date.today()))
    recently_edited = PersonFactory(family_name="Edited")
    erased = PersonFactory(family_name="Erased", erased_at=now)
    eleven_years_ago = now - datetime.timedelta(days=11 * 366)
    Person.objects.filter(pk__in=[old.pk, recently_trained.pk, erased.pk]).update(updated_at=eleven_years_ago)
    Person.objects.filter(pk=recently_edited.pk).update(updated_at=now - datetime.timedelta(days=365))

    assert list(people_past_retention()) == [old]

    call_command("list_retention_due")
    out = capsys.readouterr().out
    assert f"#{old.pk}" in out and "Longgone" not in out  # ids, not names, in the output
    assert "1 person" in out

    settings.STCE_RETENTION_YEARS = 12
    assert not people_past_retention().exists()


def test_erasing_a_person_with_a_sign_in_account_closes_the_account(trainer, administrator):
    person = trainer.person
    erase_person(person=person, reason="Request", erased_by=administrator)
    trainer.refresh_from_db()
    assert trainer.username == f"erased-{trainer.pk}"
    assert (trainer.first_name, trainer.last_name, trainer.email) == ("", "", "")
    assert not trainer.is_active and not trainer.has_usable_password()


def test_other_apps_are_told_of_an_erasure_inside_its_transaction(participant, administrator):
    from people.privacy import person_erased

    seen = []

    def scrub_copies(sender, person, erased_by, **kwargs):
        seen.append((person.pk, person.full_name, erased_by))

    def refuse(sender, person, **kwargs):
        raise RuntimeError("could not scrub a copy")

    person_erased.connect(scrub_copies)
    try:
        erase_person(person=participant, reason="Request", erased_by=administrator)
    finally:
        person_erased.disconnect(scrub_copies)
    assert seen == [(participant.pk, f"Erased person #{participant.pk}", administrator)]

    other = PersonFactory(family_name="Keeps")
    person_erased.connect(refuse)
    try:
        with pytest.raises(RuntimeError):
            erase_person(person=other, reason="Request", erased_by=administrator)
    finally:
        person_erased.disconnect(refuse)
    assert Person.objects.get(pk=other.pk).family_name == "Keeps"  # nothing half-erased


def test_names_typed_in_free_text_are_replaced_whole_words_only():
    from people.privacy import REDACTED, former_name_pattern

    pattern = former_name_pattern(
        {"given_name": "Ann Li", "family_name": "Ортега", "latin_name": "", "email": "ann@x.example"}
    )
    assert pattern.sub(REDACTED, "ANN LI was late; ортега too") == f"{REDACTED} was late; {REDACTED} too"
    assert pattern.sub(REDACTED, "Annual report, Lima office") == "Annual report, Lima office"
    assert pattern.sub(REDACTED, "wrote to ann@x.example") == f"wrote to {REDACTED}"
    assert former_name_pattern({"given_name": "", "email": ""}) is None


def test_an_apps_section_and_files_appear_in_the_pdf(participant, monkeypatch):
    """What an app registers (people.privacy.register_export) with a title is a section of the
    PDF, in place of the related rows of the same name; its files are attached to the PDF."""
    from people import privacy
    from people.privacy_pdf import person_export_pdf

    monkeypatch.setattr(privacy, "_export_hooks", dict(privacy._export_hooks))
    monkeypatch.setattr(privacy, "_export_titles", dict(privacy._export_titles))
    monkeypatch.setattr(privacy, "_export_files", list(privacy._export_files))
    rows = [
        {"id": 7, "text": "Held elsewhere", "kept_since": datetime.date(2024, 5, 1), "notes": ["one", "two"]}
    ]
    privacy.register_export("enrolments", lambda person: rows, title="Extra records",
                            files=lambda person: [("extra.txt", b"held on file")])
    data = person_export_pdf(person_export(participant), files=privacy.person_export_files(participant))
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Extra records" in text and "Held elsewhere" in text and "2024-05-01" in text and "• two" in text
    assert "China National Training" not in text  # the related rows of that name gave way
    attached = {name: content[0] for name, content in reader.attachments.items()}
    assert attached == {"extra.txt": b"held on file"}
