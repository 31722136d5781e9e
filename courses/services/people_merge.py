"""Merging two records of the same official into one (imports are the usual source of twins)."""

from django.db import IntegrityError, models, transaction
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _

from courses.models import AgendaItem, Attendance, Enrolment, PersonMerge, TrainerAssignment
from people.errors import DomainError
from people.models import Gender, Person

# Fields copied from the removed record when the kept one has nothing there.
FILLABLE = ("given_name", "latin_name", "country", "organisation", "position", "email")


def _history_model(model):
    history = getattr(model, "history", None)
    return getattr(history, "model", None)


def _move_history(model, field_name: str, remove: Person, keep: Person) -> None:
    historical = _history_model(model)
    if historical is not None:
        historical.objects.filter(**{f"{field_name}_id": remove.pk}).update(**{f"{field_name}_id": keep.pk})


def _merge_enrolments(keep: Person, remove: Person) -> int:
    moved = 0
    kept_by_event = {e.event_id: e for e in Enrolment.objects.filter(person=keep)}
    for enrolment in Enrolment.objects.filter(person=remove):
        twin = kept_by_event.get(enrolment.event_id)
        if twin is None:
            enrolment.person = keep
            enrolment.save(update_fields=["person"])
        else:
            # Both records were enrolled on the same event: keep one enrolment, with every day
            # of attendance either of them has (the kept record's entry wins on the same day).
            taken = set(twin.attendance.values_list("day_id", flat=True))
            Attendance.objects.filter(enrolment=enrolment).exclude(day_id__in=taken).update(enrolment=twin)
            if twin.status == Enrolment.Status.WITHDRAWN and enrolment.status == Enrolment.Status.ENROLLED:
                twin.status, twin.withdrawn_at, twin.withdrawal_reason = enrolment.status, None, ""
                twin.save()
            enrolment.delete()
        moved += 1
    _move_history(Enrolment, "person", remove, keep)
    return moved


def _merge_assignments(keep: Person, remove: Person) -> int:
    moved = 0
    kept_events = set(TrainerAssignment.objects.filter(person=keep).values_list("event_id", flat=True))
    for assignment in TrainerAssignment.objects.filter(person=remove):
        if assignment.event_id in kept_events:
            try:
                assignment.delete()
            except models.ProtectedError as exc:
                # Accreditation evidence relies on this assignment: dropping it would break
                # the record a decision stands on.
                raise DomainError(
                    _("Both records have a %(what)s; resolve that before merging.")
                    % {"what": TrainerAssignment._meta.verbose_name}
                ) from exc
        else:
            assignment.person = keep
            assignment.save(update_fields=["person"])
        moved += 1
    _move_history(TrainerAssignment, "person", remove, keep)
    return moved


def _merge_speakers(keep: Person, remove: Person) -> int:
    through = AgendaItem.speakers.through
    kept_items = set(through.objects.filter(person=keep).values_list("agendaitem_id", flat=True))
    rows = through.objects.filter(person=remove)
    moved = rows.count()
    rows.filter(agendaitem_id__in=kept_items).delete()
    rows.update(person=keep)
    return moved


def _merge_other_relations(keep: Person, remove: Person, handled: set) -> dict[str, int]:
    """Everything else that points at a person (certificates, expert records, …), whichever
    app defines it, so that the merge keeps working as the application grows."""
    moved = {}
    for relation in Person._meta.related_objects:
        if relation.related_model in handled or relation.many_to_many:
            continue
        field_name = relation.field.name
        rows = relation.related_model._base_manager.filter(**{field_name: remove})
        count = rows.count()
        if not count:
            continue
        try:
            with transaction.atomic():
                rows.update(**{field_name: keep})
        except IntegrityError as exc:
            raise DomainError(
                _("Both records have a %(what)s; resolve that before merging.")
                % {"what": relation.related_model._meta.verbose_name}
            ) from exc
        _move_history(relation.related_model, field_name, remove, keep)
        moved[str(relation.related_model._meta.verbose_name_plural)] = count
    return moved


@transaction.atomic
def merge_people(*, keep: Person, remove: Person, reason: str = "", by=None) -> PersonMerge:
    """Move everything of `remove` (enrolments, assignments, agenda slots, certificates and any
    other record, and its history) to `keep`, fill `keep`'s empty fields from it, delete it,
    and record the merge."""
    if keep.pk == remove.pk:
        raise DomainError(_("Choose two different records."), field="other")
    keep, remove = (
        Person.objects.select_for_update().get(pk=keep.pk),
        Person.objects.select_for_update().get(pk=remove.pk),
    )
    if keep.user_id and remove.user_id:
        raise DomainError(_("Both records have a user account; only one can be kept."), field="other")
    snapshot = model_to_dict(remove, exclude=["search_text"])
    snapshot = {k: (v.pk if isinstance(v, models.Model) else v) for k, v in snapshot.items()}
    moved = {
        "enrolments": _merge_enrolments(keep, remove),
        "trainer assignments": _merge_assignments(keep, remove),
        "agenda items": _merge_speakers(keep, remove),
    }
    moved |= _merge_other_relations(
        keep, remove, handled={Enrolment, TrainerAssignment, PersonMerge}
    )
    PersonMerge.objects.filter(kept=remove).update(kept=keep)
    Person.history.filter(id=remove.pk).update(id=keep.pk)

    for name in FILLABLE:
        if not getattr(keep, name) and getattr(remove, name):
            setattr(keep, name, getattr(remove, name))
    if keep.gender == Gender.NOT_RECORDED:
        keep.gender = remove.gender
    user = remove.user
    removed_pk = remove.pk
    remove._change_reason = f"Merged into #{keep.pk}"
    remove.delete()
    if user and not keep.user_id:
        keep.user = user
    keep._change_reason = f"Merged with #{removed_pk}"
    keep.save()
    return PersonMerge.objects.create(
        kept=keep, removed_person_id=removed_pk, removed_snapshot=snapshot, moved=moved,
        reason=(reason or "").strip(), merged_by=by,
    )
