"""Merging a duplicate person record into another: their enrolments, roles and history move."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from courses.forms.merges import MergeForm
from courses.services.people_merge import merge_people
from people.errors import DomainError
from people.models import Person
from people.roles import ADMINISTRATOR, COORDINATOR, role_required


@role_required(COORDINATOR, ADMINISTRATOR)
def person_merge(request, pk: int):
    """Find the duplicate of this person, compare the two, then merge it into this record."""
    person = get_object_or_404(Person.objects.with_relations(), pk=pk, erased_at__isnull=True)
    query = request.GET.get("q", "").strip() or person.family_name
    candidates = (
        Person.objects.with_relations()
        .filter(erased_at__isnull=True)
        .exclude(pk=person.pk)
        .search(query)[:25]
    )
    form = MergeForm(request.POST or None, initial={"other": request.GET.get("other")})
    other_id = request.POST.get("other") or request.GET.get("other")
    other = (
        Person.objects.with_relations()
        .filter(pk=other_id, erased_at__isnull=True)
        .exclude(pk=person.pk)
        .first()
        if str(other_id or "").isdigit()
        else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            merge_people(
                keep=person,
                remove=form.cleaned_data["other"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The two records are merged into this one."))
            return redirect(person)
    context = {"person": person, "other": other, "form": form, "query": query, "candidates": candidates}
    if other is not None:
        context["other_counts"] = {
            "enrolments": other.enrolments.count(),
            "assignments": other.assignments.count(),
        }
    return render(request, "courses/person_merge.html", context)
