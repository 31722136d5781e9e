"""The certificates line of the event page's checklist (see courses/event_checklist.py)."""

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from certificates.issuing import EVENT_KINDS
from certificates.models import Certificate
from courses.completion import completed_enrolments
from courses.event_checklist import Line, register_line
from evaluation import passing
from people.roles import can_see_all_events


def certificate_counts(event) -> tuple[int, int]:
    """(issued, eligible): the participants who completed by the event's rule, and how many of
    them hold a valid certificate of the event; one query."""
    held = Certificate.objects.valid().filter(event=event, kind__in=EVENT_KINDS, holder=OuterRef("person_id"))
    counts = (
        passing.passing_among(completed_enrolments(event), event)
        .annotate(has_certificate=Exists(held))
        .aggregate(eligible=Count("pk"), issued=Count("pk", filter=Q(has_certificate=True)))
    )
    return counts["issued"], counts["eligible"]


def _line(request, event) -> Line | None:
    if not can_see_all_events(request.user):
        return None
    issued, eligible = certificate_counts(event)
    if eligible:
        text = ngettext(
            "%(issued)d issued of %(n)d participant who completed.",
            "%(issued)d issued of %(n)d participants who completed.",
            eligible,
        ) % {"issued": issued, "n": eligible}
    else:
        text = _("Nobody has completed yet.")
    return Line(
        "certificates",
        _("Certificates"),
        bool(eligible) and issued == eligible,
        text,
        reverse("certificates:certificate-event", args=[event.pk]),
        _("Certificates"),
    )


def register() -> None:
    register_line("certificates", 60, _line)
