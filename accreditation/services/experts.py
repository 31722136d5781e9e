"""Nominating experts and preparing them for a workshop."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accreditation.models import Expert
from courses.models import Enrolment, TrainingEvent
from people.errors import DomainError
from people.models import Organisation, Person


@transaction.atomic
def nominate_expert(
    *,
    person: Person,
    nominating_administration: Organisation | None,
    nominated_on: datetime.date | None = None,
    profile: str = "",
    languages=(),
    modules=(),
) -> Expert:
    """Register a person as a nominated expert. A person can be an expert only once."""
    if Expert.objects.filter(person=person).exists():
        raise DomainError(
            _("%(name)s is already in the experts registry.") % {"name": person.full_name},
            field="person", code="duplicate_expert",
        )
    try:
        with transaction.atomic():
            expert = Expert.objects.create(
                person=person, nominating_administration=nominating_administration,
                nominated_on=nominated_on or timezone.localdate(), profile=profile,
            )
    except IntegrityError as exc:
        raise DomainError(
            _("%(name)s is already in the experts registry.") % {"name": person.full_name},
            field="person", code="duplicate_expert",
        ) from exc
    expert.languages.set(languages)
    expert.modules.set(modules)
    return expert


@transaction.atomic
def update_expert_profile(
    *,
    expert: Expert,
    nominating_administration: Organisation | None,
    languages=(),
    modules=(),
    profile: str = "",
    by=None,
) -> Expert:
    """Change what the registry says about an expert: who nominated them, the languages they
    train in, the modules they can deliver and their short profile. Their status and dates
    move only through proposals and decisions."""
    expert = Expert.objects.select_for_update().get(pk=expert.pk)
    expert.nominating_administration = nominating_administration
    expert.profile = profile
    if by is not None:
        expert._history_user = by
    expert.save()
    expert.languages.set(languages)
    expert.modules.set(modules)
    return expert


@transaction.atomic
def enrol_on_workshop(*, expert: Expert, event: TrainingEvent, by=None) -> Enrolment:
    """Give a nominated expert a place on a Train-the-Trainer workshop (idempotent)."""
    if event.kind != TrainingEvent.Kind.TTT:
        raise DomainError(_("%(event)s is not a Train-the-Trainer workshop.") % {"event": event.title},
                          field="event")
    if event.status == TrainingEvent.Status.CANCELLED:
        raise DomainError(_("%(event)s is cancelled.") % {"event": event.title}, field="event")
    enrolment, created = Enrolment.objects.get_or_create(
        event=event, person=expert.person, defaults={"enrolled_by": by}
    )
    if not created and enrolment.status != Enrolment.Status.ENROLLED:
        enrolment.status = Enrolment.Status.ENROLLED
        enrolment.save(update_fields=["status"])
    return enrolment


def forget_erased_experts_profile(sender, *, person: Person, **kwargs) -> None:
    """On erasure (people.privacy.person_erased), blank the expert's short profile, which is free
    text about the person, here and in its history; status and dates stay for the figures."""
    expert = Expert.objects.filter(person=person).first()
    if expert is None:
        return
    Expert.history.filter(id=expert.pk).update(profile="")
    if expert.profile:
        expert.profile = ""
        expert._change_reason = "Person erased on request"
        expert.save(update_fields=["profile"])
