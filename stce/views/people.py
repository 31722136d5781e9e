"""The directory of everyone the programme knows."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from courses.models import PersonMerge
from courses.scheduling_forms import MergeForm
from courses.services.people_merge import merge_people
from stce.errors import DomainError
from stce.forms import PersonForm, PersonSearchForm
from stce.models import Person
from stce.roles import ADMINISTRATOR, COORDINATOR, role_required

PEOPLE_SORTS = {
    "name": ("family_name", "given_name"),
    "-name": ("-family_name", "-given_name"),
    "country": ("country__name", "family_name"),
    "organisation": ("organisation__name", "family_name"),
    "-created": ("-created_at",),
}


@role_required(COORDINATOR, ADMINISTRATOR)
def person_list(request):
    form = PersonSearchForm(request.GET or None)
    people = Person.objects.with_relations().filter(erased_at__isnull=True)
    if form.is_valid():
        data = form.cleaned_data
        if data.get("q"):
            people = people.search(data["q"])
        if data.get("country"):
            people = people.filter(country=data["country"])
        if data.get("organisation"):
            people = people.filter(organisation=data["organisation"])
        if data.get("gender"):
            people = people.filter(gender=data["gender"])
    sort = request.GET.get("sort", "name")
    people = people.order_by(*PEOPLE_SORTS.get(sort, PEOPLE_SORTS["name"]))
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "stce/person_list.html",
        {"form": form, "page_obj": page, "sort": sort},
    )


@role_required(COORDINATOR, ADMINISTRATOR)
def person_detail(request, pk: int):
    """The person, their training history, roles on events, certificates and merges."""
    person = get_object_or_404(Person.objects.with_relations(), pk=pk)
    assignments = person.assignments.select_related("event__host_country").order_by("-event__start_date")
    merges = PersonMerge.objects.filter(kept=person).select_related("merged_by")
    return render(
        request,
        "stce/person_detail.html",
        {
            "person": person,
            "assignments": assignments,
            "merges": merges,
        },
    )


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
    return render(request, "stce/person_merge.html", context)


@role_required(COORDINATOR, ADMINISTRATOR)
def person_create(request):
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = form.save()
        messages.success(request, _("%(name)s was added.") % {"name": person.full_name})
        return redirect(person)
    return render(request, "stce/person_form.html", {"form": form, "creating": True})


@role_required(COORDINATOR, ADMINISTRATOR)
def person_edit(request, pk: int):
    person = get_object_or_404(Person, pk=pk, erased_at__isnull=True)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Changes to %(name)s were saved.") % {"name": person.full_name})
        return redirect(person)
    return render(request, "stce/person_form.html", {"form": form, "person": person})
