from .attendance import Attendance, AttendanceReopening, AttendanceStatus, Enrolment
from .curriculum import LocalisedModule, Module, ModuleTranslation
from .events import (
    ALLOWED_TRANSITIONS,
    AgendaItem,
    EventDateChange,
    EventDay,
    TrainerAssignment,
    TrainingEvent,
    TrainingEventQuerySet,
)
from .feeds import CalendarFeed
from .merges import PersonMerge

__all__ = [
    "ALLOWED_TRANSITIONS",
    "PersonMerge",
    "AgendaItem",
    "Attendance",
    "AttendanceReopening",
    "AttendanceStatus",
    "CalendarFeed",
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
