from .availability import UnavailabilityPeriod
from .decisions import Decision, ExpiryNotice, ImmutableRecordError, Proposal
from .evidence import EvaluationResult, Evidence, EvidenceKind
from .experts import (
    ACTIVE_STATUSES,
    Expert,
    ExpertStatus,
    accreditation_years,
    add_months,
    add_years,
    subtract_months,
)
from .home_trainings import (
    EDITABLE_STATUSES,
    HomeTraining,
    HomeTrainingParticipant,
    HomeTrainingStatus,
    ParticipantsGiven,
)
from .invitations import CoDeliveryReport, DeliveryInvitation, InvitationStatus
from .profile import ExpertLanguage, LanguageLevel, ModuleProposal

__all__ = [
    "ExpertLanguage",
    "LanguageLevel",
    "ModuleProposal",
    "UnavailabilityPeriod",
    "EDITABLE_STATUSES",
    "HomeTraining",
    "HomeTrainingParticipant",
    "HomeTrainingStatus",
    "ParticipantsGiven",
    "CoDeliveryReport",
    "DeliveryInvitation",
    "InvitationStatus",
    "ACTIVE_STATUSES",
    "Decision",
    "EvaluationResult",
    "Evidence",
    "EvidenceKind",
    "ExpiryNotice",
    "Expert",
    "ExpertStatus",
    "ImmutableRecordError",
    "Proposal",
    "accreditation_years",
    "add_months",
    "add_years",
    "subtract_months",
]
