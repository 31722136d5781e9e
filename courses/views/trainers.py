"""Putting trainers on an event, with the double-booking rule."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from courses.access import event_for
from courses.forms.trainers import AssignTrainerForm
from courses.models import TrainerAssignment
from courses.services.assignments import DoubleBookingError, assign_trainer, remove_trainer
from people.errors import DomainError
from people.models import Person
from people.roles import COORDINATOR, role_required


@role_required(COORDINATOR)
def trainer_assign(request, pk: int):
    """Search a person, then assign them with a role (overriding a double booking needs a reason)."""
    event = event_for(request.user, pk)
    query = request.GET.get("q", "").strip()
    results = (
        Person.objects.with_relations().filter(erased_at__isnull=True).search(query)[:20] if query else []
    )
    person_id = request.POST.get("person") or request.GET.get("person")
    form = AssignTrainerForm(request.POST or None, initial={"person": person_id})
    chosen = Person.objects.filter(pk=person_id).first() if str(person_id or "").isdigit() else None
    conflicts = []
    if request.method == "POST" and form.is_valid():
        try:
            assign_trainer(
                event=event,
                person=form.cleaned_data["person"],
                role=form.cleaned_data["role"],
                by=request.user,
                override_reason=form.cleaned_data["override_reason"],
            )
        except DoubleBookingError as error:
            form.add_error("override_reason", error.message)
            conflicts = error.conflicts
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("%(name)s is on the event.") % {"name": form.cleaned_data["person"].full_name}
            )
            return redirect(f"{event.get_absolute_url()}#trainers")
    return render(
        request,
        "courses/trainer_assign.html",
        {
            "event": event,
            "form": form,
            "query": query,
            "results": results,
            "chosen": chosen,
            "conflicts": conflicts,
        },
    )


@role_required(COORDINATOR)
def trainer_remove(request, pk: int, assignment_pk: int):
    event = event_for(request.user, pk)
    assignment = get_object_or_404(
        TrainerAssignment.objects.select_related("person"), pk=assignment_pk, event=event
    )
    error = None
    if request.method == "POST":
        try:
            remove_trainer(assignment=assignment, by=request.user)
        except DomainError as refusal:
            error = refusal.message
        else:
            messages.success(
                request, _("%(name)s was taken off the event.") % {"name": assignment.person.full_name}
            )
            return redirect(f"{event.get_absolute_url()}#trainers")
    return render(
        request,
        "courses/confirm.html",
        {
            "event": event,
            "title": _("Take this trainer off the event?"),
            "body": f"{assignment.person.full_name} – {assignment.get_role_display()}",
            "button": _("Remove"),
            "error": error,
        },
    )
