"""The participant answers from their own link (the signed link of their event page: no
account), one question per screen, in their language, saved as they go."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from courses.models import Enrolment, TrainingEvent
from courses.services.personal_links import read_token, still_valid
from evaluation.models import Answered, Kind
from evaluation.services import answering
from evaluation.services.setup import evaluation_of
from people.errors import DomainError

TEXT_LIMIT = 2000


def _private(response):
    response["X-Robots-Tag"] = "noindex"
    # The address holds the participant's token: never sent to another site. Same-origin, not
    # no-referrer: with no referrer the browser posts "Origin: null", which CSRF refuses.
    response["Referrer-Policy"] = "same-origin"
    return response


def _participant(request, token: str) -> Enrolment:
    ids = read_token(token)
    enrolment = (
        Enrolment.objects.active()
        .select_related("event", "person")
        .filter(event_id=ids[0], person_id=ids[1], person__erased_at__isnull=True)
        .exclude(event__status__in=[TrainingEvent.Status.DRAFT, TrainingEvent.Status.CANCELLED])
        .first()
        if ids
        else None
    )
    if enrolment is None or not still_valid(enrolment.event):
        raise Http404
    # In the participant's own language, unless they chose another on the page.
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    chosen = chosen if chosen in dict(settings.LANGUAGES) else None
    language = chosen or enrolment.person.preferred_language or "en"
    translation.activate(language)
    request.LANGUAGE_CODE = translation.get_language()
    return enrolment


def _kind(kind: str) -> str:
    if kind not in Kind.values:
        raise Http404
    return kind


def overview(request, token: str):
    enrolment = _participant(request, token)
    event = enrolment.event
    evaluation = evaluation_of(event)
    today = answering.today_for(event)
    done = set(Answered.objects.filter(enrolment=enrolment).values_list("kind", flat=True))
    parts = []
    for kind, label in Kind.choices:
        if kind != Kind.FEEDBACK and not answering.screens_for(event, kind, request.LANGUAGE_CODE):
            continue
        parts.append(
            {
                "kind": kind,
                "label": label,
                "done": kind in done,
                "window": answering.window(event, evaluation, kind, today),
            }
        )
    return _private(
        render(
            request,
            "evaluation/participant_overview.html",
            {
                "event": event,
                "evaluation": evaluation,
                "parts": parts,
                "token": token,
            },
        )
    )


def _open_part(request, token, kind):
    enrolment = _participant(request, token)
    event = enrolment.event
    evaluation = evaluation_of(event)
    if answering.has_answered(enrolment, kind):
        messages.info(request, _("You have already sent this part; thank you."))
        return enrolment, None
    window = answering.window(event, evaluation, kind, answering.today_for(event))
    if not window.open:
        messages.warning(request, window.message)
        return enrolment, None
    return enrolment, answering.screens_for(event, kind, request.LANGUAGE_CODE)


def _value(request, screen):
    """The answer posted for `screen`, or None when a knowledge question was left unanswered."""
    if screen.kind == "choice":
        allowed = {str(value) for value, _label, _lang in screen.choices}
        raw = request.POST.get("answer", "")
        return int(raw) if raw in allowed else None
    if screen.kind == "rating":
        given = {}
        for subject in screen.subjects:
            raw = request.POST.get(f"rating-{subject.key}", "")
            if raw in {"1", "2", "3", "4", "5"}:
                given[subject.key] = int(raw)
        return given
    return {"": request.POST.get("text", "").strip()[:TEXT_LIMIT]}


@require_http_methods(["GET", "POST"])
def step(request, token: str, kind: str, number: int):
    kind = _kind(kind)
    enrolment, screens = _open_part(request, token, kind)
    if screens is None:
        return redirect("evaluation:overview", token)
    if not 1 <= number <= len(screens):
        raise Http404
    event, screen = enrolment.event, screens[number - 1]
    answers = answering.draft(request.session, event, kind, enrolment)
    error = ""
    if request.method == "POST":
        value = _value(request, screen)
        if value is None:
            error = _("Choose an answer (or “I don't know”).")
        else:
            answering.keep_answer(request.session, event, kind, enrolment, screen, value)
            if request.POST.get("go") == "back" and number > 1:
                return redirect("evaluation:step", token, kind, number - 1)
            if number < len(screens):
                return redirect("evaluation:step", token, kind, number + 1)
            return redirect("evaluation:review", token, kind)
    return _private(
        render(
            request,
            "evaluation/participant_step.html",
            {
                "event": event,
                "kind": kind,
                "kind_label": Kind(kind).label,
                "screen": screen,
                "number": number,
                "total": len(screens),
                "given": answers.get(screen.key),
                "error": error,
                "token": token,
                "percent": round(100 * (number - 1) / len(screens)),
            },
            status=400 if error else 200,
        )
    )


@require_http_methods(["GET", "POST"])
def review(request, token: str, kind: str):
    kind = _kind(kind)
    enrolment, screens = _open_part(request, token, kind)
    if screens is None:
        return redirect("evaluation:overview", token)
    event = enrolment.event
    answers = answering.draft(request.session, event, kind, enrolment)
    missing = answering.unanswered(screens, answers)
    if request.method == "POST" and not missing:
        try:
            answering.submit(
                event=event,
                kind=kind,
                enrolment=enrolment,
                screens=screens,
                answers=answers,
                today=answering.today_for(event),
            )
        except DomainError as error:
            messages.warning(request, error.message)
        else:
            messages.success(request, _("Thank you: your answers were sent."))
        answering.forget_draft(request.session, event, kind, enrolment)
        return redirect("evaluation:overview", token)
    rows = [(n, screen, _shown(screen, answers.get(screen.key))) for n, screen in enumerate(screens, start=1)]
    return _private(
        render(
            request,
            "evaluation/participant_review.html",
            {
                "event": event,
                "kind": kind,
                "kind_label": Kind(kind).label,
                "rows": rows,
                "missing": missing,
                "token": token,
                "first_missing": reverse("evaluation:step", args=[token, kind, missing[0]])
                if missing
                else "",
            },
        )
    )


def _shown(screen, value) -> str:
    if value is None:
        return ""
    if screen.kind == "choice":
        return {choice[0]: choice[1] for choice in screen.choices}.get(value, "")
    if screen.kind == "rating":
        return (
            ", ".join(
                f"{s.label}: {value[s.key]}" if s.label else str(value[s.key])
                for s in screen.subjects
                if s.key in value
            )
            or "–"
        )
    return value.get("", "") or "–"
