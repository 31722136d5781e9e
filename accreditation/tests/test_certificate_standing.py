"""An accreditation certificate follows its subject: the verify page and its JSON answer say
whether the accreditation still holds (lapsed, suspended, withdrawn, renewed)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accreditation.models import EvaluationResult, ExpertStatus
from accreditation.services.decisions import decide_proposal, propose_step
from accreditation.services.evidence import record_co_delivery, record_refresher
from accreditation.tests.factories import ExpertFactory
from certificates.files import certificate_pdf
from certificates.models import Certificate
from certificates.tests.certificate_helpers import pdf_text
from courses.models import Enrolment, TrainerAssignment, TrainingEvent
from courses.tests.factories import TrainerAssignmentFactory, TrainingEventFactory
from people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
S = ExpertStatus


@pytest.fixture
def deciders(coordinator, administrator):
    return coordinator, administrator


def walk(expert, to_status, *, deciders, today):
    proposer, decider = deciders
    proposal = propose_step(
        expert=expert, to_status=to_status, rationale="Checked.", by=proposer, today=today
    )
    decide_proposal(proposal=proposal, approve=True, rationale="Agreed.", by=decider, today=today)
    expert.refresh_from_db()


@pytest.fixture
def accredited(deciders):
    """An expert accredited a month ago through the workflow, holding the certificate it issued."""
    today = timezone.localdate()
    person = PersonFactory(given_name="Айгерим", family_name="Касымова")
    expert = ExpertFactory(status=S.PRE_ACCREDITED, person=person)
    event = TrainingEventFactory(
        status=TrainingEvent.Status.COMPLETED, start_date=today - datetime.timedelta(60)
    )
    assignment = TrainerAssignmentFactory(event=event, person=expert.person)
    assessor = PersonFactory()
    TrainerAssignmentFactory(event=event, person=assessor, role=TrainerAssignment.Role.ASSESSOR)
    record_co_delivery(
        expert=expert, assignment=assignment, assessor=assessor, result=EvaluationResult.PASSED
    )
    walk(expert, S.ACCREDITED, deciders=deciders, today=today - datetime.timedelta(30))
    certificate = Certificate.objects.get(holder=expert.person, kind=Certificate.Kind.ACCREDITATION)
    return expert, certificate


def verify_json(client, certificate) -> dict:
    response = client.get(reverse("verify", args=[certificate.code]), HTTP_ACCEPT="application/json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert "Accept" in response["Vary"]
    return response.json()


def test_the_accreditation_certificate_prints_its_validity(accredited):
    expert, certificate = accredited
    assert "Valid until" in pdf_text(certificate_pdf(certificate))
    assert str(expert.valid_until.year) in pdf_text(certificate_pdf(certificate))


def test_a_current_accreditation_verifies_as_valid_with_its_end_date(client, accredited):
    expert, certificate = accredited
    answer = verify_json(client, certificate)
    assert answer["status"] == "valid"
    assert answer["standing"]["state"] == "current"
    assert answer["standing"]["valid_until"] == expert.valid_until.isoformat()
    page = client.get(reverse("verify", args=[certificate.code])).content.decode()
    assert "Accredited until" in page and "Valid" in page


def test_a_lapsed_accreditation_says_so_in_html_and_json(client, accredited, deciders):
    expert, certificate = accredited
    expert.valid_until = timezone.localdate() - datetime.timedelta(days=2)
    expert.save()
    answer = verify_json(client, certificate)
    assert (answer["status"], answer["standing"]["state"]) == ("not_current", "expired")
    walk(expert, S.LAPSED, deciders=deciders, today=timezone.localdate())
    answer = verify_json(client, certificate)
    assert (answer["status"], answer["standing"]["state"]) == ("not_current", "lapsed")
    assert answer["standing"]["since"] == expert.valid_until.isoformat()
    page = client.get(reverse("verify", args=[certificate.code])).content.decode()
    assert "lapsed on" in page and "no longer current" in page


@pytest.mark.parametrize(("to_status", "state", "words"), [
    (S.SUSPENDED, "suspended", "is suspended since"),
    (S.WITHDRAWN, "withdrawn", "was withdrawn on"),
])
def test_suspension_and_withdrawal_change_what_verify_says(
    client, accredited, deciders, to_status, state, words
):
    expert, certificate = accredited
    walk(expert, to_status, deciders=deciders, today=timezone.localdate())
    answer = verify_json(client, certificate)
    assert (answer["status"], answer["standing"]["state"]) == ("not_current", state)
    assert answer["standing"]["since"] == timezone.localdate().isoformat()
    page = client.get(reverse("verify", args=[certificate.code])).content.decode()
    assert words in page
    assert "Checked." not in page and "Agreed." not in page  # the reasons stay private


def test_lifting_a_suspension_makes_it_current_again(client, accredited, deciders):
    expert, certificate = accredited
    walk(expert, S.SUSPENDED, deciders=deciders, today=timezone.localdate())
    walk(expert, S.ACCREDITED, deciders=deciders, today=timezone.localdate())
    assert verify_json(client, certificate)["standing"]["state"] == "current"


def test_renewal_issues_a_new_certificate_and_supersedes_the_old(client, accredited, deciders):
    expert, old = accredited
    refresher = TrainingEventFactory(status=TrainingEvent.Status.COMPLETED,
                                     start_date=timezone.localdate() - datetime.timedelta(10))
    Enrolment.objects.create(event=refresher, person=expert.person)
    record_refresher(expert=expert, event=refresher)
    previous_end = expert.valid_until
    walk(expert, S.ACCREDITED, deciders=deciders, today=timezone.localdate())
    assert expert.valid_until > previous_end
    new = Certificate.objects.valid().get(holder=expert.person, kind=Certificate.Kind.ACCREDITATION)
    assert new.pk != old.pk and new.supersedes_id == old.pk
    old_answer = verify_json(client, old)
    assert old_answer["status"] == "superseded"
    assert old_answer["replaced_by"]["serial"] == new.serial
    assert old_answer["replaced_by"]["reason"] == "renewal"
    assert old_answer["replaced_by"]["url"].endswith(reverse("verify", args=[new.code]))
    page = client.get(reverse("verify", args=[old.code])).content.decode()
    assert "renewed" in page and reverse("verify", args=[new.code]) in page
    new_answer = verify_json(client, new)
    assert new_answer["status"] == "valid"
    assert new_answer["standing"]["valid_until"] == expert.valid_until.isoformat()
    assert str(expert.valid_until.year) in pdf_text(certificate_pdf(new))


def test_the_json_answer_shows_no_more_personal_data_than_the_page(client, accredited):
    expert, certificate = accredited
    expert.person.email = "aigerim@example.org"
    expert.person.save()
    answer = verify_json(client, certificate)
    assert answer["holder"] == "Айгерим Касымова"
    assert "aigerim@example.org" not in str(answer)
    assert set(answer) == {
        "serial", "kind", "status", "summary", "title", "holder", "holder_erased", "certifies",
        "issued_on", "revoked_on", "superseded_on", "replaced_by", "standing",
    }


def test_an_unknown_code_answers_json_404(client, db):
    url = reverse("verify", args=["no-such-code-000000000000"])
    response = client.get(url, HTTP_ACCEPT="application/json")
    assert response.status_code == 404 and response.json() == {"error": "not_found"}


