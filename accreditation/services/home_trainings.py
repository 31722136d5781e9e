"""An accredited expert reports a training delivered at home; a coordinator reviews it.

draft → submitted → accepted | declined, or → changes requested → (edited) → submitted again.
Every change is one history row (simple_history) with who made it and why; nothing here
touches TrainingEvents or enrolments, so the WCO-run figures never move with a report.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accreditation.messages import HOME_TRAINING_DECISION
from accreditation.models import (
    EDITABLE_STATUSES,
    Expert,
    ExpertStatus,
    HomeTraining,
    HomeTrainingParticipant,
    HomeTrainingStatus,
    ParticipantsGiven,
)
from mailing.services.outbox import Draft, queue_messages
from people.errors import DomainError
from people.links import absolute_url

FIELDS = (
    "title",
    "start_date",
    "end_date",
    "format",
    "place",
    "country",
    "language",
    "host_administration",
    "participants_given",
    "women",
    "men",
    "another_gender",
    "gender_not_recorded",
)
COUNT_FIELDS = ("women", "men", "another_gender", "gender_not_recorded")


class NotAccredited(DomainError):
    def __init__(self):
        super().__init__(
            _(
                "Only accredited experts report trainings they delivered at home; your accreditation "
                "is not current. Contact the programme's coordinators if you think this is wrong."
            ),
            code="not_accredited",
        )


def check_may_report(expert: Expert) -> None:
    """Refuse an expert who is not accredited today (pre-accredited experts teach only beside
    an accredited trainer, and suspended or lapsed ones not at all)."""
    if expert.status != ExpertStatus.ACCREDITED:
        raise NotAccredited


def check_editable(home_training: HomeTraining) -> None:
    if home_training.status not in EDITABLE_STATUSES:
        raise DomainError(
            _("This report is %(status)s; it can no longer be changed.")
            % {"status": home_training.get_status_display().lower()},
            code="not_editable",
        )


def _check_values(values: dict) -> None:
    if values["end_date"] < values["start_date"]:
        raise DomainError(_("The end date is before the start date."), field="end_date")
    if values["end_date"] > timezone.localdate():
        raise DomainError(_("Report a training once it has ended."), field="end_date")
    if any(values.get(name, 0) < 0 for name in COUNT_FIELDS):
        raise DomainError(_("Counts cannot be negative."), field="women")


def _saved(home_training: HomeTraining, *, by, reason: str) -> HomeTraining:
    home_training._history_user = by
    home_training._change_reason = reason[:100]
    home_training.save()
    return home_training


@transaction.atomic
def save_home_training(
    *, expert: Expert, values: dict, modules, by, home_training: HomeTraining | None = None
) -> HomeTraining:
    """Create the expert's draft report, or change their draft (or a report sent back for
    changes). `values` holds the report's fields (see FIELDS); `modules` the modules taught."""
    check_may_report(expert)
    if home_training is None:
        home_training = HomeTraining(expert=expert)
    else:
        home_training = HomeTraining.objects.select_for_update().get(pk=home_training.pk, expert=expert)
        check_editable(home_training)
    _check_values(values)
    for name in FIELDS:
        if name in values:
            setattr(home_training, name, values[name])
    _saved(home_training, by=by, reason="Reported by the expert")
    home_training.modules.set(modules)
    return home_training


@transaction.atomic
def submit_home_training(*, home_training: HomeTraining, by) -> HomeTraining:
    """Send the report to the coordinators. It needs its participants: the imported list, or
    the counts by gender."""
    home_training = HomeTraining.objects.select_for_update().select_related("expert").get(pk=home_training.pk)
    check_may_report(home_training.expert)
    check_editable(home_training)
    if home_training.participants_given == ParticipantsGiven.NAMED:
        if not home_training.participants.exists():
            raise DomainError(_("Import the list of participants before submitting."), code="no_participants")
    elif home_training.counted_total == 0:
        raise DomainError(
            _("Give the number of participants by gender before submitting."), code="no_participants"
        )
    home_training.status = HomeTrainingStatus.SUBMITTED
    home_training.submitted_at, home_training.submitted_by = timezone.now(), by
    return _saved(home_training, by=by, reason="Submitted for review")


def _tell_the_expert(home_training: HomeTraining) -> None:
    """Queue the e-mail that tells the expert the review's outcome (sent after the commit)."""
    person = home_training.expert.person
    if not person.email:
        return
    with translation.override(person.preferred_language or "en"):
        decision = home_training.get_status_display().lower()
    queue_messages(
        drafts=[
            Draft(
                kind=HOME_TRAINING_DECISION,
                to=person.email,
                language=person.preferred_language,
                values={
                    "name": person.full_name,
                    "title": home_training.title,
                    "decision": decision,
                    "reason": home_training.reviewer_notes,
                    "link": absolute_url(reverse("accreditation:my-home-trainings")),
                },
                dedupe_key=f"home-training:{home_training.pk}:{home_training.decided_at.isoformat()}",
                person_id=person.pk,
                gender=person.gender,
                topic=("expert", home_training.expert_id),
            )
        ]
    )


def _decide(home_training: HomeTraining, *, status: str, by, notes: str, reason: str) -> HomeTraining:
    home_training = (
        HomeTraining.objects.select_for_update(of=("self",))
        .select_related("expert__person")
        .get(pk=home_training.pk)
    )
    if home_training.status != HomeTrainingStatus.SUBMITTED:
        raise DomainError(
            _("Only a submitted report can be reviewed; this one is %(status)s.")
            % {"status": home_training.get_status_display().lower()},
            code="not_submitted",
        )
    home_training.status = status
    home_training.reviewer_notes = notes.strip()
    home_training.decided_at, home_training.decided_by = timezone.now(), by
    _saved(home_training, by=by, reason=reason)
    _tell_the_expert(home_training)
    return home_training


def _require_reason(reason: str) -> None:
    if not reason.strip():
        raise DomainError(_("Say why, for the expert."), field="reason")


@transaction.atomic
def accept_home_training(*, home_training: HomeTraining, by, notes: str = "") -> HomeTraining:
    """Accept a submitted report: it counts from now on as an expert-delivered training."""
    return _decide(home_training, status=HomeTrainingStatus.ACCEPTED, by=by, notes=notes, reason="Accepted")


@transaction.atomic
def request_changes(*, home_training: HomeTraining, by, reason: str) -> HomeTraining:
    """Send a submitted report back to its expert with what to change."""
    _require_reason(reason)
    return _decide(
        home_training,
        status=HomeTrainingStatus.CHANGES_REQUESTED,
        by=by,
        notes=reason,
        reason="Changes requested",
    )


@transaction.atomic
def decline_home_training(*, home_training: HomeTraining, by, reason: str) -> HomeTraining:
    """Decline a submitted report (it does not count); the reason is shown to the expert."""
    _require_reason(reason)
    return _decide(home_training, status=HomeTrainingStatus.DECLINED, by=by, notes=reason, reason="Declined")


@transaction.atomic
def remove_participant(*, home_training: HomeTraining, participant_id: int, by) -> None:
    """Take one named official off the expert's report (a wrong row of the imported list)."""
    home_training = HomeTraining.objects.select_for_update().get(pk=home_training.pk)
    check_editable(home_training)
    participant = HomeTrainingParticipant.objects.filter(
        pk=participant_id, home_training=home_training
    ).first()
    if participant is None:
        raise DomainError(_("This official is not on the report."))
    participant._history_user = by
    participant.delete()
