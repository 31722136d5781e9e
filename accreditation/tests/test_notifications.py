"""Expiry reminders: 6 months and 1 month before the end, each sent once."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from accreditation.models import ExpertStatus, ExpiryNotice
from accreditation.services.notifications import due_stage, send_expiry_notices
from accreditation.tests.factories import ExpertFactory
from people import roles
from people.tests.factories import PersonFactory, UserFactory

END = datetime.date(2026, 9, 30)


@pytest.fixture(autouse=True)
def sent(run_tasks):
    """The reminders are queued; these tests read them as the workers send them."""

    def send():
        run_tasks()
        return mail.outbox

    return send


@pytest.fixture
def expert(db):
    UserFactory(username="coord_mail", email="coordinator@example.org", role=roles.COORDINATOR)
    return ExpertFactory(person=PersonFactory(email="expert@example.org"), status=ExpertStatus.ACCREDITED,
                         accredited_on=datetime.date(2022, 9, 30), valid_until=END)


def test_stage_due_by_date():
    assert due_stage(END, datetime.date(2026, 3, 29)) is None
    assert due_stage(END, datetime.date(2026, 3, 30)) == "6m"
    assert due_stage(END, datetime.date(2026, 8, 29)) == "6m"
    assert due_stage(END, datetime.date(2026, 8, 30)) == "1m"
    assert due_stage(END, datetime.date(2026, 10, 1)) is None


def test_reminders_go_once_at_six_months_and_once_at_one_month(expert, sent):
    assert send_expiry_notices(today=datetime.date(2026, 3, 1)) == []
    assert len(send_expiry_notices(today=datetime.date(2026, 3, 30))) == 1
    assert [m.to for m in sent()] == [["expert@example.org"], ["coordinator@example.org"]]
    for day in (30, 31):
        assert send_expiry_notices(today=datetime.date(2026, 3, day)) == []
    assert len(sent()) == 2
    assert len(send_expiry_notices(today=datetime.date(2026, 8, 30))) == 1
    assert send_expiry_notices(today=datetime.date(2026, 9, 1)) == []
    assert len(sent()) == 4
    assert sorted(ExpiryNotice.objects.values_list("stage", flat=True)) == ["1m", "6m"]


def test_first_run_inside_the_last_month_sends_only_the_one_month_reminder(expert, sent):
    send_expiry_notices(today=datetime.date(2026, 9, 10))
    assert list(ExpiryNotice.objects.values_list("stage", flat=True)) == ["1m"]
    assert "30 September 2026" in sent()[0].subject  # the expert's language writes the date


def test_a_renewal_starts_the_reminders_again(expert):
    send_expiry_notices(today=datetime.date(2026, 3, 30))
    expert.valid_until = datetime.date(2030, 9, 30)
    expert.save()
    assert len(send_expiry_notices(today=datetime.date(2030, 4, 1))) == 1


def test_lapsed_or_withdrawn_experts_get_no_reminder(expert):
    expert.status = ExpertStatus.WITHDRAWN
    expert.save()
    assert send_expiry_notices(today=datetime.date(2026, 4, 1)) == []


def test_management_command_is_safe_to_run_twice(expert, sent):
    expert.valid_until = datetime.date.today() + datetime.timedelta(days=20)
    expert.save()
    call_command("notify_expiring_accreditations")
    call_command("notify_expiring_accreditations")
    assert ExpiryNotice.objects.count() == 1
    assert len(sent()) == 2


def test_the_command_can_send_without_a_worker(expert):
    expert.valid_until = datetime.date.today() + datetime.timedelta(days=20)
    expert.save()
    call_command("notify_expiring_accreditations", "--send")
    assert [m.to for m in mail.outbox] == [["expert@example.org"], ["coordinator@example.org"]]
