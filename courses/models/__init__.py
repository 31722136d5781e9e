from .attendance import Attendance, AttendanceStatus, Enrolment
from .curriculum import Module
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
    "Module",
    "TrainerAssignment",
    "TrainingEvent",
    "TrainingEventQuerySet",
]
