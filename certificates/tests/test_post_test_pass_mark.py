"""A post-test pass mark added to an event's completion rule (issue "Evaluation")."""

import pytest
from django.urls import reverse

from certificates.event_page import certificate_counts
from certificates.issuing import eligibility_for_event, event_issue_summary, issue_certificate, plan_batch
from certificates.models import Certificate
from certificates.tests.certificate_helpers import enrol
from courses.models import AgendaItem
from courses.tests.factories import ModuleFactory, TrainingEventFactory
from evaluation.models import Kind
from evaluation.services import answering
from evaluation.services.bank import save_question
from evaluation.services.setup import save_settings
from people.errors import DomainError

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    event = TrainingEventFactory(with_days=True)
    module = ModuleFactory()
    for _ in range(4):
        save_question(module=module, question=None, text={"en": "Q"}, choices=[{"en": "yes"}, {"en": "no"}],
                      correct=[0], by=None)
    AgendaItem.objects.create(day=event.days.first(), module=module, position=1)
    save_settings(event=event, anonymous=False, pass_mark=75)
    return event


def _post_test(enrolment, right: int):
    screens = answering.screens_for(enrolment.event, Kind.POST, "en")
    answers = {s.key: (0 if n < right else 1) for n, s in enumerate(screens)}
    answering.submit(event=enrolment.event, kind=Kind.POST, enrolment=enrolment, screens=screens,
                     answers=answers, today=enrolment.event.end_date)


def test_completion_needs_the_pass_mark_as_well_as_attendance(event, coordinator):
    passed, failed, silent = enrol(event), enrol(event), enrol(event)
    _post_test(passed, 3)  # 75%: exactly the mark
    _post_test(failed, 2)  # 50%
    rows = {row.enrolment.pk: row for row in eligibility_for_event(event)}
    assert rows[passed.pk].completed
    assert not rows[failed.pk].completed and "50.0%" in rows[failed.pk].reason
    assert not rows[silent.pk].completed and "not answered" in rows[silent.pk].reason
    summary = event_issue_summary(event)
    assert (summary.participants, summary.completed, summary.to_issue) == (3, 1, 1)
    assert certificate_counts(event) == (0, 1)
    assert [p.person for p in plan_batch(event).planned] == [passed.person]
    with pytest.raises(DomainError) as refused:
        issue_certificate(kind=Certificate.Kind.COMPLETION, holder=failed.person, event=event, by=coordinator)
    assert "pass mark is 75%" in refused.value.message
    issue_certificate(kind=Certificate.Kind.COMPLETION, holder=passed.person, event=event, by=coordinator)


def test_the_certificate_page_states_the_pass_mark(event, coordinator_client):
    page = coordinator_client.get(reverse("certificates:certificate-event", args=[event.pk]))
    assert "The post-test pass mark is 75%." in page.text


def test_without_a_pass_mark_attendance_alone_decides(event):
    save_settings(event=event, anonymous=False, pass_mark=None)
    enrolment = enrol(event)
    assert eligibility_for_event(event)[0].completed
    assert event_issue_summary(event).completed == 1
    assert [p.person for p in plan_batch(event).planned] == [enrolment.person]
