"""Coordinators set up an event's evaluation and read its results; trainers open the pre-test
in the room on day one."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from courses.models import TrainingEvent
from evaluation.charts import results_charts
from evaluation.exports import EXPORTS, results_download
from evaluation.forms import FeedbackQuestionForm, SettingsForm
from evaluation.models import Answered, FeedbackQuestion, Kind
from evaluation.results import event_results
from evaluation.services import answering
from evaluation.services.bank import add_feedback_question, remove_feedback_question
from evaluation.services.setup import evaluation_of, fix_test, open_in_room, save_settings
from people.errors import DomainError
from people.roles import ADMINISTRATOR, COORDINATOR, TRAINER, role_required


def _event(request, pk: int) -> TrainingEvent:
    return get_object_or_404(TrainingEvent.objects.visible_to(request.user), pk=pk)


def _answered_counts(event) -> dict[str, int]:
    rows = Answered.objects.filter(enrolment__event=event).values_list("kind").order_by()
    counts: dict[str, int] = {}
    for (kind,) in rows:
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def _answered_rows(event) -> list[tuple[str, int]]:
    counts = _answered_counts(event)
    return [(label, counts.get(kind, 0)) for kind, label in Kind.choices]


def _save_settings(request, event, form) -> bool:
    if not form.is_valid():
        return False
    try:
        save_settings(
            event=event, anonymous=form.cleaned_data["anonymous"], pass_mark=form.cleaned_data["pass_mark"]
        )
    except DomainError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return False
    messages.success(request, _("The evaluation settings were saved."))
    return True


def _add_question(request, event, form) -> bool:
    if not form.is_valid():
        return False
    add_feedback_question(
        event=event, scope=form.cleaned_data["scope"], kind=form.cleaned_data["kind"], text=form.texts()
    )
    messages.success(request, _("The question was added to this event's feedback form."))
    return True


@role_required(COORDINATOR)
def event_evaluation(request, pk: int):
    event = _event(request, pk)
    evaluation = evaluation_of(event)
    part = request.POST.get("part") if request.method == "POST" else None
    settings_form = SettingsForm(request.POST if part == "settings" else None, instance=evaluation)
    question_form = FeedbackQuestionForm(request.POST if part == "question" else None)
    if part == "settings" and _save_settings(request, event, settings_form):
        return redirect("evaluation:event", event.pk)
    if part == "question" and _add_question(request, event, question_form):
        return redirect("evaluation:event", event.pk)
    items = evaluation.items.select_related("version", "module")
    return render(
        request,
        "evaluation/event.html",
        {
            "event": event,
            "evaluation": evaluation,
            "settings_form": settings_form,
            "question_form": question_form,
            "items": items,
            "standard_questions": FeedbackQuestion.objects.filter(event__isnull=True, active=True),
            "own_questions": FeedbackQuestion.objects.filter(event=event, active=True),
            "answered": _answered_rows(event),
        },
        status=400 if part and (settings_form.errors or question_form.errors) else 200,
    )


@require_POST
@role_required(COORDINATOR)
def fix_event_test(request, pk: int):
    event = _event(request, pk)
    evaluation = fix_test(event)
    count = evaluation.items.count()
    if count:
        messages.success(
            request,
            ngettext(
                "The test holds %(n)d question from the agenda's modules.",
                "The test holds %(n)d questions from the agenda's modules.",
                count,
            )
            % {"n": count},
        )
    else:
        messages.warning(request, _("The agenda's modules have no questions in the bank yet."))
    return redirect("evaluation:event", event.pk)


@require_POST
@role_required(COORDINATOR)
def feedback_question_remove(request, pk: int, question_pk: int):
    event = _event(request, pk)
    question = get_object_or_404(FeedbackQuestion, pk=question_pk, event=event, active=True)
    remove_feedback_question(question=question)
    messages.success(request, _("The question was removed from this event's feedback form."))
    return redirect("evaluation:event", event.pk)


@role_required(COORDINATOR, ADMINISTRATOR)
def results(request, pk: int):
    event = _event(request, pk)
    found = event_results(event, request.LANGUAGE_CODE)
    export = request.GET.get("export")
    if export:
        if export not in EXPORTS or request.GET.get("format") not in ("csv", "xlsx"):
            raise Http404
        return results_download(found, export, request.GET["format"])
    charts = results_charts(found)
    sections = [
        {
            "slug": slug,
            "title": title,
            "label": label,
            "groups": groups,
            "chart": charts.get(slug),
            "chart_id": f"chart-{slug}",
        }
        for slug, title, label, groups in [
            ("modules", _("Knowledge by module"), _("Module"), found.modules),
            ("genders", _("Knowledge by gender"), _("Gender"), found.genders),
            ("countries", _("Knowledge by country"), _("Country"), found.countries),
        ]
    ]
    rates = [
        {"label": label, "n": found.responses.get(kind, 0), "rate": found.rate(kind)}
        for kind, label in Kind.choices
    ]
    return render(
        request,
        "evaluation/results.html",
        {
            "event": event,
            "results": found,
            "evaluation": evaluation_of(event),
            "charts": charts,
            "sections": sections,
            "rates": rates,
        },
    )


@role_required(COORDINATOR, TRAINER)
def room(request, pk: int):
    """Day one, in the room: the trainer opens the pre-test for the day."""
    event = _event(request, pk)
    evaluation = evaluation_of(event)
    today = answering.today_for(event)
    if request.method == "POST":
        try:
            open_in_room(event=event, today=today)
        except DomainError as error:
            messages.warning(request, error.message)
        else:
            messages.success(request, _("The pre-test is open until the end of today."))
        return redirect("evaluation:room", event.pk)
    return render(
        request,
        "evaluation/room.html",
        {
            "event": event,
            "evaluation": evaluation,
            "today": today,
            "window": answering.window(event, evaluation, Kind.PRE, today),
            "answered": _answered_counts(event).get(Kind.PRE, 0),
            "is_day_one": today == event.start_date,
        },
    )
