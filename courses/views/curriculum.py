"""Browsing and maintaining the WCO STCE Training Curriculum."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from courses.forms.curriculum import (
    ModuleFilter,
    ModuleForm,
    module_translation_forms,
    translation_values,
)
from courses.models import Module
from courses.services.curriculum import create_module, reactivate_module, retire_module, update_module
from documents.spreadsheets import DECIMAL, Column
from people.errors import DomainError
from people.lists import Header, ListPage
from people.roles import ADMINISTRATOR, COORDINATOR, TRAINER, role_required

MODULES = ListPage(
    name="curriculum",
    title=gettext_lazy("Curriculum modules"),
    filterset=ModuleFilter,
    sorts={
        "code": ("code",),
        "-code": ("-code",),
        "title": ("title", "code"),
        "-title": ("-title", "code"),
        "hours": ("hours", "code"),
        "-hours": ("-hours", "code"),
    },
    default_sort="code",
    page_size=25,
    headers=[
        Header(gettext_lazy("Code"), sort="code"),
        Header(gettext_lazy("Title"), sort="title"),
        Header(gettext_lazy("Topic area")),
        Header(gettext_lazy("Hours"), sort="hours"),
        Header(gettext_lazy("Status")),
    ],
    columns=[
        Column(gettext_lazy("Code"), lambda m: m.code),
        Column(gettext_lazy("Title"), lambda m: m.localised().title),
        Column(gettext_lazy("Topic area"), lambda m: m.get_topic_area_display()),
        Column(gettext_lazy("Hours"), lambda m: m.hours, DECIMAL),
        Column(gettext_lazy("Status"), lambda m: _("Active") if m.active else _("Retired")),
        Column(gettext_lazy("Introduced in"), lambda m: m.introduced_in),
        Column(gettext_lazy("Summary"), lambda m: m.localised().summary),
    ],
)


@role_required(COORDINATOR, ADMINISTRATOR, TRAINER)
def module_list(request):
    modules = Module.objects.prefetch_related("translations")
    return MODULES.apply(request, modules).response("courses/module_list.html")


@role_required(COORDINATOR, ADMINISTRATOR, TRAINER)
def module_detail(request, pk: int):
    module = get_object_or_404(Module.objects.prefetch_related("translations"), pk=pk)
    return render(request, "courses/module_detail.html", {"module": module, "localised": module.localised()})


def _module_form_page(request, module: Module | None):
    data = request.POST if request.method == "POST" else None
    form = ModuleForm(data, instance=module)
    translation_forms = module_translation_forms(module or Module(), data)
    if data is not None and form.is_valid() and all(f.is_valid() for f in translation_forms):
        translations = translation_values(translation_forms)
        try:
            if module is None:
                saved = create_module(values=form.cleaned_data, translations=translations, by=request.user)
            else:
                saved = update_module(
                    module=module, values=form.cleaned_data, translations=translations, by=request.user
                )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            message = _("Module %(code)s was added.") if module is None else _("Module %(code)s was saved.")
            messages.success(request, message % {"code": saved.code})
            return redirect(saved)
    return render(request, "courses/module_form.html", {
        "form": form, "translation_forms": translation_forms, "module": module, "creating": module is None,
    })


@role_required(COORDINATOR)
def module_create(request):
    return _module_form_page(request, None)


@role_required(COORDINATOR)
def module_edit(request, pk: int):
    return _module_form_page(request, get_object_or_404(Module, pk=pk))


@role_required(COORDINATOR)
def module_retire(request, pk: int):
    """Retiring keeps the module in past agendas but hides it from new ones; GET confirms."""
    module = get_object_or_404(Module, pk=pk)
    if request.method == "POST":
        module = retire_module(module=module, by=request.user)
        messages.success(request, _("Module %(code)s was retired.") % {"code": module.code})
        return redirect(module)
    return render(request, "courses/module_confirm_retire.html", {"module": module})


@require_POST
@role_required(COORDINATOR)
def module_reactivate(request, pk: int):
    module = get_object_or_404(Module, pk=pk)
    module = reactivate_module(module=module, by=request.user)
    messages.success(request, _("Module %(code)s is active again.") % {"code": module.code})
    return redirect(module)
