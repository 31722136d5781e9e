"""Proposing a step in the workflow and deciding on it, with the four-eyes rule."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accreditation.models import Decision, Expert, ExpertStatus, Proposal
from accreditation.services.certificates import issue_accreditation_certificate
from accreditation.workflow import check_step, dates_after
from people.errors import DomainError


class MissingEvidenceError(DomainError):
    def __init__(self, missing: list[str]):
        super().__init__(" ".join(missing), field="to_status", code="missing_evidence")
        self.missing = missing


@transaction.atomic
def propose_step(*, expert: Expert, to_status: str, rationale: str, by,
                 today: datetime.date | None = None) -> Proposal:
    """Ask the administrators to move the expert to `to_status`.

    Refused when the step is not in the workflow, when its evidence is missing (saying what
    is missing), or when a proposal for this expert is already waiting.
    """
    today = today or timezone.localdate()
    expert = Expert.objects.select_for_update().select_related("person").get(pk=expert.pk)
    if not rationale.strip():
        raise DomainError(_("Say why: the rationale is required."), field="rationale")
    if expert.proposals.pending().exists():
        raise DomainError(
            _("A proposal for %(name)s is already waiting for a decision.")
            % {"name": expert.person.full_name},
            code="pending_proposal",
        )
    check = check_step(expert=expert, to_status=to_status, today=today)
    if not check.satisfied:
        raise MissingEvidenceError(check.missing)
    try:
        with transaction.atomic():
            proposal = Proposal.objects.create(
                expert=expert, from_status=expert.status, to_status=to_status,
                rationale=rationale.strip(), proposed_by=by,
            )
    except IntegrityError as exc:
        raise DomainError(_("A proposal for %(name)s is already waiting for a decision.")
                          % {"name": expert.person.full_name}, code="pending_proposal") from exc
    proposal.evidence.set(check.evidence)
    return proposal


@transaction.atomic
def decide_proposal(*, proposal: Proposal, approve: bool, rationale: str, by,
                    today: datetime.date | None = None) -> Decision:
    """Approve or reject a pending proposal, writing an immutable decision.

    The person who proposed cannot decide. Approval re-checks the evidence (it may have
    changed since) and then moves the expert and sets their dates.
    """
    today = today or timezone.localdate()
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    expert = Expert.objects.select_for_update().select_related("person").get(pk=proposal.expert_id)
    if proposal.state != Proposal.State.PENDING:
        raise DomainError(_("This proposal has already been decided."), code="already_decided")
    if proposal.proposed_by_id == by.pk:
        raise DomainError(
            _("Four eyes: you proposed this step, so another administrator must decide it."),
            code="four_eyes",
        )
    if not rationale.strip():
        raise DomainError(_("Say why: the rationale is required."), field="rationale")
    evidence = list(proposal.evidence.select_related("event", "assessor"))
    if approve:
        if expert.status != proposal.from_status:
            raise DomainError(
                _("%(name)s is now “%(status)s”, no longer “%(from)s”: this proposal is out of date.")
                % {"name": expert.person.full_name, "status": expert.get_status_display(),
                   "from": ExpertStatus(proposal.from_status).label},
                code="stale",
            )
        check = check_step(expert=expert, to_status=proposal.to_status, today=today)
        if not check.satisfied:
            raise MissingEvidenceError(check.missing)
    decision = Decision.objects.create(
        expert=expert, proposal=proposal,
        outcome=Decision.Outcome.APPROVED if approve else Decision.Outcome.REJECTED,
        from_status=proposal.from_status, to_status=proposal.to_status,
        evidence_relied_on="\n".join(e.summary for e in evidence),
        proposed_by_id=proposal.proposed_by_id, decided_by=by, effective_on=today,
        rationale=rationale.strip(),
    )
    decision.evidence.set(evidence)
    proposal.state = Proposal.State.APPROVED if approve else Proposal.State.REJECTED
    proposal.save(update_fields=["state"])
    if approve:
        for name, value in dates_after(expert=expert, to_status=proposal.to_status,
                                       effective_on=today).items():
            setattr(expert, name, value)
        expert.status = proposal.to_status
        expert.save()
        if proposal.to_status == ExpertStatus.ACCREDITED:
            issue_accreditation_certificate(expert=expert, decision=decision, by=by)
    return decision
