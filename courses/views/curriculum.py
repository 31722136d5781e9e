"""Browsing and maintaining the WCO STCE Training Curriculum."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.forms.curriculum import (
    ModuleForm,
    ModuleSearchForm,
    module_translation_forms,
    translation_values,
)
from courses.models import Module
from courses.services.curriculum import create_module, reactivate_module, retire_module, update_module
from people.errors import DomainError
from people.roles import ADMINISTRATOR, COORDINATOR, TRAINER, role_required

MODULE_SORTS = {
    "code": ("code",),
    "-code": ("-code",),
    "title": ("title",),
    "-title": ("-title",),
    "hours": ("hours", "code"),
    "-hours": ("-hours", "code"),
}


@role_required(COORDINATOR, ADMINISTRATOR, TRAINER)
def module_list(request):
    form = ModuleSearchForm(request.GET or None)
    modules = Module.objects.prefetch_related("translations")
    status = "active"
    if form.is_valid():
        data = form.cleaned_data
        status = data.get("status") or "active"
        if data.get("q"):
            q = data["q"]
            modules = modules.filter(
                Q(code__icontains=q) | Q(title__icontains=q) | Q(summary__icontains=q)
            )
        if data.get("topic_area"):
            modules = modules.filter(topic_area=data["topic_area"])
    if status == "active":
        modules = modules.filter(active=True)
    elif status == "retired":
        modules = modules.filter(active=False)
    sort = request.GET.get("sort", "code")
    modules = modules.order_by(*MODULE_SORTS.get(sort, MODULE_SORTS["code"]))
    page = Paginator(modules, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "courses/module_list.html",
        {"form": form, "page_obj": page, "sort": sort},
    )


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
