from urllib.parse import urlsplit

import pytest

from courses.tests.factories import TrainingEventFactory
from mailing.models import Message
from nominations.messages import ACCEPTED, INVITATION, PROMOTED
from nominations.services.decisions import accept, invite_country, nominate, withdraw_nomination

from .helpers import countries, deadline, focal_point, nominee

pytestmark = pytest.mark.django_db


def test_inviting_a_country_queues_an_email_to_its_focal_points_in_their_language(coordinator):
    here, elsewhere = countries(2)
    focal_point(here, "fp-fr", "fr")
    focal_point(elsewhere, "fp-other")
    event = TrainingEventFactory()
    invite_country(event=event, country=here, seats=3, deadline=deadline(), by=coordinator)
    sent = list(Message.objects.filter(kind=INVITATION))
    assert [m.to for m in sent] == ["fp-fr@example.org"]
    assert sent[0].language == "fr"
    assert event.title in sent[0].subject
    assert "/nominations/mine/events/" in sent[0].body
    assert "3" in sent[0].body


def test_a_withdrawal_tells_the_promoted_nominee_and_their_focal_point(coordinator):
    (country,) = countries(1)
    fp = focal_point(country, "fp")
    invitation = invite_country(event=TrainingEventFactory(), country=country, seats=1, deadline=deadline())
    first, second = (
        nominate(invitation=invitation, values=nominee(n), consent=True, focal_point=fp) for n in range(2)
    )
    accept(nomination=first)
    accept(nomination=second)
    assert not Message.objects.filter(kind=PROMOTED).exists()
    withdraw_nomination(nomination=first, reason="Ill", by=coordinator)
    sent = Message.objects.filter(kind=PROMOTED)
    assert {m.to for m in sent} == {"ana1@example.org", "fp@example.org"}
    assert sent.get(to="ana1@example.org").language == "es"


def test_an_accepted_nominee_gets_the_link_to_their_own_page_in_their_language(client, coordinator):
    (country,) = countries(1)
    fp = focal_point(country, "fp")
    invitation = invite_country(event=TrainingEventFactory(), country=country, seats=1, deadline=deadline())
    first, second = (
        nominate(invitation=invitation, values=nominee(n), consent=True, focal_point=fp) for n in range(2)
    )
    accept(nomination=first, by=coordinator)
    accept(nomination=second, by=coordinator)  # no seat left: waitlisted, so no confirmation
    sent = list(Message.objects.filter(kind=ACCEPTED))
    assert [m.to for m in sent] == [first.email]
    assert sent[0].language == first.preferred_language
    link = next(word for word in sent[0].body.split() if "/nominations/p/" in word)
    page = client.get(urlsplit(link).path)
    assert page.status_code == 200
    assert invitation.event.title in page.content.decode()
