"""Erasure is complete: after it, no text column of any table (history tables included) and
no stored file holds the person's names or e-mail address, except what the README says is kept.

The person is given everything the application can hold on someone, through the same views
and services users go through: an import that created them, attendance, certificates
(issued, revoked, reissued, rendered, merged into a batch, e-mailed), an expert profile,
history rows, e-mails and task rows, a sign-in account, a merged duplicate, back-office log
entries and a previewed import. Then every text column of every model (auto-created and
history models included), every file kept in the database, every file of the media storage
and of the pending-imports storage is searched for each name, each word of it and the e-mail
address. The README (Security and privacy) says what is kept: gender and country, and the
rows about the person without their names; none of that is a name, so nothing may be found.
"""

import dataclasses
import io
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.files.storage import storages
from django.db import models
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from accreditation.models import Evidence, EvidenceKind
from accreditation.tests.factories import ExpertFactory
from background.services.jobs import add_note, start_job
from certificates.delivery import _draft as delivery_draft
from certificates.delivery import send_certificate
from certificates.issuing import issue_certificate, reissue_certificate, revoke_certificate
from certificates.models import Certificate
from certificates.tests.certificate_helpers import enrol, event_with_days, pdf_text
from courses.models import Attendance
from courses.services.people_merge import merge_people
from mailing.services.outbox import queue_messages
from people.models import Person
from people.tests.factories import CountryFactory, PersonFactory, RegionFactory, UserFactory

GIVEN, FAMILY, LATIN = "Zyxwella Дарьяна", "Qorvandiuk", "Zyxwella Qorvandiuk"
EMAIL = "zq.sweep@customs.example"
POSITION = "Vexlundian inspector"
# Each word on its own: a column holding only the family name, or the name in another order,
# is found too.
NEEDLES = ["Zyxwella", "Дарьяна", "Qorvandiuk", EMAIL, "zq.sweep", "Vexlundian"]

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField, models.EmailField)


def text_columns():
    for model in apps.get_models(include_auto_created=True):
        fields = [f for f in model._meta.concrete_fields if isinstance(f, TEXT_FIELDS)]
        if fields:
            yield model, fields


def database_hits() -> list[str]:
    hits = []
    for model, fields in text_columns():
        for field in fields:
            for needle in NEEDLES:
                # JSON columns are searched as their text, so keys and nested values count too.
                lookup = f"{field.name}__icontains"
                queryset = model._default_manager.all()
                if isinstance(field, models.JSONField):
                    from django.db.models.functions import Cast

                    queryset = queryset.annotate(_text=Cast(field.name, models.TextField()))
                    lookup = "_text__icontains"
                for pk in queryset.filter(**{lookup: needle}).values_list("pk", flat=True):
                    hits.append(f"{model._meta.label}.{field.name} #{pk}: {needle}")
    return hits


def binary_hits() -> list[str]:
    """Files kept in the database (e-mail attachments) are read like stored files."""
    hits = []
    for model in apps.get_models(include_auto_created=True):
        for field in [f for f in model._meta.concrete_fields if isinstance(f, models.BinaryField)]:
            for pk, data in model._default_manager.values_list("pk", field.attname):
                text = content_text(bytes(data or b"")).lower()
                hits += [f"{model._meta.label}.{field.name} #{pk}: {n}" for n in NEEDLES if n.lower() in text]
    return hits


def content_text(data: bytes, suffix: str = "") -> str:
    if data.startswith(b"%PDF"):
        # Text as a reader sees it (fonts subset, text shaped), not the raw bytes.
        return pdf_text(data)
    if data.startswith(b"PK") and suffix == ".xlsx":
        book = load_workbook(io.BytesIO(data), read_only=True)
        return "\n".join(
            str(cell)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
        )
    for encoding in ("utf-8", "utf-16"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def file_hits(root: Path) -> list[str]:
    hits = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        text = content_text(path.read_bytes(), path.suffix).lower()
        hits += [f"{path.relative_to(root)}: {n}" for n in NEEDLES if n.lower() in text]
    return hits


def import_csv() -> bytes:
    return (
        "Given name,Family name,Latin name,Gender,Country,Position,E-mail\n"
        f"{GIVEN},{FAMILY},{LATIN},F,BE,{POSITION},{EMAIL}\n"
    ).encode()


def upload(client, event, name="list.csv"):
    file = io.BytesIO(import_csv())
    file.name = name
    return client.post(reverse("courses:participant-import", args=[event.pk]), {"file": file})


@pytest.fixture
def everything(coordinator_client, coordinator, run_tasks, settings):
    """A person with every kind of record, returned with the events they took part in."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    CountryFactory(code="BE", name="Belgium", region=RegionFactory(code="EU", name="Europe"))
    event = event_with_days(title="National training on STCE", capacity=None)
    preview = upload(coordinator_client, event)
    assert preview.context["report"] is not None and not preview.context["report"].has_errors
    coordinator_client.post(
        reverse("courses:participant-import-commit", args=[event.pk]), {"token": preview.context["token"]}
    )
    person = Person.objects.get(family_name=FAMILY)
    # A duplicate record of them, merged into this one (its history moves, a copy is kept).
    duplicate = PersonFactory(given_name=GIVEN, family_name=FAMILY, email="zq.sweep.old@customs.example")
    merge_people(keep=person, remove=duplicate, reason=f"Two records of {LATIN}", by=coordinator)
    enrolment = person.enrolments.get()
    enrolment.delete()  # attendance for every day comes with a fresh enrolment below
    enrol(event, person)

    first = issue_certificate(kind=Certificate.Kind.COMPLETION, holder=person, event=event, by=coordinator)
    certificate = reissue_certificate(certificate=first, by=coordinator)
    second = event_with_days(title="Second training")
    enrol(second, person, attended_days=1)
    other = issue_certificate(
        kind=Certificate.Kind.PARTICIPATION, holder=person, event=second, by=coordinator
    )
    revoke_certificate(certificate=other, reason=f"{FAMILY} was absent on day 2", by=coordinator)
    # Staff type names into free text too; it is saved with its history.
    remark = Attendance.objects.filter(enrolment__person=person).first()
    remark.remark = "Дарьяна left at noon"
    remark.save()
    for url in (
        reverse("certificates:certificate-pdf", args=[certificate.pk]),
        reverse("certificates:certificate-event-pdf", args=[event.pk]),
    ):
        assert coordinator_client.get(url).status_code == 200  # rendered and kept in storage
    send_certificate(certificate=certificate, by=coordinator)
    # Texts about the person that no foreign key ties to them: a copy of their certificate
    # e-mail to the Secretariat, and a job whose title and note name them.
    copy = dataclasses.replace(
        delivery_draft(certificate, number=9), to="registry@wco.example", person_id=None, dedupe_key="copy-1"
    )
    queue_messages(drafts=[copy], by=coordinator)
    job = start_job(kind="certificates", title=f"Certificates of {LATIN}", by=coordinator, total=1)
    add_note(job_id=job.pk, text=f"{FAMILY} has no e-mail address")
    run_tasks()

    expert = ExpertFactory(person=person, profile=f"{LATIN} has taught risk management since 2015.")
    Evidence.objects.create(
        expert=expert, kind=EvidenceKind.REFRESHER, event=second,
        evaluation=f"Ms {FAMILY.upper()} led the session well.",
    )
    # A sign-in account named by the e-mail address, with a failed and a good sign-in.
    user = UserFactory(username=EMAIL, first_name="Zyxwella", last_name=FAMILY, email=EMAIL, role="Trainer")
    Person.objects.filter(pk=person.pk).update(user=user)
    login = reverse("login")
    Client().post(login, {"username": EMAIL, "password": "wrong"}, REMOTE_ADDR="10.1.2.3")
    assert Client().post(login, {"username": EMAIL, "password": "correct-horse-battery"}).status_code == 302
    # A change in the back office, logged under the record's name at the time.
    LogEntry.objects.log_actions(user_id=coordinator.pk, queryset=[person], action_flag=CHANGE)
    # A second upload of the same list, previewed and never committed.
    upload(coordinator_client, event_with_days(title="Regional workshop"), name="again.csv")
    return person


def test_after_erasure_no_column_and_no_file_names_the_person(everything, administrator_client, settings):
    person = everything
    before = {hit.split(" #")[0] for hit in database_hits()}
    # The set-up really left copies in each of these places (so the sweep has work to check).
    assert before >= {
        "accreditation.HistoricalEvidence.evaluation", "accreditation.HistoricalExpert.profile",
        "certificates.Certificate.snapshot", "certificates.CertificateDelivery.sent_to",
        "certificates.HistoricalCertificate.holder_name",
        "certificates.HistoricalCertificate.revocation_reason",
        "courses.HistoricalAttendance.remark", "mailing.Message.body", "mailing.Message.to",
        "people.HistoricalPerson.family_name", "people.HistoricalPerson.given_name",
        "auth.User.username", "axes.AccessAttempt.username", "axes.AccessLog.username",
        "background.Job.title", "background.JobNote.text",
        "courses.PersonMerge.removed_snapshot", "courses.PersonMerge.reason", "admin.LogEntry.object_repr",
    }
    assert file_hits(Path(settings.MEDIA_ROOT)), "the set-up stores files naming the person"
    assert file_hits(Path(storages["pending_imports"].location)), "and a previewed upload"

    response = administrator_client.post(
        reverse("people:person-erase", args=[person.pk]), {"reason": "Request DP-1", "confirm": "on"}
    )
    assert response.status_code == 302

    assert database_hits() == []
    assert binary_hits() == []
    assert file_hits(Path(settings.MEDIA_ROOT)) == []
    # Previewed uploads wait outside the media storage, and the one naming them went too.
    assert file_hits(Path(storages["pending_imports"].location)) == []


def test_after_erasure_the_history_pages_do_not_name_the_person(everything, administrator_client):
    person = everything
    certificates = list(Certificate.objects.filter(holder=person))
    administrator_client.post(
        reverse("people:person-erase", args=[person.pk]), {"reason": "Request DP-1", "confirm": "on"}
    )
    pages = [reverse("people:audit-object", args=["people", "person", person.pk])] + [
        reverse("people:audit-object", args=["certificates", "certificate", c.pk]) for c in certificates
    ]
    for url in pages:
        html = administrator_client.get(url).content.decode()
        assert not [n for n in NEEDLES if n in html], url
