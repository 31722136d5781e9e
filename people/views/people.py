"""The directory of everyone the programme knows."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from documents.spreadsheets import DATETIME, Column
from people.errors import DomainError
from people.forms.people import PersonFilter, PersonForm
from people.lists import Header, ListPage
from people.models import Person
from people.roles import ADMINISTRATOR, COORDINATOR, role_required
from people.sections import actions_for, sections_for
from people.services.people import create_person, update_person

PEOPLE = ListPage(
    name="people",
    title=gettext_lazy("People"),
    filterset=PersonFilter,
    sorts={
        "name": ("family_name", "given_name", "pk"),
        "-name": ("-family_name", "-given_name", "-pk"),
        "country": ("country__name", "family_name", "pk"),
        "-country": ("-country__name", "family_name", "pk"),
        "organisation": ("organisation__name", "family_name", "pk"),
        "-organisation": ("-organisation__name", "family_name", "pk"),
        "created": ("created_at", "pk"),
        "-created": ("-created_at", "-pk"),
    },
    default_sort="name",
    page_size=50,
    headers=[
        Header(gettext_lazy("Name"), sort="name"),
        Header(gettext_lazy("Gender")),
        Header(gettext_lazy("Country"), sort="country"),
        Header(gettext_lazy("Organisation"), sort="organisation"),
        Header(gettext_lazy("E-mail")),
    ],
    columns=[
        Column(gettext_lazy("Given name"), lambda p: p.given_name),
        Column(gettext_lazy("Family name"), lambda p: p.family_name),
        Column(gettext_lazy("Name in Latin script"), lambda p: p.latin_name),
        Column(gettext_lazy("Gender"), lambda p: p.get_gender_display()),
        Column(gettext_lazy("Country"), lambda p: p.country),
        Column(gettext_lazy("Organisation"), lambda p: p.organisation),
        Column(pgettext_lazy("job", "Position"), lambda p: p.position),
        Column(gettext_lazy("E-mail"), lambda p: p.email),
        Column(gettext_lazy("Preferred language"), lambda p: p.get_preferred_language_display()),
        Column(gettext_lazy("Added"), lambda p: p.created_at, DATETIME),
    ],
)


@role_required(COORDINATOR, ADMINISTRATOR)
def person_list(request):
    people = Person.objects.with_relations().filter(erased_at__isnull=True)
    return PEOPLE.apply(request, people).response("people/person_list.html")


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
