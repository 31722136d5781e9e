"""The experts' portal: the pages an expert sees of their own record (issue 17)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accreditation.access import expert_of
from accreditation.forms.availability import UnavailabilityForm
from accreditation.models import UnavailabilityPeriod
from accreditation.services import availability
from accreditation.views import home_trainings
from courses.models import TrainingEvent
from people.errors import DomainError


@login_required
def expert_home(request):
    """The expert's home: their events and their accreditation standing."""
    expert = expert_of(request.user)
    events = (
        TrainingEvent.objects.filter(assignments__person=expert.person)
        .select_related("host_country").distinct().order_by("-start_date")[:20]
    )
    return render(request, "accreditation/portal/home.html", {
        "expert": expert, "events": events,
        "home_trainings": home_trainings.reports_block(expert),
    })


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
