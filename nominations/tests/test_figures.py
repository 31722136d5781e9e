import pytest
from django.urls import reverse

from courses.models import Attendance, AttendanceStatus, EventDay
from courses.tests.factories import TrainingEventFactory
from nominations.figures import figures, with_no_show
from nominations.models import Nomination
from nominations.services.decisions import accept, invite_country, nominate

from .helpers import countries, deadline, nominee

pytestmark = pytest.mark.django_db


def test_figures_count_women_seats_waitlist_and_no_shows(coordinator_client):
    event = TrainingEventFactory(capacity=None)
    day = EventDay.objects.create(event=event, date=event.start_date)
    here, there = countries(2)
    invitation = invite_country(event=event, country=here, seats=2, deadline=deadline())
    invite_country(event=event, country=there, seats=1, deadline=deadline())
    genders = ["female", "male", "female"]
    decided = [
        accept(nomination=nominate(invitation=invitation, values=nominee(n, gender=g), consent=True))
        for n, g in enumerate(genders)
    ]
    Attendance.objects.create(enrolment=decided[0].enrolment, day=day, status=AttendanceStatus.ABSENT)
    Attendance.objects.create(enrolment=decided[1].enrolment, day=day, status=AttendanceStatus.LATE)
    invitations = list(event.invitations.order_by("country__name"))
    listed = list(with_no_show(Nomination.objects.filter(invitation__event=event)))
    for inv in invitations:
        inv.listed = [n for n in listed if n.invitation_id == inv.pk]
    per, total = figures(invitations)
    row = per[invitation.pk]
    assert (row.seats, row.nominated, row.women_nominated) == (2, 3, 2)
    assert (row.accepted, row.women_accepted) == (2, 1)
    assert (row.waitlisted, row.no_shows) == (1, 1)
    assert (total.seats, total.nominated, total.no_shows) == (3, 3, 1)
    page = coordinator_client.get(reverse("nominations:event", args=[event.pk]))
    assert b"<td>2 / 2</td><td>3 (2)</td><td>2 (1)</td><td>1</td><td>1</td>" in page.content
