"""Invitations to deliver an event, their reminders, and the co-delivery reports experts file."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accreditation.models import (
    CoDeliveryReport,
    DeliveryInvitation,
    Evidence,
    EvidenceKind,
    Expert,
    ExpertStatus,
    InvitationStatus,
    Proposal,
)
from accreditation.services.invitations import remind_pending_invitations
from accreditation.tasks import remind_delivery_invitations
from courses.models import Module, TrainerAssignment, TrainingEvent
from mailing.kinds import all_kinds
from mailing.models import Message
from people.tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _event(title="National training", start=30, days=3, status=TrainingEvent.Status.CONFIRMED):
    begin = TODAY + datetime.timedelta(days=start)
    return TrainingEvent.objects.create(
        title=title, start_date=begin, end_date=begin + datetime.timedelta(days=days - 1), status=status
    )


def _expert(username, status=ExpertStatus.ACCREDITED, **person):
    account = UserFactory(username=username)
    return Expert.objects.create(person=PersonFactory(user=account, **person), status=status)


def _invite(client, event, *experts, role="co_trainer", message=""):
    return client.post(
        reverse("accreditation:invite", args=[event.pk]),
        {
            "experts": [e.pk for e in experts],
            "role": role,
            "message": message,
        },
    )


def _answer(client, invitation, **data):
    return client.post(reverse("accreditation:invitation-answer", args=[invitation.pk]), data)


def test_a_coordinator_invites_several_experts_and_each_gets_an_email_in_their_language(coordinator_client):
    event = _event()
    ana = _expert("ana", email="ana@example.org", preferred_language="es")
    ivan = _expert("ivan", email="ivan@example.org", preferred_language="ru")

    response = _invite(coordinator_client, event, ana, ivan, role="lead", message="We need you.")

    assert response.status_code == 302
    assert set(DeliveryInvitation.objects.values_list("expert", "role", "status")) == {
        (ana.pk, "lead", "pending"),
        (ivan.pk, "lead", "pending"),
    }
    mails = {m.to: m for m in Message.objects.filter(kind="delivery_invitation")}
    assert set(mails) == {"ana@example.org", "ivan@example.org"}
    assert mails["ana@example.org"].language == "es" and "We need you." in mails["ana@example.org"].body
    invitation = DeliveryInvitation.objects.get(expert=ana)
    assert reverse("accreditation:invitation-answer", args=[invitation.pk]) in mails["ana@example.org"].body


def test_inviting_again_invites_nobody_twice(coordinator_client):
    event, ana = _event(), _expert("ana")
    _invite(coordinator_client, event, ana)
    response = _invite(coordinator_client, event, ana)
    assert response.status_code == 200 and "Nobody was invited" in response.text
    assert DeliveryInvitation.objects.count() == 1


def test_the_expert_sees_the_invitation_at_home_and_accepting_assigns_them(client):
    event, ana = _event(), _expert("ana")
    invitation = DeliveryInvitation.objects.create(event=event, expert=ana, role="lead")
    client.force_login(ana.person.user)

    assert "National training" in client.get(reverse("accreditation:expert-home")).text
    assert _answer(client, invitation, action="accept").status_code == 302
    assert _answer(client, invitation, action="accept").status_code == 302  # a double submit

    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED and invitation.answered_at
    assignment = TrainerAssignment.objects.get(event=event, person=ana.person)
    assert assignment.role == "lead" and invitation.assignment == assignment
    assert TrainerAssignment.objects.filter(event=event).count() == 1
    assert invitation.history.count() == 2  # created, accepted: audited


def test_a_double_booking_refuses_the_acceptance_and_writes_nothing(client):
    event, ana = _event(), _expert("ana")
    other = _event(title="Regional training", start=31)
    TrainerAssignment.objects.create(event=other, person=ana.person, role="lead")
    invitation = DeliveryInvitation.objects.create(event=event, expert=ana, role="co_trainer")
    client.force_login(ana.person.user)

    response = _answer(client, invitation, action="accept")

    assert response.status_code == 200 and "already booked on an overlapping event" in response.text
    assert "Regional training" in response.text
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING
    assert not TrainerAssignment.objects.filter(event=event).exists()


def test_declining_needs_a_reason_which_the_coordinator_reads(coordinator_client):
    client = Client()
    event, ana = _event(), _expert("ana", family_name="Okafor")
    invitation = DeliveryInvitation.objects.create(event=event, expert=ana, role="co_trainer")
    client.force_login(ana.person.user)

    assert _answer(client, invitation, action="decline", reason="  ").status_code == 200
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING

    assert _answer(client, invitation, action="decline", reason="On leave that week").status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.DECLINED and invitation.answer_reason == "On leave that week"

    page = coordinator_client.get(event.get_absolute_url())
    assert "Okafor" in page.text and "Declined" in page.text and "On leave that week" in page.text


def test_a_withdrawn_invitation_can_no_longer_be_accepted(coordinator_client):
    client = Client()
    event, ana = _event(), _expert("ana")
    invitation = DeliveryInvitation.objects.create(event=event, expert=ana, role="co_trainer")
    url = reverse("accreditation:invitation-withdraw", args=[invitation.pk])

    assert "Withdraw this invitation?" in coordinator_client.get(url).text  # asks first
    assert coordinator_client.post(url).status_code == 302
    client.force_login(ana.person.user)
    response = _answer(client, invitation, action="accept")

    assert "no longer open" in response.text
    assert not TrainerAssignment.objects.filter(event=event).exists()


def test_an_expert_opening_another_experts_invitation_gets_404(client):
    event, ana, ben = _event(), _expert("ana"), _expert("ben")
    invitation = DeliveryInvitation.objects.create(event=event, expert=ben, role="co_trainer")
    client.force_login(ana.person.user)
    assert client.get(reverse("accreditation:invitation-answer", args=[invitation.pk])).status_code == 404
    assert _answer(client, invitation, action="accept").status_code == 404
    assert not TrainerAssignment.objects.exists()


def _age(invitation, days):
    DeliveryInvitation.objects.filter(pk=invitation.pk).update(
        invited_at=timezone.now() - datetime.timedelta(days=days)
    )


def test_experts_are_reminded_once_of_invitations_pending_too_long(run_tasks, settings):
    settings.STCE_INVITATION_REMINDER_DAYS = 5
    event = _event()
    old = DeliveryInvitation.objects.create(
        event=event, expert=_expert("ana", email="ana@example.org"), role="lead"
    )
    recent = DeliveryInvitation.objects.create(
        event=event, expert=_expert("ben", email="ben@example.org"), role="lead"
    )
    _age(old, 6)
    _age(recent, 2)

    remind_delivery_invitations.enqueue(day=TODAY.isoformat())
    run_tasks()
    remind_delivery_invitations.enqueue(day=TODAY.isoformat())
    run_tasks()

    reminders = Message.objects.filter(kind="delivery_invitation_reminder")
    assert list(reminders.values_list("to", flat=True)) == ["ana@example.org"]
    assert remind_pending_invitations(today=TODAY) == 0


def test_invitations_still_pending_when_the_event_starts_expire(run_tasks):
    started = _event(start=0)
    invitation = DeliveryInvitation.objects.create(event=started, expert=_expert("ana"), role="lead")
    answered = DeliveryInvitation.objects.create(
        event=started, expert=_expert("ben"), role="lead", status=InvitationStatus.DECLINED
    )
    remind_delivery_invitations.enqueue(day=TODAY.isoformat())
    run_tasks()
    invitation.refresh_from_db()
    answered.refresh_from_db()
    assert invitation.status == InvitationStatus.EXPIRED and answered.status == InvitationStatus.DECLINED


# ------------------------------------------------------------------ co-delivery reports


@pytest.fixture
def delivered():
    """A completed event co-delivered by a pre-accredited expert and assessed by another expert."""
    event = _event(title="Co-delivered training", start=-10, status=TrainingEvent.Status.COMPLETED)
    candidate = _expert("cand", status=ExpertStatus.PRE_ACCREDITED, family_name="Candidate")
    assessor = _expert("mentor", family_name="Mentor")
    assignment = TrainerAssignment.objects.create(event=event, person=candidate.person, role="co_trainer")
    TrainerAssignment.objects.create(event=event, person=assessor.person, role="assessor")
    module = Module.objects.create(code="T-01", title="Definition and importance of STCE")
    return {
        "event": event,
        "candidate": candidate,
        "assessor": assessor,
        "assignment": assignment,
        "module": module,
    }


def _file(client, d, **extra):
    data = {
        "delivered_from": d["event"].start_date,
        "delivered_to": d["event"].end_date,
        "modules": [d["module"].pk],
        "assessor": d["assessor"].person.pk,
        "summary": "Modules 1 to 3",
        "attachment": SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf"),
        **extra,
    }
    return client.post(reverse("accreditation:co-delivery", args=[d["assignment"].pk]), data)


def test_the_expert_and_the_assessor_file_the_report_the_workflow_reads(delivered, administrator_client):
    client = Client()
    client.force_login(delivered["candidate"].person.user)
    assert _file(client, delivered).status_code == 302
    client.force_login(delivered["assessor"].person.user)
    response = client.post(
        reverse("accreditation:co-delivery", args=[delivered["assignment"].pk]),
        {"result": "passed", "evaluation": "Clear and well prepared."},
    )
    assert response.status_code == 302

    report = CoDeliveryReport.objects.get()
    assert (
        report.attachment
        and report.result == "passed"
        and list(report.modules.all()) == [delivered["module"]]
    )
    evidence = Evidence.objects.get(kind=EvidenceKind.CO_DELIVERY)
    assert report.evidence == evidence and evidence.result == "passed"
    assert (
        evidence.assessor == delivered["assessor"].person and evidence.assignment == delivered["assignment"]
    )
    queue = administrator_client.get(reverse("accreditation:review-queue"))
    assert "Co-delivered training" in queue.text and "Candidate" in queue.text
    own = client.get(reverse("accreditation:co-delivery-file", args=[delivered["assignment"].pk]))
    assert own.status_code == 200  # the assessor reads the expert's report too
    pdf = administrator_client.get(reverse("accreditation:co-delivery-attachment", args=[report.pk]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_the_assessors_evaluation_alone_is_evidence_in_the_review_queue(delivered, administrator_client):
    client = Client()
    client.force_login(delivered["assessor"].person.user)
    response = client.post(
        reverse("accreditation:co-delivery", args=[delivered["assignment"].pk]),
        {"result": "passed", "evaluation": "Clear and well prepared."},
    )
    assert response.status_code == 302
    queue = administrator_client.get(reverse("accreditation:review-queue"))
    reports = queue.text.split('id="co-delivery-reports"', 1)[1]
    assert "Co-delivered training" in reports and "assessed by" in reports and "Mentor" in reports


def test_a_report_that_is_not_a_pdf_is_refused_at_the_upload_gate(client, delivered):
    client.force_login(delivered["candidate"].person.user)
    fake = SimpleUploadedFile("report.pdf", b"MZ not a pdf", content_type="application/pdf")
    assert _file(client, delivered, attachment=fake).status_code == 200
    assert not CoDeliveryReport.objects.exists()


def test_a_report_cannot_be_filed_before_the_event_has_taken_place(client, delivered):
    TrainingEvent.objects.filter(pk=delivered["event"].pk).update(
        end_date=TODAY + datetime.timedelta(days=2), status=TrainingEvent.Status.CONFIRMED
    )
    client.force_login(delivered["candidate"].person.user)
    response = _file(client, delivered)
    assert "once the event has taken place" in response.text
    assert not Evidence.objects.exists()


def test_another_expert_opening_the_report_gets_404(client, delivered):
    client.force_login(_expert("nosy").person.user)
    url = reverse("accreditation:co-delivery", args=[delivered["assignment"].pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"result": "passed", "evaluation": "x"}).status_code == 404
    assert not Evidence.objects.exists()


def test_a_report_relied_on_by_a_proposal_is_frozen(client, delivered, administrator):
    client.force_login(delivered["candidate"].person.user)
    _file(client, delivered)
    proposal = Proposal.objects.create(
        expert=delivered["candidate"],
        from_status=ExpertStatus.PRE_ACCREDITED,
        to_status=ExpertStatus.ACCREDITED,
        rationale="Co-delivered well.",
        proposed_by=administrator,
    )
    proposal.evidence.add(Evidence.objects.get())
    client.force_login(delivered["assessor"].person.user)
    response = client.post(
        reverse("accreditation:co-delivery", args=[delivered["assignment"].pk]),
        {"result": "failed", "evaluation": "Changed my mind."},
    )
    assert "can no longer be changed" in response.text
    assert Evidence.objects.get().result == "pending"


def test_find_trainers_offers_to_invite_an_expert_to_the_event(coordinator_client):
    event, ana = _event(), _expert("ana")
    page = coordinator_client.get(reverse("accreditation:expert-list"), {"event": event.pk, "q": ""})
    invite_url = f"{reverse('accreditation:invite', args=[event.pk])}?expert={ana.pk}"
    assert invite_url in page.text
    form = coordinator_client.get(invite_url)
    assert [int(pk) for pk in form.context["form"]["experts"].value()] == [ana.pk]  # already ticked


def test_the_expert_home_reads_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    ana = _expert("ana", status=ExpertStatus.PRE_ACCREDITED)
    client.force_login(ana.person.user)
    url = reverse("accreditation:expert-home")
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for n in range(5):
        event = _event(title=f"Event {n}", start=40 + 5 * n)
        DeliveryInvitation.objects.create(event=event, expert=ana, role="lead")
        done = _event(title=f"Done {n}", start=-40 - 5 * n, status=TrainingEvent.Status.COMPLETED)
        TrainerAssignment.objects.create(event=done, person=ana.person, role="co_trainer")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url)
    assert page.text.count("Co-delivery report") >= 5 and "Event 4" in page.text


def test_an_invitation_to_an_event_cancelled_since_cannot_be_accepted(client):
    event, ana = _event(), _expert("ana")
    invitation = DeliveryInvitation.objects.create(event=event, expert=ana, role="lead")
    TrainingEvent.objects.filter(pk=event.pk).update(status=TrainingEvent.Status.CANCELLED)
    client.force_login(ana.person.user)
    response = _answer(client, invitation, action="accept")
    assert response.status_code == 200 and "cannot be invited" in response.text
    assert not TrainerAssignment.objects.exists()
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING


def test_withdrawing_is_audited_with_the_coordinator_and_the_mail_kinds_are_editable(
    coordinator_client, coordinator
):
    invitation = DeliveryInvitation.objects.create(event=_event(), expert=_expert("ana"), role="lead")
    coordinator_client.post(reverse("accreditation:invitation-withdraw", args=[invitation.pk]))
    latest = invitation.history.latest()
    assert latest.status == InvitationStatus.WITHDRAWN and latest.history_user == coordinator
    assert {"delivery_invitation", "delivery_invitation_reminder"} <= {kind.key for kind in all_kinds()}
