"""What an event's people are e-mailed: joining instructions and the news of new dates (each
with the recipient list and a preview for one recipient before sending), and the send log."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.access import event_for
from courses.forms.participants import JoiningInstructionsForm
from courses.messages import INFORMED, JOINING
from courses.services.joining import (
    date_change_preview,
    pending_date_change,
    preview,
    recipients,
    send_date_change,
    send_joining_instructions,
)
from mailing.log import messages_about, people_informed, summary_for
from people.errors import DomainError
from people.roles import ADMINISTRATOR, COORDINATOR, role_required


def _chosen(people, wanted: str):
    """The recipient to preview: the one asked for, else the first with an address."""
    with_email = [r for r in people if r.has_email]
    for recipient in with_email:
        if str(recipient.person.pk) == wanted:
            return recipient
    return with_email[0] if with_email else None


def _queued_messages(request, outcome) -> None:
    messages.success(
        request,
        ngettext(
            "%(n)s message is queued; a background worker sends it.",
            "%(n)s messages are queued; background workers send them.",
            outcome.queued,
        )
        % {"n": outcome.queued},
    )
    if outcome.without_email:
        messages.warning(
            request, _("No e-mail address for: %(names)s.") % {"names": ", ".join(outcome.without_email)}
        )


@role_required(COORDINATOR)
def joining_instructions(request, pk: int):
    """The recipients and a preview for one of them; "Send" queues the messages."""
    event = event_for(request.user, pk)
    form = JoiningInstructionsForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and request.POST.get("action") != "preview":
        try:
            outcome = send_joining_instructions(
                event=event, message=form.cleaned_data["message"], by=request.user
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            _queued_messages(request, outcome)
            return redirect(outcome.job)
    people = recipients(event)
    chosen = _chosen(people, request.POST.get("preview_for") or request.GET.get("preview", ""))
    note = form.cleaned_data.get("message", "") if form.is_bound and form.is_valid() else ""
    shown = preview(event, chosen, kind=JOINING, message=note) if chosen else None
    return render(
        request,
        "courses/joining_instructions.html",
        {
            "event": event,
            "form": form,
            "people": people,
            "without_email": [r.person for r in people if not r.has_email],
            "informed": people_informed("event", event.pk, INFORMED),
            "chosen": chosen,
            "preview": shown,
        },
    )


@role_required(COORDINATOR)
def date_change_notice(request, pk: int):
    """After a change of dates: who was informed before it, what they will get; POST sends."""
    event = event_for(request.user, pk)
    notice = pending_date_change(event)
    form = JoiningInstructionsForm(request.POST or None)
    if notice is None:
        messages.info(request, _("Everyone informed of this event was already told of its new dates."))
        return redirect(event)
    if request.method == "POST" and form.is_valid() and request.POST.get("action") != "preview":
        try:
            outcome = send_date_change(event=event, message=form.cleaned_data["message"], by=request.user)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            _queued_messages(request, outcome)
            return redirect(outcome.job)
    chosen = _chosen(notice.people, request.POST.get("preview_for") or request.GET.get("preview", ""))
    note = form.cleaned_data.get("message", "") if form.is_bound and form.is_valid() else ""
    return render(
        request,
        "courses/date_change_notice.html",
        {
            "event": event,
            "form": form,
            "notice": notice,
            "people": notice.people,
            "chosen": chosen,
            "preview": date_change_preview(event, chosen, notice.change, note) if chosen else None,
        },
    )


@role_required(COORDINATOR, ADMINISTRATOR)
def event_emails(request, pk: int):
    """The send log of the event: every message, its status and what the server answered."""
    event = event_for(request.user, pk)
    status = request.GET.get("status", "")
    rows = messages_about("event", event.pk)
    if status == "failed":
        rows = rows.filter(status__in=("retrying", "failed", "unknown"))
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "courses/event_emails.html",
        {"event": event, "summary": summary_for("event", event.pk), "page_obj": page, "status": status},
    )
