"""The Information Note of an event: sections written by the coordinator, PDF and text."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.information_note import build_note, render_pdf, render_text
from courses.models import TrainingEvent
from courses.services.events import update_note_sections
from documents.downloads import PDF, file_download
from people.roles import ADMINISTRATOR, COORDINATOR, is_coordinator, role_required

NOTE_LANGUAGES = [("en", "English"), ("fr", "Français"), ("es", "Español"), ("ru", "Русский")]


class NoteSectionsForm(forms.ModelForm):
    class Meta:
        model = TrainingEvent
        fields = ["background", "highlights", "additional_comments"]
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in fields}
        help_texts = {
            "background": gettext_lazy("Who invited whom, when and why."),
            "highlights": gettext_lazy(
                "Opening remarks, sessions, anything notable. Leave a blank line between paragraphs."
            ),
            "additional_comments": gettext_lazy("For example a contact for further information."),
        }


def _note_language(request) -> str:
    language = request.GET.get("lang", "en")
    return language if language in dict(NOTE_LANGUAGES) else "en"


def _event_for(request, pk: int) -> TrainingEvent:
    return get_object_or_404(TrainingEvent.objects.visible_to(request.user), pk=pk)


@role_required(COORDINATOR, ADMINISTRATOR)
def event_note(request, pk: int):
    event = _event_for(request, pk)
    if request.method == "POST" and not is_coordinator(request.user):
        raise PermissionDenied  # administrators read the note; coordinators write it
    form = NoteSectionsForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        update_note_sections(event=event, **form.cleaned_data, by=request.user)
        messages.success(request, _("The Information Note was saved."))
        return redirect("courses:event-note", pk=event.pk)
    language = _note_language(request)
    return render(request, "courses/event_note.html", {
        "event": event, "form": form, "note": build_note(event, language), "language": language,
        "note_languages": NOTE_LANGUAGES,
    })


def _filename(event: TrainingEvent, language: str, extension: str) -> str:
    return f"information-note-{slugify(event.title)[:60]}-{language}.{extension}"


@role_required(COORDINATOR, ADMINISTRATOR)
def event_note_pdf(request, pk: int):
    event = _event_for(request, pk)
    language = _note_language(request)
    return file_download(
        render_pdf(build_note(event, language)), content_type=PDF, filename=_filename(event, language, "pdf")
    )


@role_required(COORDINATOR, ADMINISTRATOR)
def event_note_text(request, pk: int):
    event = _event_for(request, pk)
    language = _note_language(request)
    text = render_text(build_note(event, language))
    return file_download(
        text, content_type="text/plain; charset=utf-8", inline=True,
        filename=_filename(event, language, "txt"),
    )
