import datetime

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from courses.demo import CHINA_2021, WORKSHOP_2022
from courses.models import TrainingEvent

D = datetime.date


@pytest.fixture
def demo(db):
    call_command("seed_demo", force=True, verbosity=0)


def test_demo_events_model_the_two_real_events_faithfully_among_varied_others(demo):
    # The China national training, postponed from June to October 2021.
    event = TrainingEvent.objects.get(title=CHINA_2021)
    assert (event.start_date, event.end_date) == (D(2021, 10, 18), D(2021, 10, 22))
    assert event.original_dates == (D(2021, 6, 21), D(2021, 6, 25))
    assert (event.format, event.platform, event.time_zone) == ("virtual", "Zoom", "Asia/Shanghai")
    assert {o.short_name for o in event.organisers.all()} == {"WCO", "GACC"}
    assert {"IAEA", "OPCW", "US DOE", "Thai Customs"} <= {o.short_name for o in event.partners.all()}
    assert event.enrolments.count() == 60
    assert event.days.count() == 5 and all(day.items.exists() for day in event.days.all())

    # The December 2022 workshop.
    event = TrainingEvent.objects.get(title=WORKSHOP_2022)
    assert (event.start_date, event.end_date, event.time_zone) == (
        D(2022, 12, 13),
        D(2022, 12, 14),
        "Asia/Shanghai",
    )
    assert {o.short_name for o in event.organisers.all()} == {"CACA", "GACC"}
    assert event.enrolments.count() > 70

    # The demo trainer has a few events, and the lists have variety.
    trainer = User.objects.get(username="trainer")
    assert 3 <= TrainingEvent.objects.for_trainer(trainer).count() < TrainingEvent.objects.count()
    events = TrainingEvent.objects.all()
    assert events.count() >= 25
    assert len(set(events.values_list("kind", flat=True))) == len(TrainingEvent.Kind)
    assert len(set(events.values_list("status", flat=True))) == len(TrainingEvent.Status)
    years = {d.year for d in events.values_list("start_date", flat=True)}
    # Train-the-Trainer workshops began under the 2013 ad-hoc project, before the programme.
    assert min(years) >= 2013 and max(years) >= 2027
