"""The accreditation workflow: every step, the evidence each needs, four eyes and validity."""

import datetime

import pytest
from django.db import IntegrityError

from accreditation.models import Decision, EvaluationResult, ExpertStatus, ImmutableRecordError
from accreditation.services.decisions import MissingEvidenceError, decide_proposal, propose_step
from accreditation.services.evidence import record_co_delivery, record_refresher, record_workshop_result
from accreditation.services.experts import enrol_on_workshop
from accreditation.tests.factories import ExpertFactory, WorkshopFactory
from courses.models import Enrolment, TrainerAssignment, TrainingEvent
from courses.tests.factories import TrainerAssignmentFactory, TrainingEventFactory
from people.errors import DomainError
from people.tests.factories import PersonFactory

S = ExpertStatus
TODAY = datetime.date(2018, 3, 1)


@pytest.fixture
def second_administrator(db):
    from people import roles
    from people.tests.factories import UserFactory

    return UserFactory(username="second_admin", role=roles.ADMINISTRATOR)


def assessor_on(event):
    assessor = PersonFactory()
    TrainerAssignmentFactory(event=event, person=assessor, role=TrainerAssignment.Role.ASSESSOR)
    return assessor


def walk(expert, to_status, *, proposer, decider, today=TODAY):
    proposal = propose_step(expert=expert, to_status=to_status, rationale="Evidence checked.",
                            by=proposer, today=today)
    decision = decide_proposal(proposal=proposal, approve=True, rationale="Agreed.", by=decider,
                               today=today)
    expert.refresh_from_db()
    return decision


def missing_for(expert, to_status, *, by, today=TODAY) -> str:
    with pytest.raises(MissingEvidenceError) as refusal:
        propose_step(expert=expert, to_status=to_status, rationale="Please.", by=by, today=today)
    return str(refusal.value)


@pytest.fixture
def workshop(db):
    return WorkshopFactory()


@pytest.fixture
def co_delivered(db):
    """A completed national training the candidate co-delivered, with an assessor on it."""
    return TrainingEventFactory(status=TrainingEvent.Status.COMPLETED,
                                start_date=datetime.date(2018, 1, 15))


def test_full_path_from_nomination_to_accreditation(coordinator, administrator, workshop, co_delivered):
    expert = ExpertFactory()
    enrol_on_workshop(expert=expert, event=workshop)
    walk(expert, S.SELECTED, proposer=coordinator, decider=administrator)
    assert expert.status == S.SELECTED

    record_workshop_result(expert=expert, event=workshop, attended=True)
    walk(expert, S.IN_WORKSHOP, proposer=coordinator, decider=administrator)
    assert expert.status == S.IN_WORKSHOP

    record_workshop_result(expert=expert, event=workshop, attended=True, result=EvaluationResult.PASSED)
    walk(expert, S.PRE_ACCREDITED, proposer=coordinator, decider=administrator,
         today=datetime.date(2017, 10, 27))
    assert expert.status == S.PRE_ACCREDITED
    assert expert.pre_accredited_on == datetime.date(2017, 10, 27)

    assignment = TrainerAssignmentFactory(event=co_delivered, person=expert.person,
                                          role=TrainerAssignment.Role.CO_TRAINER)
    assessor = assessor_on(co_delivered)
    record_co_delivery(expert=expert, assignment=assignment, assessor=assessor,
                       result=EvaluationResult.PASSED)
    decision = walk(expert, S.ACCREDITED, proposer=coordinator, decider=administrator)
    assert expert.status == S.ACCREDITED
    assert expert.accredited_on == TODAY
    assert expert.valid_until == datetime.date(2022, 3, 1)  # four years by default
    assert co_delivered.title in decision.evidence_relied_on
    assert list(decision.evidence.all()) == list(expert.evidence.filter(kind="co_delivery"))
    assert expert.decisions.count() == 4


def test_selection_needs_a_place_on_a_workshop(coordinator, workshop):
    expert = ExpertFactory()
    assert "not enrolled on any Train-the-Trainer workshop" in missing_for(expert, S.SELECTED, by=coordinator)
    enrol_on_workshop(expert=expert, event=workshop)
    assert propose_step(expert=expert, to_status=S.SELECTED, rationale="x", by=coordinator, today=TODAY)


def test_a_cancelled_workshop_is_no_place(coordinator):
    expert = ExpertFactory()
    cancelled = WorkshopFactory(status=TrainingEvent.Status.CANCELLED)
    Enrolment.objects.create(event=cancelled, person=expert.person)
    assert "not enrolled" in missing_for(expert, S.SELECTED, by=coordinator)


def test_participant_step_needs_recorded_attendance(coordinator, workshop):
    expert = ExpertFactory(status=S.SELECTED)
    assert "No workshop attendance is recorded" in missing_for(expert, S.IN_WORKSHOP, by=coordinator)
    record_workshop_result(expert=expert, event=workshop, attended=False)
    assert "did not attend" in missing_for(expert, S.IN_WORKSHOP, by=coordinator)


def test_pre_accreditation_needs_a_passing_workshop_evaluation(coordinator, workshop):
    expert = ExpertFactory(status=S.IN_WORKSHOP)
    assert "No workshop attendance" in missing_for(expert, S.PRE_ACCREDITED, by=coordinator)
    record_workshop_result(expert=expert, event=workshop, attended=True)
    assert "evaluation result is not recorded" in missing_for(expert, S.PRE_ACCREDITED, by=coordinator)
    record_workshop_result(expert=expert, event=workshop, attended=True, result=EvaluationResult.FAILED)
    assert "does not support this step" in missing_for(expert, S.PRE_ACCREDITED, by=coordinator)


def test_a_failed_workshop_leads_to_not_accredited(coordinator, administrator, workshop):
    expert = ExpertFactory(status=S.IN_WORKSHOP)
    record_workshop_result(expert=expert, event=workshop, attended=True, result=EvaluationResult.PASSED)
    assert "does not support" in missing_for(expert, S.NOT_ACCREDITED, by=coordinator)
    record_workshop_result(expert=expert, event=workshop, attended=True, result=EvaluationResult.FAILED)
    walk(expert, S.NOT_ACCREDITED, proposer=coordinator, decider=administrator)
    assert expert.status == S.NOT_ACCREDITED


def test_accreditation_needs_an_evaluated_co_delivery_on_a_completed_event(coordinator, co_delivered):
    expert = ExpertFactory(status=S.PRE_ACCREDITED)
    assert "No co-delivered training is recorded" in missing_for(expert, S.ACCREDITED, by=coordinator)
    assignment = TrainerAssignmentFactory(event=co_delivered, person=expert.person,
                                          role=TrainerAssignment.Role.CO_TRAINER)
    record_co_delivery(expert=expert, assignment=assignment, assessor=assessor_on(assignment.event),
                       result=EvaluationResult.PENDING)
    assert "evaluation is not recorded" in missing_for(expert, S.ACCREDITED, by=coordinator)


def test_co_delivery_evidence_refuses_an_event_not_yet_completed(db):
    expert = ExpertFactory(status=S.PRE_ACCREDITED)
    confirmed = TrainingEventFactory(status=TrainingEvent.Status.CONFIRMED)
    assignment = TrainerAssignmentFactory(event=confirmed, person=expert.person)
    with pytest.raises(DomainError, match="not completed"):
        record_co_delivery(expert=expert, assignment=assignment, assessor=assessor_on(assignment.event),
                           result=EvaluationResult.PASSED)


def test_co_delivery_evidence_refuses_someone_elses_assignment_and_self_assessment(co_delivered):
    expert = ExpertFactory(status=S.PRE_ACCREDITED)
    theirs = TrainerAssignmentFactory(event=co_delivered)
    with pytest.raises(DomainError, match="someone else"):
        record_co_delivery(expert=expert, assignment=theirs, assessor=assessor_on(co_delivered),
                           result="passed")
    mine = TrainerAssignmentFactory(event=co_delivered, person=expert.person)
    with pytest.raises(DomainError, match="assess themselves"):
        record_co_delivery(expert=expert, assignment=mine, assessor=expert.person, result="passed")


def test_a_failed_co_delivery_leads_to_not_accredited(coordinator, administrator, co_delivered):
    expert = ExpertFactory(status=S.PRE_ACCREDITED)
    assignment = TrainerAssignmentFactory(event=co_delivered, person=expert.person)
    record_co_delivery(expert=expert, assignment=assignment, assessor=assessor_on(assignment.event),
                       result=EvaluationResult.FAILED)
    walk(expert, S.NOT_ACCREDITED, proposer=coordinator, decider=administrator)
    assert expert.status == S.NOT_ACCREDITED


def accredited_expert(**kwargs):
    return ExpertFactory(status=S.ACCREDITED, accredited_on=datetime.date(2018, 3, 1),
                         valid_until=datetime.date(2022, 3, 1), **kwargs)


def test_steps_off_the_graph_are_refused(coordinator):
    expert = ExpertFactory()
    assert "cannot go from" in missing_for(expert, S.ACCREDITED, by=coordinator)
    withdrawn = ExpertFactory(status=S.WITHDRAWN)
    assert "cannot go from" in missing_for(withdrawn, S.ACCREDITED, by=coordinator)


def test_suspension_and_its_lifting(coordinator, administrator):
    expert = accredited_expert()
    walk(expert, S.SUSPENDED, proposer=coordinator, decider=administrator, today=datetime.date(2020, 1, 1))
    assert expert.status == S.SUSPENDED
    walk(expert, S.ACCREDITED, proposer=coordinator, decider=administrator, today=datetime.date(2020, 6, 1))
    assert expert.status == S.ACCREDITED
    assert expert.valid_until == datetime.date(2022, 3, 1)  # lifting a suspension does not extend it


def test_a_suspension_cannot_be_lifted_after_the_validity_ended(coordinator):
    expert = accredited_expert()
    expert.status = S.SUSPENDED
    expert.save()
    message = missing_for(expert, S.ACCREDITED, by=coordinator, today=datetime.date(2022, 4, 1))
    assert "period has ended" in message


@pytest.mark.parametrize("status", [S.NOMINATED, S.SELECTED, S.IN_WORKSHOP, S.PRE_ACCREDITED,
                                    S.ACCREDITED, S.SUSPENDED])
def test_any_active_expert_can_be_withdrawn(status, coordinator, administrator):
    expert = ExpertFactory(status=status)
    walk(expert, S.WITHDRAWN, proposer=coordinator, decider=administrator)
    assert expert.status == S.WITHDRAWN


def test_lapse_only_after_the_validity_ends(coordinator, administrator):
    expert = accredited_expert()
    message = missing_for(expert, S.LAPSED, by=coordinator, today=datetime.date(2022, 3, 1))
    assert "valid until 01 Mar 2022" in message
    walk(expert, S.LAPSED, proposer=coordinator, decider=administrator, today=datetime.date(2022, 3, 2))
    assert expert.status == S.LAPSED


def test_renewal_needs_a_refresher_within_the_validity(coordinator):
    expert = accredited_expert()
    assert "No refresher" in missing_for(expert, S.ACCREDITED, by=coordinator)
    too_early = TrainingEventFactory(status=TrainingEvent.Status.COMPLETED,
                                     start_date=datetime.date(2017, 5, 1))
    TrainerAssignmentFactory(event=too_early, person=expert.person)
    record_refresher(expert=expert, event=too_early)
    assert "between 01 Mar 2018 and 01 Mar 2022" in missing_for(expert, S.ACCREDITED, by=coordinator)


def test_renewal_extends_validity_from_the_end_of_the_period(coordinator, administrator):
    expert = accredited_expert()
    refresher = TrainingEventFactory(status=TrainingEvent.Status.COMPLETED,
                                     start_date=datetime.date(2021, 5, 10))
    Enrolment.objects.create(event=refresher, person=expert.person)
    record_refresher(expert=expert, event=refresher)
    walk(expert, S.ACCREDITED, proposer=coordinator, decider=administrator, today=datetime.date(2021, 9, 1))
    assert expert.status == S.ACCREDITED
    assert expert.accredited_on == datetime.date(2018, 3, 1)
    assert expert.valid_until == datetime.date(2026, 3, 1)


def test_validity_years_are_configurable(settings, coordinator, administrator, co_delivered):
    settings.STCE_ACCREDITATION_YEARS = 3
    expert = ExpertFactory(status=S.PRE_ACCREDITED)
    assignment = TrainerAssignmentFactory(event=co_delivered, person=expert.person)
    record_co_delivery(expert=expert, assignment=assignment, assessor=assessor_on(assignment.event),
                       result="passed")
    walk(expert, S.ACCREDITED, proposer=coordinator, decider=administrator,
         today=datetime.date(2020, 2, 29))
    assert expert.valid_until == datetime.date(2023, 2, 28)


def test_refresher_must_be_an_event_they_delivered_or_attended(db):
    expert = accredited_expert()
    elsewhere = TrainingEventFactory(status=TrainingEvent.Status.COMPLETED)
    with pytest.raises(DomainError, match="neither trained on nor took part"):
        record_refresher(expert=expert, event=elsewhere)


def test_the_proposer_cannot_decide(administrator, second_administrator):
    expert = ExpertFactory()
    proposal = propose_step(expert=expert, to_status=S.WITHDRAWN, rationale="Retired.", by=administrator)
    with pytest.raises(DomainError, match="Four eyes"):
        decide_proposal(proposal=proposal, approve=True, rationale="ok", by=administrator)
    expert.refresh_from_db()
    assert expert.status == S.NOMINATED
    decide_proposal(proposal=proposal, approve=True, rationale="ok", by=second_administrator)
    expert.refresh_from_db()
    assert expert.status == S.WITHDRAWN


def test_the_database_also_refuses_a_decision_by_its_proposer(administrator):
    expert = ExpertFactory()
    proposal = propose_step(expert=expert, to_status=S.WITHDRAWN, rationale="Retired.", by=administrator)
    with pytest.raises(IntegrityError):
        Decision.objects.create(expert=expert, proposal=proposal, outcome="approved",
                                from_status=S.NOMINATED, to_status=S.WITHDRAWN,
                                proposed_by=administrator, decided_by=administrator,
                                effective_on=TODAY, rationale="self-approved")


def test_a_rejection_is_a_decision_and_leaves_the_status(coordinator, administrator):
    expert = ExpertFactory()
    proposal = propose_step(expert=expert, to_status=S.WITHDRAWN, rationale="x", by=coordinator)
    decision = decide_proposal(proposal=proposal, approve=False, rationale="Still active.", by=administrator)
    expert.refresh_from_db()
    assert expert.status == S.NOMINATED
    assert decision.outcome == Decision.Outcome.REJECTED


def test_a_decided_proposal_cannot_be_decided_again(coordinator, administrator, second_administrator):
    expert = ExpertFactory()
    proposal = propose_step(expert=expert, to_status=S.WITHDRAWN, rationale="x", by=coordinator)
    decide_proposal(proposal=proposal, approve=True, rationale="ok", by=administrator)
    with pytest.raises(DomainError, match="already been decided"):
        decide_proposal(proposal=proposal, approve=False, rationale="no", by=second_administrator)
    assert Decision.objects.count() == 1


def test_only_one_pending_proposal_per_expert(coordinator):
    expert = ExpertFactory()
    propose_step(expert=expert, to_status=S.WITHDRAWN, rationale="x", by=coordinator)
    with pytest.raises(DomainError, match="already waiting"):
        propose_step(expert=expert, to_status=S.WITHDRAWN, rationale="x", by=coordinator)


def test_approval_rechecks_evidence_that_changed_since_the_proposal(coordinator, administrator, workshop):
    expert = ExpertFactory(status=S.IN_WORKSHOP)
    record_workshop_result(expert=expert, event=workshop, attended=True, result=EvaluationResult.PASSED)
    proposal = propose_step(expert=expert, to_status=S.PRE_ACCREDITED, rationale="x", by=coordinator)
    record_workshop_result(expert=expert, event=workshop, attended=True, result=EvaluationResult.FAILED)
    with pytest.raises(MissingEvidenceError):
        decide_proposal(proposal=proposal, approve=True, rationale="ok", by=administrator)


def test_a_rationale_is_required(coordinator):
    with pytest.raises(DomainError, match="rationale"):
        propose_step(expert=ExpertFactory(), to_status=S.WITHDRAWN, rationale="  ", by=coordinator)


def test_decisions_cannot_be_changed_or_deleted_in_code(coordinator, administrator):
    expert = ExpertFactory()
    decision = walk(expert, S.WITHDRAWN, proposer=coordinator, decider=administrator)
    decision.rationale = "rewritten"
    with pytest.raises(ImmutableRecordError):
        decision.save()
    with pytest.raises(ImmutableRecordError):
        decision.delete()
    with pytest.raises(ImmutableRecordError):
        Decision.objects.filter(pk=decision.pk).update(rationale="rewritten")
    with pytest.raises(ImmutableRecordError):
        Decision.objects.all().delete()
    assert Decision.objects.get().rationale == "Agreed."


def test_accreditation_calls_the_certificate_hook(monkeypatch, coordinator, administrator, co_delivered):
    issued = []
    monkeypatch.setattr("accreditation.services.decisions.issue_accreditation_certificate",
                        lambda **kwargs: issued.append(kwargs))
    expert = ExpertFactory(status=S.PRE_ACCREDITED)
    assignment = TrainerAssignmentFactory(event=co_delivered, person=expert.person)
    record_co_delivery(expert=expert, assignment=assignment, assessor=assessor_on(assignment.event),
                       result="passed")
    decision = walk(expert, S.ACCREDITED, proposer=coordinator, decider=administrator)
    assert issued == [{"expert": expert, "decision": decision, "by": administrator}]


def test_accreditation_issues_an_accreditation_certificate_in_the_registry(
    coordinator, administrator, co_delivered
):
    from certificates.models import Certificate

    expert = ExpertFactory(status=S.PRE_ACCREDITED)
    assignment = TrainerAssignmentFactory(event=co_delivered, person=expert.person)
    record_co_delivery(expert=expert, assignment=assignment, assessor=assessor_on(assignment.event),
                       result="passed")
    decision = walk(expert, S.ACCREDITED, proposer=coordinator, decider=administrator)
    certificate = Certificate.objects.get(holder=expert.person, kind=Certificate.Kind.ACCREDITATION)
    assert certificate.snapshot["subject"]["expert_id"] == expert.pk
    assert certificate.snapshot["subject"]["decision_id"] == decision.pk
    assert certificate.issued_by == administrator


def test_co_delivery_needs_an_assessor_assigned_to_that_event(co_delivered):
    expert = ExpertFactory(status=S.PRE_ACCREDITED)
    assignment = TrainerAssignmentFactory(event=co_delivered, person=expert.person)
    with pytest.raises(DomainError, match="is not an assessor on"):
        record_co_delivery(expert=expert, assignment=assignment, assessor=PersonFactory(), result="passed")
    assert not expert.evidence.exists()


def test_the_database_refuses_to_update_a_decision_even_in_raw_sql(coordinator, administrator):
    from django.db import DatabaseError, connection, transaction

    decision = walk(ExpertFactory(), S.WITHDRAWN, proposer=coordinator, decider=administrator)
    with pytest.raises(DatabaseError, match="immutable"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE accreditation_decision SET rationale = 'rewritten' WHERE id = %s",
                       [decision.pk])
    assert Decision.objects.get().rationale == "Agreed."
