"""Co-delivery reports filed by the experts themselves, recorded as accreditation evidence."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accreditation.models import CoDeliveryReport, EvaluationResult, Expert, ExpertStatus
from accreditation.services.evidence import record_co_delivery
from courses.models import TrainerAssignment, TrainingEvent
from people.errors import DomainError
from people.models import Person

ROLE = TrainerAssignment.Role


def _locked_report(assignment: TrainerAssignment, expert: Expert) -> CoDeliveryReport:
    report, _created = CoDeliveryReport.objects.get_or_create(
        assignment=assignment, defaults={"expert": expert}
    )
    return (
        CoDeliveryReport.objects.select_for_update(of=("self",)).select_related("evidence").get(pk=report.pk)
    )


def _refuse_frozen(report: CoDeliveryReport) -> None:
    evidence = report.evidence
    if evidence is not None and (evidence.decisions.exists() or evidence.proposals.exists()):
        raise DomainError(
            _("An accreditation proposal or decision relies on this report: it can no longer be changed."),
            code="frozen",
        )


def _refuse_before_end(event: TrainingEvent, today: datetime.date) -> None:
    if event.end_date >= today or event.status != TrainingEvent.Status.COMPLETED:
        raise DomainError(
            _("The co-delivery report is filed once the event has taken place."), code="too_early"
        )


def _record(report: CoDeliveryReport, *, by) -> None:
    """The Evidence the workflow reads, kept in step with the report."""
    report.evidence = record_co_delivery(
        expert=report.expert,
        assignment=report.assignment,
        assessor=report.assessor,
        result=report.result,
        evaluation=report.evaluation,
        by=by,
    )
    report.save()


def assessors_of(event: TrainingEvent):
    return Person.objects.filter(assignments__event=event, assignments__role=ROLE.ASSESSOR)


@transaction.atomic
def file_co_delivery(
    *,
    expert: Expert,
    assignment: TrainerAssignment,
    assessor: Person,
    delivered_from: datetime.date,
    delivered_to: datetime.date,
    modules,
    summary: str,
    attachment=None,
    by=None,
    today: datetime.date | None = None,
) -> CoDeliveryReport:
    """The pre-accredited expert's part of the report: what they delivered, when, and the report
    itself (a PDF already checked by the upload gate). Filing again corrects it."""
    today = today or timezone.localdate()
    event = assignment.event
    if assignment.person_id != expert.person_id or assignment.role == ROLE.ASSESSOR:
        raise DomainError(_("This trainer assignment belongs to someone else."), field="assignment")
    if expert.status != ExpertStatus.PRE_ACCREDITED:
        raise DomainError(_("Only a pre-accredited expert files a co-delivery report."), code="status")
    _refuse_before_end(event, today)
    if delivered_from > delivered_to or delivered_from < event.start_date or delivered_to > event.end_date:
        raise DomainError(_("The dates must lie within the event's dates."), field="delivered_from")
    report = _locked_report(assignment, expert)
    _refuse_frozen(report)
    if report.assessor_id and report.assessor_id != assessor.pk and report.result != EvaluationResult.PENDING:
        raise DomainError(_("The assessor has already evaluated this delivery."), field="assessor")
    report.assessor = assessor
    report.delivered_from, report.delivered_to = delivered_from, delivered_to
    report.summary = summary.strip()
    if attachment:
        report.attachment.save("report.pdf", attachment, save=False)
    report.filed_at = timezone.now()
    report._history_user = by
    _record(report, by=by)
    report.modules.set(modules)
    return report


@transaction.atomic
def assess_co_delivery(
    *,
    assessor: Expert,
    assignment: TrainerAssignment,
    result: str,
    evaluation: str,
    by=None,
    today: datetime.date | None = None,
) -> CoDeliveryReport:
    """The assessing expert's part: their evaluation and the result, pass or fail."""
    today = today or timezone.localdate()
    if result not in (EvaluationResult.PASSED, EvaluationResult.FAILED):
        raise DomainError(_("Choose passed or did not pass."), field="result")
    if not evaluation.strip():
        raise DomainError(_("Write your evaluation."), field="evaluation")
    _refuse_before_end(assignment.event, today)
    delivering = Expert.objects.filter(person=assignment.person_id).first()
    if delivering is None:
        raise DomainError(_("Only an expert's delivery is assessed."), field="assignment")
    report = _locked_report(assignment, delivering)
    _refuse_frozen(report)
    report.assessor = assessor.person
    report.result = result
    report.evaluation = evaluation.strip()
    report.assessed_at = timezone.now()
    report._history_user = by
    _record(report, by=by)
    return report
