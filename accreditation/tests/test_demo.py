"""The accreditation demo data matches DOMAIN.md and can be loaded twice."""

import pytest

from accreditation import demo
from accreditation.models import Decision, Expert, ExpertStatus, Proposal
from courses.models import TrainingEvent
from people.demo import load_reference_data


@pytest.mark.slow
@pytest.mark.django_db
def test_demo_data_is_consistent_and_idempotent():
    load_reference_data()
    demo.seed()
    workshops = TrainingEvent.objects.filter(kind=TrainingEvent.Kind.TTT)
    assert workshops.count() == 15
    assert set(workshops.values_list("languages", flat=True)) == {"en", "es", "fr", "ru"}
    brussels = workshops.get(start_date="2017-10-17")
    assert brussels.enrolments.count() == 14
    assert brussels.enrolments.values("person__organisation").distinct().count() == 6
    trainers = Expert.objects.filter(status__in=[ExpertStatus.ACCREDITED, ExpertStatus.PRE_ACCREDITED])
    assert trainers.count() > 100
    assert trainers.values("person__country").distinct().count() > 50
    assert trainers.values("person__country__region").distinct().count() == 6
    women = trainers.filter(person__gender="female").count()
    assert 0.2 < women / trainers.count() < 0.4
    assert Proposal.objects.pending().exists()
    # Every expert's status is where their last approved decision left them.
    for expert in Expert.objects.prefetch_related("decisions"):
        approved = [d for d in expert.decisions.all() if d.outcome == Decision.Outcome.APPROVED]
        if approved:
            assert max(approved, key=lambda d: (d.decided_at, d.pk)).to_status == expert.status, expert
        else:
            assert expert.status == ExpertStatus.NOMINATED
    counts = (Expert.objects.count(), Decision.objects.count(), TrainingEvent.objects.count())
    demo.seed()
    assert (Expert.objects.count(), Decision.objects.count(), TrainingEvent.objects.count()) == counts
