import re

import pytest
from django.core import signing
from django.urls import reverse

from certificates.issuing import issue_certificate
from certificates.models import Certificate
from courses.models import Attendance, AttendanceStatus, EventDay
from courses.tests.factories import TrainingEventFactory
from mailing.models import Message
from nominations.links import participant_token, participant_url
from nominations.messages import PARTICIPANT_LINK
from nominations.services.decisions import accept, invite_country, nominate

from .helpers import countries, deadline, nominee

pytestmark = pytest.mark.django_db


def _without_csrf(content: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", content)


@pytest.fixture
def accepted():
    (country,) = countries(1)
    event = TrainingEventFactory(capacity=None, venue="Brussels HQ")
    EventDay.objects.create(event=event, date=event.start_date)
    invitation = invite_country(event=event, country=country, seats=3, deadline=deadline())
    return accept(nomination=nominate(invitation=invitation, values=nominee(1), consent=True))


def test_the_page_shows_the_event_attendance_and_certificates(client, accepted):
    event = accepted.invitation.event
    url = reverse("nominations:participant", args=[participant_token(accepted)])
    page = client.get(url)
    assert page.status_code == 200
    assert event.title.encode() in page.content and b"Brussels HQ" in page.content
    assert b"Not recorded yet." in page.content and b"No certificate yet." in page.content
    assert page["Referrer-Policy"] == "no-referrer"
    day = event.days.get()
    Attendance.objects.create(enrolment=accepted.enrolment, day=day, status=AttendanceStatus.PRESENT)
    kind = Certificate.Kind.PARTICIPATION
    certificate = issue_certificate(kind=kind, holder=accepted.person, event=event, by=None)
    page = client.get(url)
    assert b"Not recorded yet." not in page.content
    assert certificate.verify_url.encode() in page.content
    download = client.get(reverse("nominations:participant-certificate", args=[participant_token(accepted),
                                                                                  certificate.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert b"/courses/p/" in page.content  # the calendar file of courses' feeds


def test_forged_expired_or_not_accepted_links_are_404(client, accepted, settings):
    token = participant_token(accepted)
    assert client.get(reverse("nominations:participant", args=[token + "x"])).status_code == 404
    settings.STCE_PARTICIPANT_LINK_DAYS = 0
    assert client.get(reverse("nominations:participant", args=[token])).status_code == 404
    settings.STCE_PARTICIPANT_LINK_DAYS = 120
    other = nominate(invitation=accepted.invitation, values=nominee(2), consent=True)
    assert client.get(reverse("nominations:participant", args=[participant_token(other)])).status_code == 404
    assert isinstance(signing.TimestampSigner(salt="nominations.participant-page").unsign(token), str)


def test_another_participants_certificate_is_404(client, accepted):
    event = accepted.invitation.event
    other = accept(nomination=nominate(invitation=accepted.invitation, values=nominee(2), consent=True))
    theirs = issue_certificate(kind=Certificate.Kind.PARTICIPATION, holder=other.person, event=event, by=None)
    url = reverse("nominations:participant-certificate", args=[participant_token(accepted), theirs.pk])
    assert client.get(url).status_code == 404


def test_a_new_link_is_answered_the_same_whether_or_not_the_address_is_known(client, accepted):
    url = reverse("nominations:participant-new-link")
    known = client.post(url, {"email": "ANA1@example.org"})
    unknown = client.post(url, {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 200
    # The same page, but for the CSRF token, which is masked afresh in every response.
    assert _without_csrf(known.content) == _without_csrf(unknown.content)
    sent = Message.objects.get(kind=PARTICIPANT_LINK)
    assert sent.to == "ana1@example.org" and sent.language == "es"
    assert participant_url(accepted).split("/p/")[0] in sent.body


def test_the_new_link_form_is_rate_limited(client, settings):
    settings.STCE_VERIFY_RATE_PER_MINUTE = 2
    url = reverse("nominations:participant-new-link")
    codes = [client.post(url, {"email": f"x{i}@example.org"}).status_code for i in range(3)]
    assert codes == [200, 200, 429]

