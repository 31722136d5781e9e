"""The demo data (`seed_demo`), seeded once for the whole test run.

Seeding takes seconds, so every test that reads the demo lives in this module and shares one
seed: `demo` seeds it inside a transaction that is rolled back after the module's last test.
Each test runs in a savepoint within it (pytest-django's `db`), so it sees the demo and leaves
it as it found it. `--dist loadfile` keeps the module on one worker, and no other module sees
the demo: their tests start from an empty database as before.
"""

import datetime
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accreditation import demo as accreditation_demo
from accreditation.models import Decision, Expert, ExpertStatus, Proposal
from certificates.models import Certificate
from courses.demo import CHINA_2021, RUNNING_EVENT, WORKSHOP_2022
from courses.information_note import build_note, render_pdf
from courses.models import Attendance, EventDay, Module, TrainingEvent
from documents.tests.readback import pdftotext_pages, reads_back
from frameworks.models import EventFramework, OperativeParagraph, ProgrammeArea
from people.demo import DEMO_PASSWORDS
from people.models import Country, Organisation, Person, Region
from reporting.figures import Filters, event_figures, expert_figures, trainee_figures

D = datetime.date


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, module_settings):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", force=True, verbosity=0)
        # Between tests the database is closed again, as everywhere else.
        with django_db_blocker.block():
            yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(demo, db):
    """The demo, for one test; what the test writes is undone after it."""


def test_demo_events_model_the_two_real_events_faithfully_among_varied_others(seeded):
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
    # History goes back a decade and more, and the plan runs into next year.
    today = timezone.localdate()
    assert min(years) <= today.year - 10 and max(years) >= today.year + 1


@pytest.mark.slow
def test_accreditation_demo_matches_the_domain_and_can_be_loaded_twice(seeded):
    workshops = TrainingEvent.objects.filter(
        kind=TrainingEvent.Kind.TTT, title__startswith=accreditation_demo.WORKSHOP_TITLE
    )
    assert workshops.count() == 15
    assert set(workshops.values_list("languages", flat=True)) == {"en", "es", "fr", "ru"}
    # Written for 2026 and moved by whole years to the year the demo is seeded in.
    brussels = workshops.get(start_date=D(2017 + timezone.localdate().year - 2026, 10, 17))
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
    accreditation_demo.seed()
    assert (Expert.objects.count(), Decision.objects.count(), TrainingEvent.objects.count()) == counts


def _snapshot():
    return {
        model.__name__: sorted(model.objects.values_list("pk", flat=True))
        for model in (Person, User, Organisation, Country, Module)
    } | {"person_history": Person.history.count()}


def test_seed_demo_twice_changes_nothing(seeded):
    # The first run is the module's seed, on an empty database.
    first = _snapshot()
    call_command("seed_demo", force=True, verbosity=0)
    assert _snapshot() == first
    assert User.objects.filter(username__in=["coordinator", "trainer", "admin"]).count() == 3


def test_seed_demo_users_can_sign_in_with_the_readme_passwords(seeded, client):
    for username, password in DEMO_PASSWORDS.items():
        response = client.post(reverse("login"), {"username": username, "password": password})
        assert response.status_code == 302 and response["Location"] == reverse("home"), username
        client.post(reverse("logout"))


def _signed_in(client, username):
    client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORDS[username]})
    return client


def test_a_training_runs_this_week_and_the_demo_trainer_can_take_todays_attendance(seeded, client):
    today = timezone.localdate()
    running = TrainingEvent.objects.filter(start_date__lte=today, end_date__gte=today).exclude(
        status__in=[TrainingEvent.Status.CANCELLED, TrainingEvent.Status.DRAFT])
    assert RUNNING_EVENT in set(running.values_list("title", flat=True))
    event = running.get(title=RUNNING_EVENT)
    trainer = User.objects.get(username="trainer")
    assert TrainingEvent.objects.for_trainer(trainer).filter(pk=event.pk).exists()
    day = EventDay.objects.get(event=event, date=today)
    # Earlier days of the week have their sheets; today's is left for the trainer.
    assert not Attendance.objects.filter(day=day).exists()
    if today > event.start_date:
        assert Attendance.objects.filter(day__event=event, day__date__lt=today).exists()
    _signed_in(client, "trainer")
    url = reverse("courses:attendance-day", args=[event.pk, day.pk])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="attendance-sheet"' in html and 'type="radio"' in html
    cells = response.context["form"].cells
    response = client.post(url, {"mark_all": "1"} | {f"os-{c.key}": c.original_status or "" for c in cells})
    assert response.status_code == 200
    assert Attendance.objects.filter(day=day).count() == event.enrolments.count() > 0


def test_the_demo_has_completed_trainings_with_certificates_and_scheduled_ones(seeded):
    today, S = timezone.localdate(), TrainingEvent.Status
    completed = TrainingEvent.objects.filter(status=S.COMPLETED, end_date__lt=today)
    assert Certificate.objects.filter(event__in=completed).exists()
    # Nothing marked completed lies in the future, nothing scheduled in the past.
    assert not TrainingEvent.objects.filter(status=S.COMPLETED, end_date__gte=today).exists()
    scheduled = TrainingEvent.objects.filter(status__in=[S.PLANNED, S.CONFIRMED], start_date__gt=today)
    assert scheduled.count() >= 3
    assert not TrainingEvent.objects.filter(
        status__in=[S.PLANNED, S.CONFIRMED, S.POSTPONED], end_date__lt=today).exists()
    # The two real events keep their real dates (asserted above); the rest moves with today.


def test_the_readme_states_how_many_events_the_events_page_lists(seeded, client):
    readme = (settings.BASE_DIR / "README.md").read_text("utf-8")
    match = re.search(r"\*Events\* page lists (\d+) events", readme)
    assert match, "The README says how many events the demo creates."
    _signed_in(client, "coordinator")
    response = client.get(reverse("courses:event-list"))
    assert int(match.group(1)) == response.context["page_obj"].paginator.count


def test_the_december_2022_note_lists_the_paragraphs_of_resolution_2663_it_serves_with_their_text(seeded):
    event = TrainingEvent.objects.get(title=WORKSHOP_2022)
    page = "".join(pdftotext_pages(render_pdf(build_note(event))))
    assert reads_back(page, "operative paragraphs (OPs) of resolution 2663 (2022)")
    paragraphs = OperativeParagraph.objects.filter(resolution__number=2663).order_by("number")
    assert [p.number for p in paragraphs.filter(event_frameworks__event=event)] == [1, 9, 12, 25]
    for paragraph in paragraphs:
        assert reads_back(page, f"{paragraph.number}. {paragraph.text}"), paragraph.number
    assert reads_back(page, "national export and transshipment controls")
    # Every other event has the programme area of its kind, and cites no paragraph.
    assert EventFramework.objects.get(event=event).programme_area == ProgrammeArea.TRAININGS
    workshop = TrainingEvent.objects.filter(kind=TrainingEvent.Kind.TTT).first()
    assert workshop.framework.programme_area == ProgrammeArea.ACCREDITATION
    assert not workshop.framework.paragraphs.exists()


def test_the_demo_reproduces_the_programme_description_s_figures_as_the_dashboards_count_them(seeded):
    """Fifteen accreditation workshops in English, Spanish, French and Russian; well over 100
    accredited and pre-accredited experts from over fifty countries in all six WCO regions;
    over 2,000 officials trained. (The 36 WCO-run trainings need issue 17's split between
    WCO-run and expert-delivered trainings: not reproduced yet.)"""
    everything = Filters()
    ttt = event_figures(everything).ttt_by_language
    assert sum(ttt.values()) == 15 and set(ttt) == {"en", "es", "fr", "ru"}

    experts = expert_figures(everything)
    standing = (ExpertStatus.ACCREDITED.value, ExpertStatus.PRE_ACCREDITED.value)
    assert sum(sum(experts.by_status[s].values()) for s in standing) > 100
    regions = {r for s in standing for r, n in experts.by_status_and_region[s].items() if n}
    assert regions == set(Region.objects.values_list("pk", flat=True)) and len(regions) == 6
    countries = Expert.objects.filter(status__in=standing).values("person__country").distinct().count()
    assert countries > 50

    assert trainee_figures(everything).total.people > 2000


def _trained_by_hand(event: TrainingEvent) -> set[int]:
    """The dashboards' rule, by hand: present or late on some day where the training recorded
    attendance, enrolled (not withdrawn) where it recorded none."""
    enrolments = list(event.enrolments.filter(status="enrolled"))
    records = list(Attendance.objects.filter(enrolment__event=event))
    if not records:
        return {e.person_id for e in enrolments}
    attended = {r.enrolment_id for r in records if r.status in ("present", "late")}
    return {e.person_id for e in enrolments if e.pk in attended}


def test_the_demo_donor_funds_three_events_and_its_report_shows_exactly_their_figures(seeded):
    from frameworks.demo import DEMO_DONOR
    from reporting.donor import DonorSelection, donor_figures, donor_report
    from reporting.report_document import render_pdf

    donor = Organisation.objects.get(name=DEMO_DONOR)
    funded = TrainingEvent.objects.filter(funding_sources__donor=donor).distinct()
    assert funded.count() == 3
    figures = donor_figures(DonorSelection(donor))
    delivered = [e for e in funded.order_by("start_date") if e in TrainingEvent.objects.delivered()]
    assert [e.title for e in figures.delivered] == [e.title for e in delivered] == [CHINA_2021, WORKSHOP_2022]
    assert len(figures.scheduled) == 1 and figures.scheduled[0].end_date >= timezone.localdate()
    people = set().union(*(_trained_by_hand(e) for e in delivered))
    by_gender = dict.fromkeys(("female", "male", "another", "unknown"), 0)
    for person in Person.objects.filter(pk__in=people):
        by_gender[person.gender] += 1
    assert figures.trained == by_gender and sum(by_gender.values()) > 100
    for event in delivered:
        assert sum(figures.trained_by_event[event.pk].values()) == len(_trained_by_hand(event))
    expected_certificates = Certificate.objects.valid().filter(event__in=funded).count()
    assert sum(figures.certificates.values()) == expected_certificates
    text = "\n".join(pdftotext_pages(render_pdf(donor_report(DonorSelection(donor)))))
    assert reads_back(text, f"{sum(by_gender.values())} officials trained")
    assert reads_back(text, CHINA_2021) and reads_back(text, WORKSHOP_2022)


@pytest.mark.parametrize("language", ["en", "fr", "es", "ru"])
def test_the_programme_report_over_the_demo_states_the_description_s_figures(seeded, language):
    from django.utils import translation

    from reporting.programme import programme_dashboard
    from reporting.programme_report import ProgrammeSelection, programme_report
    from reporting.report_document import render_pdf
    from reporting.tables import Labels

    with translation.override(language):
        pdf = render_pdf(programme_report(ProgrammeSelection()))
        totals = next(t for t in programme_dashboard(Filters(), Labels()) if t.slug == "delivery-totals")
    text = " ".join(" ".join(pdftotext_pages(pdf)).split())
    wco_run = totals.rows[0][1]
    officials = trainee_figures(Filters()).total.people
    if language == "en":
        assert (
            "Fifteen (15) Train-the-Trainer accreditation workshops were delivered in English, French, "
            "Russian and Spanish" in text
        )
        found = re.search(
            r"counts (\d+) accredited and pre-accredited experts from (\d+) countries in (\w+) of "
            r"the six WCO regions", text,
        )
        assert found, text[:2000]
        assert int(found[1]) > 100 and int(found[2]) > 50 and found[3] == "6"
        ran = re.search(r"The WCO ran ([\w-]+ \()?([\d,]+)\)? trainings directly", text)
        assert int(ran[2].replace(",", "")) == wco_run
        trained = re.search(r"([\d,]+) officials were trained", text)
        assert int(trained[1].replace(",", "")) == officials > 2000
    else:
        fifteen = {
            "fr": "Quinze (15) ateliers", "es": "Quince (15) talleres", "ru": "Пятнадцать (15) семинаров",
        }
        assert fifteen[language] in text
        assert f"{officials:,}".replace(",", "\u00a0") in text or f"{officials:,}".replace(",", " ") in text
