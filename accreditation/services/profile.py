"""The expert's own profile: languages with their level and topics are theirs to keep; the
modules they can teach change only through proposals that a coordinator decides."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accreditation.models import Expert, ExpertLanguage, ModuleProposal
from courses.models import Module
from people.errors import DomainError
from people.models import Language


@transaction.atomic
def keep_profile(*, expert: Expert, levels: dict[Language, str], topics: str, by) -> Expert:
    """Replace the expert's languages (with levels) and topics. Expert.languages follows the
    levels, so Find trainers filters by the same set; the Expert's history records the change."""
    ExpertLanguage.objects.filter(expert=expert).exclude(language__in=list(levels)).delete()
    for language, level in levels.items():
        ExpertLanguage.objects.update_or_create(expert=expert, language=language, defaults={"level": level})
    expert.languages.set(list(levels))
    expert.topics = topics.strip()
    expert._history_user = by
    expert._change_reason = "profile kept by the expert"
    expert.save(update_fields=["topics"])
    return expert


@transaction.atomic
def propose_modules(*, expert: Expert, modules: list[Module], by) -> list[ModuleProposal]:
    """Turn the modules the expert says they can teach into proposals: one to add each new
    module, one to remove each dropped one (a change already waiting is not proposed twice)."""
    wanted, current = set(modules), set(expert.modules.all())
    pending = expert.module_proposals.filter(status=ModuleProposal.Status.PENDING)
    waiting = set(pending.values_list("module", flat=True))
    changes = [(m, ModuleProposal.Change.ADD) for m in wanted - current] + [
        (m, ModuleProposal.Change.REMOVE) for m in current - wanted
    ]
    proposals = []
    for module, change in sorted(changes, key=lambda pair: pair[0].code):
        if module.pk in waiting:
            continue
        proposal = ModuleProposal(expert=expert, module=module, change=change)
        proposal._history_user = by
        proposal.save()
        proposals.append(proposal)
    return proposals


@transaction.atomic
def decide_module_proposal(*, proposal: ModuleProposal, accept: bool, by) -> ModuleProposal:
    """A coordinator accepts (the expert's modules change) or refuses a proposal; deciding twice
    is refused."""
    locked = ModuleProposal.objects.select_for_update(of=("self",)).select_related("expert", "module")
    proposal = locked.get(pk=proposal.pk)
    if proposal.status != ModuleProposal.Status.PENDING:
        raise DomainError(_("This proposal has already been decided."), code="decided")
    if accept:
        if proposal.change == ModuleProposal.Change.ADD:
            proposal.expert.modules.add(proposal.module)
        else:
            proposal.expert.modules.remove(proposal.module)
    proposal.status = ModuleProposal.Status.ACCEPTED if accept else ModuleProposal.Status.REFUSED
    proposal.decided_by, proposal.decided_at = by, timezone.now()
    proposal._history_user = by
    proposal.save()
    return proposal
