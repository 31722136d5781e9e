"""Editing the wording of the messages, with a preview, per kind and language."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mailing.forms.templates import TemplateForm
from mailing.kinds import all_kinds, kind_for
from mailing.models import MessageTemplate
from mailing.rendering import Wording, wording
from mailing.rendering import render as render_wording
from mailing.services.templates import reset_template, save_template
from people.errors import DomainError
from people.roles import ADMINISTRATOR, COORDINATOR, role_required


@role_required(COORDINATOR, ADMINISTRATOR)
def template_list(request):
    edited = {(t.kind, t.language): t for t in MessageTemplate.objects.select_related("updated_by")}
    rows = [
        {
            "kind": kind,
            "languages": [(code, name, edited.get((kind.key, code))) for code, name in settings.LANGUAGES],
        }
        for kind in all_kinds()
    ]
    return render(request, "mailing/template_list.html", {"rows": rows})


@role_required(COORDINATOR, ADMINISTRATOR)
def template_edit(request, kind: str, language: str):
    message_kind = kind_for(kind)
    languages = dict(settings.LANGUAGES)
    if message_kind is None or language not in languages:
        raise Http404
    current = wording(message_kind, language)
    form = TemplateForm(request.POST or None, initial={"subject": current.subject, "body": current.body})
    action = request.POST.get("action")
    shown = current
    if request.method == "POST" and action == "reset":
        reset_template(kind=message_kind, language=language)
        messages.success(request, _("The built-in wording is used again."))
        return redirect("mailing:template-edit", kind=kind, language=language)
    if request.method == "POST" and form.is_valid():
        shown = Wording(form.cleaned_data["subject"], form.cleaned_data["body"], edited=True)
        if action == "save":
            try:
                save_template(
                    kind=message_kind,
                    language=language,
                    by=request.user,
                    subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["body"],
                )
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("The new wording is saved; messages queued from now on use it."))
                return redirect("mailing:template-edit", kind=kind, language=language)
    return render(
        request,
        "mailing/template_edit.html",
        {
            "kind": message_kind,
            "language": language,
            "language_name": languages[language],
            "form": form,
            "edited": current.edited,
            "preview": render_wording(shown, message_kind.sample(), language=language),
        },
    )
