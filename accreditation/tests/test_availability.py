"""Declared unavailability: the expert keeps it on their profile, and "Find trainers" leaves
them out for events in it, beside the bookings it already read."""

import datetime

import pytest
from django.urls import reverse

from accreditation.models import Expert, ExpertStatus, UnavailabilityPeriod
from accreditation.services.availability import (
    PeriodEndsBeforeStart,
    declare_unavailability,
    withdraw_unavailability,
)
from people.tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

JULY_1, JULY_14 = datetime.date(2030, 7, 1), datetime.date(2030, 7, 14)


@pytest.fixture
def account():
    return UserFactory(username="ace")


@pytest.fixture
def expert(account):
    return Expert.objects.create(
        person=PersonFactory(user=account, family_name="Okafor"), status=ExpertStatus.ACCREDITED
    )


def test_an_expert_unavailable_for_part_of_an_event_is_not_available_for_it(expert, account):
    declare_unavailability(expert=expert, start_date=JULY_1, end_date=JULY_14, by=account)

    def available(start, end):
        return expert in Expert.objects.available_between(start, end)

    assert not available(datetime.date(2030, 7, 10), datetime.date(2030, 7, 20))  # overlaps the end
    assert not available(datetime.date(2030, 6, 25), datetime.date(2030, 7, 1))  # touches the start
    assert available(datetime.date(2030, 7, 15), datetime.date(2030, 7, 20))  # the day after
    assert list(Expert.objects.unavailable_between(JULY_14, JULY_14)) == [expert]


def test_a_period_that_ends_before_it_starts_is_refused(expert, account):
    with pytest.raises(PeriodEndsBeforeStart):
        declare_unavailability(expert=expert, start_date=JULY_14, end_date=JULY_1, by=account)
    assert not UnavailabilityPeriod.objects.exists()


def test_declaring_and_withdrawing_are_audited_with_who_did_it(expert, account):
    period = declare_unavailability(expert=expert, start_date=JULY_1, end_date=JULY_14, by=account)
    withdraw_unavailability(period=period, by=account)

    history = UnavailabilityPeriod.history.order_by("history_date")
    assert [(row.history_type, row.history_user) for row in history] == [("+", account), ("-", account)]


def test_the_expert_declares_a_period_on_their_profile_and_removes_it_after_confirming(
    client, expert, account
):
    client.force_login(account)
    page = client.post(reverse("accreditation:my-profile"), {
        "start_date": "2030-07-01", "end_date": "2030-07-14", "note": "Annual leave",
    })
    assert page.status_code == 302
    period = expert.unavailability_periods.get()
    assert "Annual leave" in client.get(reverse("accreditation:my-profile")).text

    delete_url = reverse("accreditation:my-unavailability-delete", args=[period.pk])
    assert client.get(delete_url).status_code == 200 and expert.unavailability_periods.exists()
    client.post(delete_url)
    assert not expert.unavailability_periods.exists()


def test_the_profile_form_says_when_the_period_is_backwards(client, expert, account):
    client.force_login(account)
    backwards = {"start_date": "2030-07-14", "end_date": "2030-07-01"}
    page = client.post(reverse("accreditation:my-profile"), backwards)
    assert page.status_code == 200 and "must end on or after" in page.text
    assert not expert.unavailability_periods.exists()


def test_an_expert_cannot_remove_another_experts_period_by_id(client, expert, account):
    other = Expert.objects.create(person=PersonFactory(), status=ExpertStatus.ACCREDITED)
    period = UnavailabilityPeriod.objects.create(expert=other, start_date=JULY_1, end_date=JULY_14)
    client.force_login(account)

    url = reverse("accreditation:my-unavailability-delete", args=[period.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert UnavailabilityPeriod.objects.filter(pk=period.pk).exists()


def test_find_trainers_leaves_out_the_unavailable_expert_and_says_why(
    client, expert, account, coordinator
):
    declare_unavailability(expert=expert, start_date=JULY_1, end_date=JULY_14, by=account)
    client.force_login(coordinator)
    url = reverse("accreditation:expert-list")

    during = client.get(url, {"available_from": "2030-07-05", "available_to": "2030-07-08"})
    assert "Okafor" not in during.text
    assert "1 expert declared themselves unavailable for these dates" in during.text
    after = client.get(url, {"available_from": "2030-07-15", "available_to": "2030-07-18"})
    assert "Okafor" in after.text and "declared-unavailable" not in after.text
