import datetime

import pytest
from django.utils import timezone

from courses.models import Enrolment
from courses.tests.factories import TrainingEventFactory
from nominations.models import FocalPoint, Nomination
from nominations.services.decisions import (
    PRIVACY_NOTICE_VERSION,
    accept,
    decline,
    invite_country,
    nominate,
    withdraw_nomination,
)
from nominations.services.focal_points import appoint_focal_point, withdraw_focal_point
from people.errors import DomainError
from people.models import Person
from people.tests.factories import CountryFactory, OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def _deadline():
    return timezone.localdate() + datetime.timedelta(days=10)


def _values(n, **extra):
    return {"given_name": f"Ana{n}", "family_name": f"Silva{n}", "email": f"ana{n}@example.org",
            "gender": "female", "position": "Officer", "preferred_language": "es"} | extra


@pytest.fixture
def invitation(coordinator):
    event = TrainingEventFactory(capacity=None)
    country = CountryFactory()
    return invite_country(event=event, country=country, seats=2, deadline=_deadline(), by=coordinator)


def test_nomination_requires_consent_and_stores_the_notice_version(invitation):
    with pytest.raises(DomainError):
        nominate(invitation=invitation, values=_values(1), consent=False)
    nomination = nominate(invitation=invitation, values=_values(1), consent=True)
    assert nomination.privacy_notice_version == PRIVACY_NOTICE_VERSION
    assert nomination.consent_given_at is not None
    assert nomination.status == Nomination.Status.NOMINATED


def test_same_address_cannot_be_nominated_twice_for_an_invitation(invitation):
    nominate(invitation=invitation, values=_values(1), consent=True)
    with pytest.raises(DomainError):
        nominate(invitation=invitation, values=_values(1, email="ANA1@example.org"), consent=True)


def test_no_nominations_after_the_deadline(invitation):
    invitation.deadline = timezone.localdate() - datetime.timedelta(days=1)
    with pytest.raises(DomainError):
        nominate(invitation=invitation, values=_values(1), consent=True)


def test_accepting_enrols_an_existing_person_without_duplicating(invitation, coordinator):
    known = PersonFactory(email="Ana1@Example.org")
    nomination = nominate(invitation=invitation, values=_values(1), consent=True)
    nomination = accept(nomination=nomination, by=coordinator)
    assert nomination.status == Nomination.Status.ACCEPTED
    assert nomination.person == known
    assert Enrolment.objects.get(event=invitation.event, person=known).status == Enrolment.Status.ENROLLED
    assert Person.objects.filter(email__iexact="ana1@example.org").count() == 1


def test_accepting_matches_by_name_and_country_when_the_address_is_unknown(invitation):
    known = PersonFactory(given_name="Ana1", family_name="Silva1", country=invitation.country, email=None)
    nomination = accept(nomination=nominate(invitation=invitation, values=_values(1), consent=True))
    assert nomination.person == known


def test_accepting_a_new_nominee_creates_the_person_in_the_country(invitation):
    nomination = accept(nomination=nominate(invitation=invitation, values=_values(1), consent=True))
    assert nomination.person.country == invitation.country
    assert nomination.person.preferred_language == "es"


def test_beyond_the_seats_nominees_are_waitlisted_in_order_and_a_withdrawal_promotes(invitation, coordinator):
    nominations = [nominate(invitation=invitation, values=_values(n), consent=True) for n in range(4)]
    decided = [accept(nomination=n, by=coordinator) for n in nominations]
    assert [d.status for d in decided] == ["accepted", "accepted", "waitlisted", "waitlisted"]
    assert [d.waitlist_position for d in decided[2:]] == [1, 2]

    withdrawn, promoted = withdraw_nomination(nomination=decided[0], reason="Ill", by=coordinator)
    assert withdrawn.status == Nomination.Status.WITHDRAWN
    assert withdrawn.enrolment.status == Enrolment.Status.WITHDRAWN
    assert promoted.pk == decided[2].pk
    assert promoted.status == Nomination.Status.ACCEPTED
    assert invitation.event.enrolments.active().count() == 2
    decided[3].refresh_from_db()
    assert decided[3].status == Nomination.Status.WAITLISTED


def test_the_event_capacity_also_waitlists(coordinator):
    event = TrainingEventFactory(capacity=1)
    invitation = invite_country(event=event, country=CountryFactory(), seats=3, deadline=_deadline())
    first, second = (nominate(invitation=invitation, values=_values(n), consent=True) for n in range(2))
    assert accept(nomination=first).status == Nomination.Status.ACCEPTED
    assert accept(nomination=second).status == Nomination.Status.WAITLISTED


def test_declining_needs_a_reason_and_is_audited(invitation, coordinator):
    nomination = nominate(invitation=invitation, values=_values(1), consent=True)
    with pytest.raises(DomainError):
        decline(nomination=nomination, reason=" ", by=coordinator)
    decline(nomination=nomination, reason="Not a customs official", by=coordinator)
    record = nomination.history.latest()
    assert record.status == Nomination.Status.DECLINED
    assert record.history_user == coordinator
    assert record.history_change_reason == "Declined: Not a customs official"


def test_focal_point_role_is_scoped_and_can_be_withdrawn(coordinator):
    country = CountryFactory()
    user = UserFactory()
    elsewhere = OrganisationFactory(country=CountryFactory(code="FR", name="France"))
    with pytest.raises(DomainError):
        appoint_focal_point(user=user, countries=[country], organisation=elsewhere)
    focal_point = appoint_focal_point(user=user, countries=[country], by=coordinator)
    assert list(focal_point.countries.all()) == [country]
    withdraw_focal_point(focal_point=focal_point, by=coordinator)
    assert not FocalPoint.objects.active().filter(pk=focal_point.pk).exists()
