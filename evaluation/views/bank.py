"""Coordinators keep the knowledge questions of each curriculum module."""

from django.contrib import messages
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.models import Module
from evaluation.forms import QuestionForm
from evaluation.models import Question, QuestionVersion
from evaluation.services.bank import save_question, set_active
from people.errors import DomainError
from people.roles import ADMINISTRATOR, COORDINATOR, role_required


@role_required(COORDINATOR, ADMINISTRATOR)
def bank(request):
    modules = Module.objects.annotate(
        questions=Count("evaluation_questions", filter=Q(evaluation_questions__active=True))
    ).order_by("code")
    return render(request, "evaluation/bank.html", {"modules": modules})


@role_required(COORDINATOR, ADMINISTRATOR)
def module_questions(request, pk: int):
    module = get_object_or_404(Module.objects.prefetch_related("translations"), pk=pk)
    questions = Question.objects.filter(module=module).prefetch_related(
        Prefetch("versions", QuestionVersion.objects.order_by("number"))
    )
    return render(
        request,
        "evaluation/module_questions.html",
        {
            "module": module,
            "questions": questions,
            "localised": module.localised(),
        },
    )


def _question_page(request, module: Module, question: Question | None):
    current = question.current_version if question else None
    form = QuestionForm(request.POST or None, initial=QuestionForm.initial_for(current) if current else None)
    if request.method == "POST" and form.is_valid():
        text, choices, correct = form.version_data()
        try:
            version = save_question(
                module=module, question=question, text=text, choices=choices, correct=correct, by=request.user
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            if current is not None and version.pk != current.pk:
                messages.success(
                    request,
                    _(
                        "Saved as version %(version)d: events that already asked the question "
                        "keep the version they asked."
                    )
                    % {"version": version.number},
                )
            else:
                messages.success(request, _("The question was saved."))
            return redirect("evaluation:module-questions", module.pk)
    return render(
        request,
        "evaluation/question_form.html",
        {
            "form": form,
            "module": module,
            "question": question,
            "current": current,
        },
        status=400 if form.errors else 200,
    )


@role_required(COORDINATOR)
def question_create(request, pk: int):
    return _question_page(request, get_object_or_404(Module, pk=pk), None)


@role_required(COORDINATOR)
def question_edit(request, pk: int):
    question = get_object_or_404(
        Question.objects.select_related("module").prefetch_related("versions"), pk=pk
    )
    return _question_page(request, question.module, question)


@require_POST
@role_required(COORDINATOR)
def question_active(request, pk: int):
    question = get_object_or_404(Question, pk=pk)
    set_active(question=question, active=request.POST.get("active") == "1")
    if question.active:
        messages.success(request, _("The question is asked again in tests fixed from now on."))
    else:
        messages.success(request, _("The question was retired: tests fixed from now on leave it out."))
    return redirect("evaluation:module-questions", question.module_id)
