"""Invitations to deliver an event (coordinators invite, experts answer) and the co-delivery
reports experts file on their portal (issue 17)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accreditation.forms.invitations import AssessmentForm, CoDeliveryForm, DeclineForm, InviteForm
from accreditation.invitations import co_delivery_of, invitation_of, report_of
from accreditation.models import CoDeliveryReport, DeliveryInvitation, Expert, ExpertStatus
from accreditation.services.co_delivery import assess_co_delivery, assessors_of, file_co_delivery
from accreditation.services.invitations import (
    accept_invitation,
    decline_invitation,
    invite_experts,
    withdraw_invitation,
)
from courses.access import event_for
from documents.downloads import PDF, file_download
from people.errors import DomainError
from people.roles import ADMINISTRATOR, COORDINATOR, role_required

# Those who may deliver: accredited experts, and candidates who co-deliver under evaluation.
INVITABLE = (ExpertStatus.IN_WORKSHOP, ExpertStatus.PRE_ACCREDITED, ExpertStatus.ACCREDITED)


def _invitable():
    return (
        Expert.objects.filter(status__in=INVITABLE, person__erased_at__isnull=True)
        .select_related("person")
        .order_by("person__family_name", "person__given_name")
    )


@role_required(COORDINATOR)
def invite(request, event_pk: int):
    """Invite one or several experts to deliver the event in a role (from the event's trainers or
    from "Find trainers", which posts the chosen expert)."""
    event = event_for(request.user, event_pk)
    chosen = request.POST.getlist("experts") or request.GET.getlist("expert")
    form = InviteForm(
        request.POST if "role" in request.POST else None,
        experts=_invitable(),
        initial={"experts": chosen, "role": request.GET.get("role", "co_trainer")},
    )
    if form.is_bound and form.is_valid():
        try:
            created = invite_experts(
                event=event,
                experts=list(form.cleaned_data["experts"]),
                role=form.cleaned_data["role"],
                message=form.cleaned_data["message"],
                by=request.user,
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(
                request,
                _("Invitations sent: %(names)s.")
                % {"names": ", ".join(i.expert.person.full_name for i in created)},
            )
            return redirect(f"{event.get_absolute_url()}#invitations")
    return render(request, "accreditation/invite_form.html", {"event": event, "form": form})


@role_required(COORDINATOR)
def withdraw(request, pk: int):
    invitation = get_object_or_404(
        DeliveryInvitation.objects.select_related("event", "expert__person"), pk=pk
    )
    event = event_for(request.user, invitation.event_id)
    error = None
    if request.method == "POST":
        try:
            withdraw_invitation(invitation=invitation, by=request.user)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("The invitation was withdrawn."))
            return redirect(f"{event.get_absolute_url()}#invitations")
    return render(
        request,
        "courses/confirm.html",
        {
            "event": event,
            "title": _("Withdraw this invitation?"),
            "body": f"{invitation.expert.person.full_name} – {invitation.get_role_display()}",
            "button": _("Withdraw"),
            "error": error,
        },
    )


@login_required
def answer(request, pk: int):
    """The expert's own invitation: accept (they are assigned) or decline with a reason."""
    invitation = invitation_of(request.user, pk)
    decline_form = DeclineForm(request.POST if request.POST.get("action") == "decline" else None)
    error = None
    if request.method == "POST":
        try:
            if request.POST.get("action") == "accept":
                accept_invitation(invitation=invitation, by=request.user)
                messages.success(request, _("You are on the event. Thank you."))
                return redirect("accreditation:expert-home")
            if decline_form.is_valid():
                decline_invitation(
                    invitation=invitation, reason=decline_form.cleaned_data["reason"], by=request.user
                )
                messages.success(request, _("You declined the invitation."))
                return redirect("accreditation:expert-home")
        except DomainError as exc:
            error = exc.message
    return render(
        request,
        "accreditation/portal/invitation.html",
        {
            "invitation": invitation,
            "decline_form": decline_form,
            "error": error,
        },
    )


def _report_forms(request, assignment, side, report):
    if side == "expert":
        initial = {"delivered_from": assignment.event.start_date, "delivered_to": assignment.event.end_date}
        if report:
            initial = {
                "delivered_from": report.delivered_from,
                "delivered_to": report.delivered_to,
                "modules": list(report.modules.all()),
                "assessor": report.assessor_id,
                "summary": report.summary,
            }
        return CoDeliveryForm(request.POST or None, request.FILES or None,
                              assessors=assessors_of(assignment.event), initial=initial)
    initial = {"result": report.result, "evaluation": report.evaluation} if report else {}
    return AssessmentForm(request.POST or None, initial=initial)


def _file(form, *, assignment, me, side, user):
    data = form.cleaned_data
    if side == "expert":
        return file_co_delivery(
            expert=me,
            assignment=assignment,
            assessor=data["assessor"],
            delivered_from=data["delivered_from"],
            delivered_to=data["delivered_to"],
            modules=data["modules"],
            summary=data["summary"],
            attachment=data["attachment"],
            by=user,
        )
    return assess_co_delivery(
        assessor=me,
        assignment=assignment,
        result=data["result"],
        evaluation=data["evaluation"],
        by=user,
    )


@login_required
def co_delivery(request, assignment_pk: int):
    """The co-delivery report of one delivery: the expert files the facts, the assessor the
    evaluation. Only those two experts reach it (404 for anyone else)."""
    assignment, me, side = co_delivery_of(request.user, assignment_pk)
    report = report_of(assignment)
    form = _report_forms(request, assignment, side, report)
    if request.method == "POST" and form.is_valid():
        try:
            _file(form, assignment=assignment, me=me, side=side, user=request.user)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("The co-delivery report is filed."))
            return redirect("accreditation:expert-home")
    return render(
        request,
        "accreditation/portal/co_delivery.html",
        {
            "assignment": assignment,
            "event": assignment.event,
            "side": side,
            "form": form,
            "report": report,
        },
    )


@login_required
def co_delivery_file(request, assignment_pk: int):
    """The report's PDF, for the two experts who file it (404 for anyone else)."""
    assignment, _me, _side = co_delivery_of(request.user, assignment_pk)
    report = report_of(assignment)
    if report is None or not report.attachment:
        raise Http404
    return file_download(report.attachment.open("rb"), filename="co-delivery-report.pdf", content_type=PDF)


@role_required(COORDINATOR, ADMINISTRATOR)
def co_delivery_attachment(request, pk: int):
    report = get_object_or_404(CoDeliveryReport, pk=pk)
    if not report.attachment:
        raise Http404
    return file_download(report.attachment.open("rb"), filename="co-delivery-report.pdf", content_type=PDF)
