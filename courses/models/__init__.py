from .attendance import Attendance, AttendanceStatus, Enrolment
from .curriculum import LocalisedModule, Module, ModuleTranslation
from .events import (
    AgendaItem,
    EventDateChange,
    EventDay,
    TrainerAssignment,
    TrainingEvent,
    TrainingEventQuerySet,
)

__all__ = [
    "AgendaItem",
    "Attendance",
    "AttendanceStatus",
    "Enrolment",
    "EventDateChange",
    "EventDay",
    "LocalisedModule",
    "Module",
    "ModuleTranslation",
    "TrainerAssignment",
    "TrainingEvent",
    "TrainingEventQuerySet",
]
