"""The directory of everyone the programme knows."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from people.errors import DomainError
from people.forms.people import PersonForm, PersonSearchForm
from people.models import Person
from people.roles import ADMINISTRATOR, COORDINATOR, role_required
from people.sections import actions_for, sections_for
from people.services.people import create_person, update_person

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
        "people/person_list.html",
        {"form": form, "page_obj": page, "sort": sort},
    )


@role_required(COORDINATOR, ADMINISTRATOR)
def person_detail(request, pk: int):
    """The person, and what the apps above this one show about them (sections)."""
    person = get_object_or_404(Person.objects.with_relations(), pk=pk)
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "sections": sections_for(request, person),
            "actions": actions_for(request, person),
        },
    )


@role_required(COORDINATOR, ADMINISTRATOR)
def person_create(request):
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = create_person(values=form.cleaned_data, by=request.user)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("%(name)s was added.") % {"name": person.full_name})
            return redirect(person)
    return render(request, "people/person_form.html", {"form": form, "creating": True})


@role_required(COORDINATOR, ADMINISTRATOR)
def person_edit(request, pk: int):
    person = get_object_or_404(Person, pk=pk, erased_at__isnull=True)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            person = update_person(person=person, values=form.cleaned_data, by=request.user)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Changes to %(name)s were saved.") % {"name": person.full_name})
            return redirect(person)
    return render(request, "people/person_form.html", {"form": form, "person": person})
