from .attendance import Attendance, AttendanceReopening, AttendanceStatus, Enrolment
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
    "AttendanceReopening",
    "AttendanceStatus",
    "Enrolment",
    "EventDateChange",
    "EventDay",
    "Module",
    "TrainerAssignment",
    "TrainingEvent",
    "TrainingEventQuerySet",
]
