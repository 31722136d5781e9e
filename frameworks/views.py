"""Coordinators keep the reference list of operative paragraphs and tag events with what they
serve and who funds them."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.models import TrainingEvent
from frameworks.forms import EventFrameworkForm, FundingSourceForm, ParagraphForm
from frameworks.models import EventFramework, FundingSource, OperativeParagraph
from frameworks.services.events import add_funding_source, remove_funding_source, set_event_framework
from frameworks.services.paragraphs import save_paragraph
from people.errors import DomainError
from people.roles import ADMINISTRATOR, COORDINATOR, role_required


@role_required(COORDINATOR, ADMINISTRATOR)
def paragraph_list(request):
    paragraphs = OperativeParagraph.objects.select_related("resolution").prefetch_related("translations")
    return render(request, "frameworks/paragraph_list.html", {"paragraphs": paragraphs})


def _paragraph_page(request, paragraph: OperativeParagraph | None):
    initial = ParagraphForm.initial_for(paragraph) if paragraph else None
    form = ParagraphForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            save_paragraph(paragraph=paragraph, resolution=data["resolution"], number=data["number"],
                           text=data["text"], is_summary=data["is_summary"],
                           translations=form.translations(), by=request.user)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("The operative paragraph was saved."))
            return redirect("frameworks:paragraph-list")
    return render(request, "frameworks/paragraph_form.html", {"form": form, "paragraph": paragraph})


@role_required(COORDINATOR)
def paragraph_create(request):
    return _paragraph_page(request, None)


@role_required(COORDINATOR)
def paragraph_edit(request, pk: int):
    paragraph = get_object_or_404(
        OperativeParagraph.objects.select_related("resolution").prefetch_related("translations"), pk=pk
    )
    return _paragraph_page(request, paragraph)


def _event(request, pk: int) -> TrainingEvent:
    return get_object_or_404(TrainingEvent.objects.visible_to(request.user), pk=pk)


def _save_framework(request, event, form) -> bool:
    if not form.is_valid():
        return False
    set_event_framework(event=event, programme_area=form.cleaned_data["programme_area"],
                        paragraphs=form.cleaned_data["paragraphs"], by=request.user)
    messages.success(request, _("The programme area and the paragraphs served were saved."))
    return True


def _save_funding(request, event, form) -> bool:
    if not form.is_valid():
        return False
    try:
        add_funding_source(event=event, by=request.user, **form.cleaned_data)
    except DomainError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return False
    messages.success(request, _("The funding source was added."))
    return True


@role_required(COORDINATOR)
def event_frameworks(request, pk: int):
    event = _event(request, pk)
    framework = EventFramework.objects.filter(event=event).first()
    posted = request.POST.get("part") if request.method == "POST" else None
    framework_form = EventFrameworkForm(
        request.POST if posted == "framework" else None,
        initial={"programme_area": framework.programme_area, "paragraphs": list(framework.paragraphs.all())}
        if framework else None,
    )
    funding_form = FundingSourceForm(request.POST if posted == "funding" else None)
    if posted == "framework" and _save_framework(request, event, framework_form):
        return redirect("frameworks:event-frameworks", pk=event.pk)
    if posted == "funding" and _save_funding(request, event, funding_form):
        return redirect("frameworks:event-frameworks", pk=event.pk)
    return render(request, "frameworks/event_frameworks.html", {
        "event": event, "framework_form": framework_form, "funding_form": funding_form,
        "sources": FundingSource.objects.filter(event=event).select_related("donor"),
    })


@require_POST
@role_required(COORDINATOR)
def funding_remove(request, pk: int, source_pk: int):
    event = _event(request, pk)
    source = get_object_or_404(FundingSource, event=event, pk=source_pk)
    remove_funding_source(source=source, by=request.user)
    messages.success(request, _("The funding source was removed."))
    return redirect("frameworks:event-frameworks", pk=event.pk)
