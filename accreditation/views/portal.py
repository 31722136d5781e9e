"""The experts' portal: the pages an expert sees of their own record (issue 17)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from accreditation.access import expert_of
from accreditation.invitations import pending_for
from accreditation.views import home_trainings
from courses.models import TrainingEvent


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
        "invitations": pending_for(expert),
    })
