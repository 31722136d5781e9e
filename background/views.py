"""The progress page of a long job, and the JSON its script reads every second."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from background import progress
from background.models import Job
from people.roles import can_see_all_events

LEVELS = {
    Job.Level.SUCCESS: messages.SUCCESS,
    Job.Level.WARNING: messages.WARNING,
    Job.Level.ERROR: messages.ERROR,
}


def job_for(user, pk) -> Job:
    """The job if this user may follow it (who started it, coordinators, administrators), else 404."""
    jobs = Job.objects.all() if can_see_all_events(user) else Job.objects.filter(created_by=user)
    return get_object_or_404(jobs, pk=pk)


# Any signed-in user follows the jobs they started (a focal point's import too); job_for
# answers 404 for anyone else's.
@never_cache
@login_required
def job_page(request, pk):
    """While the job runs: its progress. Once it is over: its outcome, on the page of its result."""
    job = job_for(request.user, pk)
    state = progress.as_json(job)
    if state["finished"] and job.result_url:
        level = Job.Level.ERROR if state["state"] == Job.State.FAILED else job.outcome_level
        messages.add_message(request, LEVELS[level], state["status"])
        notes = list(job.notes.values_list("text", flat=True)[:20])
        for note in notes:
            messages.warning(request, note)
        return redirect(job.result_url)
    return render(request, "background/job.html", {"job": job, "state": state})


@never_cache
@login_required
def job_json(request, pk):
    return JsonResponse(progress.as_json(job_for(request.user, pk)))
