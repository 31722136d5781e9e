"""A person's data: export it (JSON, PDF) and erase it on request."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from documents.downloads import file_download
from people.errors import DomainError
from people.forms.privacy import ErasureForm
from people.models import Person
from people.privacy import erase_person, person_export, person_export_files, person_export_json
from people.privacy_pdf import person_export_pdf
from people.roles import ADMINISTRATOR, COORDINATOR, role_required


@never_cache
@role_required(COORDINATOR, ADMINISTRATOR)
def person_export_as_json(request, pk: int):
    person = get_object_or_404(Person, pk=pk)
    return file_download(
        person_export_json(person), content_type="application/json; charset=utf-8",
        filename=f"person-{person.pk}.json",
    )


@never_cache
@role_required(COORDINATOR, ADMINISTRATOR)
def person_export_as_pdf(request, pk: int):
    person = get_object_or_404(Person, pk=pk)
    return file_download(
        person_export_pdf(person_export(person), files=person_export_files(person)),
        content_type="application/pdf",
        filename=f"person-{person.pk}.pdf",
    )


@role_required(ADMINISTRATOR)
def person_erase(request, pk: int):
    person = get_object_or_404(Person.objects.with_relations(), pk=pk, erased_at__isnull=True)
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            erase_person(person=person, reason=form.cleaned_data["reason"], erased_by=request.user)
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The person's data was erased. Their records remain, anonymised."))
            return redirect(person)
    return render(request, "people/person_confirm_erase.html", {"person": person, "form": form})
