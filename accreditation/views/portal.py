"""The experts' portal: the pages an expert sees of their own record (issue 17)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordResetConfirmView
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accreditation.access import expert_of
from accreditation.forms.availability import UnavailabilityForm
from accreditation.forms.profile import ExpertProfileForm
from accreditation.invitations import pending_for
from accreditation.models import Expert, ExpertStatus, ModuleProposal, UnavailabilityPeriod
from accreditation.services import availability, portal_access, profile
from accreditation.views import home_trainings
from accreditation.welcome import expert_welcome_tokens
from accreditation.workflow import check_step
from certificates.files import certificate_pdf
from certificates.models import Certificate
from courses.models import TrainerAssignment, TrainingEvent
from documents.downloads import PDF, file_download
from people.errors import DomainError
from people.roles import COORDINATOR, role_required

# The step forward from each status, whose missing evidence the expert's home lists.
_NEXT_STEP = {
    ExpertStatus.IN_WORKSHOP: ExpertStatus.PRE_ACCREDITED,
    ExpertStatus.PRE_ACCREDITED: ExpertStatus.ACCREDITED,
    ExpertStatus.ACCREDITED: ExpertStatus.ACCREDITED,  # the renewal
}


@login_required
def expert_home(request):
    """The expert's home: invitations, standing and what the next step still needs, their events
    (coming and past, with their role), their certificates and their reports."""
    expert = expert_of(request.user)
    today = timezone.localdate()
    assignments = list(
        TrainerAssignment.objects.filter(person=expert.person)
        .exclude(event__status=TrainingEvent.Status.DRAFT)
        .select_related("event__host_country").order_by("-event__start_date", "pk")[:40]
    )
    next_status = _NEXT_STEP.get(expert.status)
    next_step = check_step(expert=expert, to_status=next_status, today=today) if next_status else None
    certificates = (
        Certificate.objects.valid().filter(holder=expert.person)
        .select_related("event").order_by("-issued_at")[:20]
    )
    return render(request, "accreditation/portal/home.html", {
        "expert": expert,
        "upcoming": [a for a in assignments if a.event.end_date >= today],
        "past": [a for a in assignments if a.event.end_date < today],
        "next_step": next_step, "next_status": next_status and ExpertStatus(next_status).label,
        "certificates": certificates,
        "home_trainings": home_trainings.reports_block(expert),
        "invitations": pending_for(expert),
    })


@login_required
def my_certificate(request, pk: int):
    """The expert's own valid certificate as a PDF; anyone else's is 404."""
    expert = expert_of(request.user)
    certificate = get_object_or_404(Certificate.objects.valid(), pk=pk, holder=expert.person)
    return file_download(certificate_pdf(certificate), filename=f"{certificate.serial}.pdf", content_type=PDF)


@login_required
def my_profile(request):
    """The expert's own profile: for now, the periods when they cannot deliver (declared here,
    read by "Find trainers" beside their bookings)."""
    expert = expert_of(request.user)
    form = UnavailabilityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            availability.declare_unavailability(expert=expert, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your period of unavailability is recorded."))
            return redirect("accreditation:my-profile")
    periods = expert.unavailability_periods.all()
    return render(request, "accreditation/portal/profile.html", {
        "expert": expert, "form": form, "periods": periods,
        "language_levels": list(expert.language_levels.select_related("language")),
    })


@login_required
def unavailability_delete(request, pk: int):
    """Confirm, then remove one of the expert's own periods; another expert's period is 404."""
    expert = expert_of(request.user)
    period = get_object_or_404(UnavailabilityPeriod, pk=pk, expert=expert)
    if request.method == "POST":
        availability.withdraw_unavailability(period=period, by=request.user)
        messages.success(request, _("The period of unavailability is removed."))
        return redirect("accreditation:my-profile")
    return render(request, "accreditation/portal/unavailability_delete.html", {"period": period})


@role_required(COORDINATOR)
def portal_invite(request, pk: int):
    """Confirm, then open the expert's account and send the welcome e-mail."""
    expert = get_object_or_404(
        Expert.objects.select_related("person__user"), pk=pk, person__erased_at__isnull=True
    )
    refusal = None
    try:
        portal_access.check_invitable(expert)
    except DomainError as error:
        refusal = error.message
    if request.method == "POST" and refusal is None:
        try:
            portal_access.invite_expert(expert=expert, by=request.user)
        except DomainError as error:
            refusal = error.message
        else:
            messages.success(request, _("The expert is invited: the welcome e-mail is on its way."))
            return redirect("accreditation:expert-detail", pk=expert.pk)
    return render(request, "accreditation/portal/invite.html", {"expert": expert, "refusal": refusal})


@role_required(COORDINATOR)
def portal_withdraw(request, pk: int):
    """Confirm, then close the expert's account."""
    expert = get_object_or_404(
        Expert.objects.select_related("person__user"), pk=pk, person__erased_at__isnull=True
    )
    refusal = None
    if request.method == "POST":
        try:
            portal_access.withdraw_portal_access(expert=expert, by=request.user)
        except DomainError as error:
            refusal = error.message
        else:
            messages.success(request, _("The expert's access to the portal is withdrawn."))
            return redirect("accreditation:expert-detail", pk=expert.pk)
    return render(request, "accreditation/portal/withdraw.html", {"expert": expert, "refusal": refusal})


class ExpertWelcomeView(PasswordResetConfirmView):
    """The link of an expert's invitation: choose a password, then straight to their home,
    signed in. Only the link of an active account linked to an expert works."""

    token_generator = expert_welcome_tokens
    template_name = "nominations/focal_welcome.html"  # the same page and words as focal points'
    reset_url_token = "choose-password"
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    success_url = reverse_lazy("accreditation:expert-home")

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        if user is not None and not Expert.objects.filter(person__user=user).exists():
            return None
        return user

    def form_valid(self, form):
        messages.success(self.request, _("Your password is set. Welcome."))
        return super().form_valid(form)


@login_required
def my_profile_details(request):
    """Languages with levels and topics (saved), and modules (proposed to the coordinators)."""
    expert = expert_of(request.user)
    form = ExpertProfileForm(request.POST or None, expert=expert)
    if request.method == "POST" and form.is_valid():
        profile.keep_profile(
            expert=expert, levels=form.levels(), topics=form.cleaned_data["topics"], by=request.user
        )
        modules = form.cleaned_data["modules"]
        proposed = profile.propose_modules(expert=expert, modules=modules, by=request.user)
        messages.success(request, _("Your profile is saved."))
        if proposed:
            messages.info(request, ngettext(
                "%(n)d change to your modules goes to the coordinators.",
                "%(n)d changes to your modules go to the coordinators.", len(proposed),
            ) % {"n": len(proposed)})
        return redirect("accreditation:my-profile")
    return render(request, "accreditation/portal/profile_details.html", {
        "expert": expert, "form": form,
        "proposals": expert.module_proposals.select_related("module").order_by("-proposed_at")[:20],
    })


@role_required(COORDINATOR)
@require_POST
def module_proposal_decide(request, pk: int, proposal_pk: int):
    """A coordinator accepts or refuses an expert's proposed change to their modules."""
    proposal = get_object_or_404(ModuleProposal, pk=proposal_pk, expert_id=pk)
    try:
        profile.decide_module_proposal(
            proposal=proposal, accept=request.POST.get("decision") == "accept", by=request.user
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The decision is recorded."))
    return redirect("accreditation:expert-detail", pk=pk)
