"""Who completed the trainings a dashboard selects, from a packed list per training.

"Officials who completed" is a number of distinct people over every enrolment of the
selected trainings, each judged by its training's completion rule: counted by the database,
that is the rule evaluated over hundreds of thousands of enrolments for a wide filter. Who
completed a training changes only when something the rule reads changes, so each training
keeps the list of people who completed it, packed, labelled with the version of the training
that triggers bump at every such change (reporting.triggers.completion_triggers); a list
found stale is worked out again, for its training alone.
"""

# The SQL below is assembled from constants and Django's own compiled query; values are
# passed as parameters.
# ruff: noqa: S608

import numpy as np
from django.db import transaction
from django.db.models import Q, Value
from django.db.models.functions import Coalesce

from courses.completion import completed_among, counted_and_attended, rule_met
from courses.models import Enrolment, TrainingEvent

from .cells import binary_cursor, dense_people
from .models import CompletionVersion, PackedCompleters
from .triggers import COMPLETION_VERSION, PACKED_COMPLETERS

# Up to this many stale trainings are worked out by id; more (after a recount), by the query
# that selected them.
STALE_EVENTS_READ_BY_ID = 1000


def completed_enrolments(enrolments):
    """Those of `enrolments` that met their training's completion rule: the event page's rule
    (courses.completion), over the kept counts (attendance per enrolment, days per training)
    for those who joined on the first day, and over the records for late joiners, whose days
    before joining do not count."""
    counted_days, attended_days = counted_and_attended(
        Coalesce("event__counts__days", Value(0)),
        Coalesce("attendance_counts__excused", Value(0)),
        Coalesce("attendance_counts__attended", Value(0)),
    )
    late_joiners = completed_among(enrolments.filter(joined_on__isnull=False)).values("pk")
    return enrolments.annotate(counted_days=counted_days, attended_days=attended_days).filter(
        (Q(joined_on__isnull=True) & rule_met()) | Q(pk__in=late_joiners)
    )


def completed_people(events, *, using: str = "default") -> int:
    """Distinct people who completed one of `events` (a queryset of trainings): one query when
    every list is current."""
    selected, params = events.using(using).values("id").query.sql_with_params()
    with binary_cursor(using) as cursor:
        # A training without a version has had nobody enrolled since the recount: no list.
        cursor.execute(
            f"SELECT v.event_id, v.version, p.version, p.people FROM {COMPLETION_VERSION} v "
            f"LEFT JOIN {PACKED_COMPLETERS} p ON p.event_id = v.event_id WHERE v.event_id IN ({selected})",
            params,
        )
        rows = cursor.fetchall()
    stale = {
        event_id: version for event_id, version, packed_version, _people in rows if packed_version != version
    }
    repacked = _pack(stale, events, using=using) if stale else {}
    lists = [repacked.get(event_id, people) for event_id, _version, _packed_version, people in rows]
    people = np.frombuffer(b"".join(data for data in lists if data), dtype="<i8")
    if not len(people):
        return 0
    person, size = dense_people(people)
    return int(np.count_nonzero(np.bincount(person, minlength=size)))


def _pack(stale: dict[int, int], events, *, using: str) -> dict[int, bytes]:
    """Work out who completed each stale training, keep the lists and return them by training.

    Each list is labelled with the version read *before* the records: a change made since
    then has bumped the version past it, so the list is worked out again next time."""
    enrolments = Enrolment.objects.using(using).filter(status=Enrolment.Status.ENROLLED)
    if len(stale) <= STALE_EVENTS_READ_BY_ID:
        enrolments = enrolments.filter(event_id__in=list(stale))
    else:
        enrolments = enrolments.filter(event__in=events.using(using).values("id"))
    completers: dict[int, list[int]] = {event_id: [] for event_id in stale}
    for event_id, person_id in completed_enrolments(enrolments).values_list("event_id", "person_id"):
        found = completers.get(event_id)
        if found is not None:
            found.append(person_id)
    packed = {
        event_id: np.unique(np.array(ids, dtype="<i8")).tobytes() for event_id, ids in completers.items()
    }
    with transaction.atomic(using=using):
        PackedCompleters.objects.using(using).bulk_create(
            [
                PackedCompleters(event_id=event_id, version=version, people=packed[event_id])
                for event_id, version in stale.items()
            ],
            update_conflicts=True,
            unique_fields=["event"],
            update_fields=["version", "people"],
            batch_size=500,
        )
    return packed


def pack_every_training(using: str = "default") -> None:
    """Work out every training's list at once, after a recount (seed_scale, migrations)."""
    stale = dict(CompletionVersion.objects.using(using).values_list("event_id", "version"))
    if stale:
        _pack(stale, TrainingEvent.objects.using(using).all(), using=using)
