"""Demo data for accreditation, consistent with DOMAIN.md.

Fifteen Train-the-Trainer workshops (2014–2024, in English, Spanish, French and Russian, among
them Brussels, 17–26 October 2017, in Russian: 14 participants from 6 administrations), their
participants' whole path through the workflow with evidence and decisions, renewals and lapses
against today's date, a few proposals waiting in the administrators' queue and a few new
nominations. Independent of courses.demo: it creates its own events, keyed by title and start.
Idempotent: an expert's history is written only when that expert is first created.

The dates are written as seen from 2026 (DEMO_YEAR) and move by whole years to the year seed_demo
runs in, so the history keeps its length and the trainings pool its size (the README's count).
"""

import datetime
import functools
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from accreditation.models import (
    Decision,
    EvaluationResult,
    Evidence,
    EvidenceKind,
    Expert,
    ExpertStatus,
    Proposal,
    accreditation_years,
    add_years,
)
from courses.models import Enrolment, Module, TrainerAssignment, TrainingEvent
from people.models import Country, Gender, Language, Organisation, Person

S = ExpertStatus
DAY = datetime.timedelta(days=1)
# The year the demo history below was written for; seed_demo moves it by whole years to today's.
DEMO_YEAR = 2026

# Every accreditation workshop's title starts so (the courses demo has other TTT events).
WORKSHOP_TITLE = "STCE Train-the-Trainer accreditation workshop"
# (start, city, host country, language, participants, administrations)
WORKSHOPS = [
    (datetime.date(2014, 3, 10), "Brussels", "BE", "en", 12, None),
    (datetime.date(2014, 11, 17), "Brussels", "BE", "fr", 12, None),
    (datetime.date(2015, 5, 11), "Brussels", "BE", "en", 13, None),
    (datetime.date(2015, 10, 5), "Panama City", "PA", "es", 13, None),
    (datetime.date(2016, 4, 11), "Brussels", "BE", "en", 14, None),
    (datetime.date(2016, 9, 19), "Almaty", "KZ", "ru", 12, None),
    (datetime.date(2017, 3, 13), "Brussels", "BE", "fr", 12, None),
    (datetime.date(2017, 6, 12), "Buenos Aires", "AR", "es", 13, None),
    (datetime.date(2017, 10, 17), "Brussels", "BE", "ru", 14, 6),
    (datetime.date(2018, 5, 14), "Bangkok", "TH", "en", 14, None),
    (datetime.date(2019, 3, 11), "Brussels", "BE", "es", 13, None),
    (datetime.date(2019, 10, 14), "Abidjan", "CI", "fr", 13, None),
    (datetime.date(2022, 5, 16), "Brussels", "BE", "en", 14, None),
    (datetime.date(2023, 10, 9), "Tashkent", "UZ", "ru", 12, None),
    (datetime.date(2024, 6, 10), "Brussels", "BE", "en", 14, None),
]
LANGUAGE_NAMES = {"en": "English", "es": "Spanish", "fr": "French", "ru": "Russian"}

COUNTRIES_BY_LANGUAGE = {
    "ru": ["RU", "KZ", "KG", "UZ", "BY", "AM", "AZ", "TJ", "GE", "UA", "MD", "MN"],
    "es": ["AR", "CL", "CO", "PE", "MX", "PA", "DO", "EC", "UY", "PY", "BO", "CR", "GT", "SV", "HN"],
    "fr": ["SN", "CI", "CM", "BF", "ML", "TG", "BJ", "MA", "TN", "DZ", "NE", "MG", "GA", "CD", "GN", "HT"],
    "en": ["KE", "GH", "NG", "ZA", "UG", "TZ", "ZM", "BW", "TH", "MY", "PH", "ID", "VN", "IN", "PK",
           "LK", "JO", "EG", "AE", "SA", "OM", "LB", "AU", "NZ", "FJ", "JM", "TT", "EE", "LV", "PL"],
}

# Given names (male, female) and family names per naming tradition; Cyrillic names carry their
# Latin transliteration.
NAMES = {
    "ru": {
        Gender.MALE: [("Алексей", "Aleksei"), ("Дмитрий", "Dmitry"), ("Сергей", "Sergei"),
                      ("Нурлан", "Nurlan"), ("Бахтиёр", "Bakhtiyor"), ("Арман", "Arman"),
                      ("Игорь", "Igor"), ("Азамат", "Azamat"), ("Тимур", "Timur")],
        Gender.FEMALE: [("Ольга", "Olga"), ("Айгуль", "Aigul"), ("Наталья", "Natalia"),
                        ("Гульнара", "Gulnara"), ("Елена", "Elena")],
        "family": [("Смирнов", "Smirnov"), ("Ахметов", "Akhmetov"), ("Каримов", "Karimov"),
                   ("Петров", "Petrov"), ("Алиев", "Aliyev"), ("Садыков", "Sadykov"),
                   ("Козлов", "Kozlov"), ("Юсупов", "Yusupov"), ("Морозов", "Morozov")],
    },
    "es": {
        Gender.MALE: ["Carlos", "José Luis", "Andrés", "Diego", "Martín", "Jorge", "Ricardo", "Héctor"],
        Gender.FEMALE: ["María José", "Lucía", "Carolina", "Valentina", "Paola", "Ana Belén"],
        "family": ["González", "Rodríguez", "Fernández", "Muñoz", "Rojas", "Castillo", "Peña",
                   "Vargas", "Ibáñez", "Salazar", "Quiroga", "Ortiz"],
    },
    "fr": {
        Gender.MALE: ["Moussa", "Ousmane", "Jean-Baptiste", "Karim", "Abdoulaye", "Serge", "Youssef",
                      "Mamadou"],
        Gender.FEMALE: ["Aminata", "Fatoumata", "Awa", "Nadia", "Mariam", "Solange"],
        "family": ["Diop", "Traoré", "Koné", "Ndiaye", "Ouédraogo", "Benali", "Kouassi", "Camara",
                   "Mbarga", "Haddad", "Sow", "Bamba"],
    },
    "en-africa": {
        Gender.MALE: ["Samuel", "Kofi", "Emeka", "Thabo", "Joseph", "Baraka", "Kwame"],
        Gender.FEMALE: ["Grace", "Esther", "Nomvula", "Wanjiru", "Abena"],
        "family": ["Ochieng", "Mensah", "Okonkwo", "Nkosi", "Mwale", "Banda", "Mutua", "Owusu"],
    },
    "en-asia": {
        Gender.MALE: ["Rajesh", "Somchai", "Ahmad", "Tuan", "Imran", "Jose", "Budi"],
        Gender.FEMALE: ["Priya", "Siti", "Nurul", "Maricel", "Lan"],
        "family": ["Sharma", "Rahman", "Wijaya", "Santos", "Tan", "Khan", "Srisuk", "Nguyen"],
    },
    "en-mena": {
        Gender.MALE: ["Ahmed", "Omar", "Khalid", "Tariq", "Youssef", "Hamad"],
        Gender.FEMALE: ["Layla", "Rania", "Fatima", "Noura"],
        "family": ["Al-Mansouri", "Haddad", "Al-Harthy", "Nasser", "Khalil", "Al-Qahtani"],
    },
    "en-other": {
        Gender.MALE: ["James", "Michael", "Daniel", "Peter", "Andris", "Tomasz", "Marcus"],
        Gender.FEMALE: ["Sarah", "Emma", "Aroha", "Kristine", "Anna"],
        "family": ["Brown", "Wilson", "Kowalski", "Ozols", "Campbell", "Thompson", "Tamm"],
    },
}

FEMALE_SHARE = 0.3
ENGLISH_NAME_POOLS = {
    "en-africa": {"KE", "GH", "NG", "ZA", "UG", "TZ", "ZM", "BW"},
    "en-asia": {"TH", "MY", "PH", "ID", "VN", "IN", "PK", "LK"},
    "en-mena": {"JO", "EG", "AE", "SA", "OM", "LB"},
}


def _name_pool(language: str, country_id: str) -> dict:
    if language != "en":
        return NAMES[language]
    for key, codes in ENGLISH_NAME_POOLS.items():
        if country_id in codes:
            return NAMES[key]
    return NAMES["en-other"]


def _country_codes(language: str) -> list[str]:
    known = set(Country.objects.filter(code__in=COUNTRIES_BY_LANGUAGE[language])
                .values_list("code", flat=True))
    return [c for c in COUNTRIES_BY_LANGUAGE[language] if c in known]


@functools.cache
def _customs_pk(country_id: str) -> int | None:
    return (Organisation.objects.filter(country_id=country_id, kind=Organisation.Kind.CUSTOMS)
            .order_by("pk").values_list("pk", flat=True).first())


def _customs(country_id: str) -> Organisation | None:
    pk = _customs_pk(country_id)
    return Organisation(pk=pk) if pk else None


def _event(*, title, start, days, kind, country_id, language, venue="", status=None) -> TrainingEvent:
    end = start + (days - 1) * DAY
    if status is None:
        past = end < timezone.localdate()
        status = TrainingEvent.Status.COMPLETED if past else TrainingEvent.Status.CONFIRMED
    country = Country.objects.filter(pk=country_id).select_related("region").first()
    event, created = TrainingEvent.objects.get_or_create(
        title=title, start_date=start,
        defaults=dict(end_date=end, kind=kind, status=status, host_country=country,
                      region=country.region if country else None, venue=venue),
    )
    if created:
        event.languages.set(Language.objects.filter(code__in=[language]))
    return event


class _Seeder:
    def __init__(self, stdout):
        self.stdout = stdout
        self.rng = random.Random(2017)
        self.today = timezone.localdate()
        # Whole years the demo moves from the year it was written for (leap days do not occur).
        self.years = self.today.year - DEMO_YEAR
        self.coordinator, self.administrator = _demo_users()
        self.modules = list(Module.objects.filter(active=True).values_list("pk", flat=True))
        self.person_counter = 0
        self.trainings: list[TrainingEvent] = []
        self.assessors: list[Person] = []
        self.new_experts = 0
        self.pending_decisions: list = []

    # --- people -----------------------------------------------------------------------------
    def person(self, *, language: str, country_id: str, gender=None) -> tuple[Person, bool]:
        self.person_counter += 1
        gender = gender or (Gender.FEMALE if self.rng.random() < FEMALE_SHARE else Gender.MALE)
        pool = _name_pool(language, country_id)
        given, family = self.rng.choice(pool[gender]), self.rng.choice(pool["family"])
        latin = ""
        if language == "ru":
            (given, given_latin), (family, family_latin) = given, family
            if gender == Gender.FEMALE and family.endswith(("ов", "ев")):
                family, family_latin = family + "а", family_latin + "a"
            latin = f"{given_latin} {family_latin}"
        return Person.objects.get_or_create(
            email=f"ace.demo{self.person_counter:03d}@example.org",
            defaults=dict(given_name=given, family_name=family, latin_name=latin, gender=gender,
                          country_id=country_id, organisation=_customs(country_id),
                          position=self.rng.choice(["Customs officer", "Senior customs officer",
                                                    "Head of enforcement unit", "Customs trainer"]),
                          preferred_language=language),
        )

    # --- events -----------------------------------------------------------------------------
    def workshops(self) -> list[tuple[TrainingEvent, tuple]]:
        result = []
        for spec in WORKSHOPS:
            start, city, country, language, _n, _adm = spec
            start = start.replace(year=start.year + self.years)
            title = f"{WORKSHOP_TITLE} ({LANGUAGE_NAMES[language]}), {city}"
            event = _event(title=title, start=start, days=10, kind=TrainingEvent.Kind.TTT,
                           country_id=country, language=language, venue=city,
                           status=TrainingEvent.Status.COMPLETED)
            result.append((event, spec))
        return result

    def training_pool(self):
        """National and regional trainings the experts co-deliver, 2015 to next year."""
        rng = random.Random(1540)
        languages = list(COUNTRIES_BY_LANGUAGE)
        # The same number of years whatever the year: 2015-2027 as written in 2026, moved along.
        for year in range(2015 + self.years, DEMO_YEAR + 2 + self.years):
            for i in range(8):
                language = languages[(year + i) % len(languages)]
                country = rng.choice(_country_codes(language))
                start = datetime.date(year, 1, 1) + rng.randrange(0, 355) * DAY
                start -= start.weekday() * DAY  # trainings start on a Monday
                kind = TrainingEvent.Kind.REGIONAL if i % 4 == 3 else TrainingEvent.Kind.NATIONAL
                name = Country.objects.get(pk=country).name
                label = "Regional" if kind == TrainingEvent.Kind.REGIONAL else "National"
                self.trainings.append(_event(
                    title=f"{label} STCE training, {name}", start=start, days=5, kind=kind,
                    country_id=country, language=language,
                ))
        self.trainings.sort(key=lambda e: e.start_date)

    def training_between(self, first: datetime.date, last: datetime.date) -> TrainingEvent | None:
        candidates = [e for e in self.trainings if first <= e.start_date and e.end_date <= last
                      and e.status == TrainingEvent.Status.COMPLETED]
        return self.rng.choice(candidates) if candidates else None

    def assessor_pool(self):
        for i, (given, family, country) in enumerate([
            ("Adams", "Vas", "BE"), ("Helen", "Carter", "GB"), ("Marc", "Lefèvre", "FR"),
            ("Ingrid", "Holm", "SE"),
        ]):
            person, _ = Person.objects.get_or_create(
                email=f"ace.assessor{i}@example.org",
                defaults=dict(given_name=given, family_name=family, country_id=country,
                              gender=Gender.FEMALE if given in {"Helen", "Ingrid"} else Gender.MALE,
                              position="STCE Programme assessor"),
            )
            self.assessors.append(person)

    # --- workflow ---------------------------------------------------------------------------
    def decide(self, expert, from_status, to_status, on: datetime.date, evidence=(), rationale=""):
        """Queue an approved proposal and its decision; `flush_decisions` writes them in bulk."""
        moment = timezone.make_aware(datetime.datetime.combine(on, datetime.time(11, 0)))
        proposal = Proposal(
            expert=expert, from_status=from_status, to_status=to_status,
            rationale=rationale or "Evidence on file.", proposed_by=self.coordinator,
            proposed_at=moment - datetime.timedelta(days=5), state=Proposal.State.APPROVED,
        )
        decision = Decision(
            expert=expert, outcome=Decision.Outcome.APPROVED,
            from_status=from_status, to_status=to_status,
            evidence_relied_on="\n".join(e.summary for e in evidence),
            proposed_by=self.coordinator, decided_by=self.administrator, decided_at=moment,
            effective_on=on, rationale=rationale or "Agreed on the evidence.",
        )
        self.pending_decisions.append((proposal, decision, list(evidence)))

    def flush_decisions(self):
        # Decisions are append-only: bulk_create inserts them without going through save().
        proposals = Proposal.objects.bulk_create([p for p, _d, _e in self.pending_decisions])
        for proposal, (_p, decision, _e) in zip(proposals, self.pending_decisions, strict=True):
            decision.proposal = proposal
        decisions = Decision.objects.bulk_create([d for _p, d, _e in self.pending_decisions])
        ProposalEvidence = Proposal.evidence.through
        DecisionEvidence = Decision.evidence.through
        ProposalEvidence.objects.bulk_create([
            ProposalEvidence(proposal_id=p.pk, evidence_id=e.pk)
            for p, (_p, _d, evidence) in zip(proposals, self.pending_decisions, strict=True) for e in evidence
        ])
        DecisionEvidence.objects.bulk_create([
            DecisionEvidence(decision_id=d.pk, evidence_id=e.pk)
            for d, (_p, _d, evidence) in zip(decisions, self.pending_decisions, strict=True) for e in evidence
        ])
        self.pending_decisions = []

    def co_deliver(self, expert, after: datetime.date, until: datetime.date, result=EvaluationResult.PASSED):
        event = self.training_between(after, until)
        if event is None:
            return None
        assignment, _ = TrainerAssignment.objects.get_or_create(
            event=event, person=expert.person, defaults={"role": TrainerAssignment.Role.CO_TRAINER})
        assessor = self.rng.choice(self.assessors)
        TrainerAssignment.objects.get_or_create(event=event, person=assessor,
                                                defaults={"role": TrainerAssignment.Role.ASSESSOR})
        evidence, _ = Evidence.objects.get_or_create(
            expert=expert, kind=EvidenceKind.CO_DELIVERY, event=event,
            defaults=dict(assignment=assignment, assessor=assessor, result=result,
                          evaluation="Confident delivery of the operational modules; good use of "
                                     "national cases." if result == EvaluationResult.PASSED else
                                     "Needs more practice before training alone."),
        )
        return evidence

    def participant(self, workshop: TrainingEvent, language: str, country_id: str, *, pending=False):
        person, _ = self.person(language=language, country_id=country_id)
        if Expert.objects.filter(person=person).exists():
            return
        self.new_experts += 1
        rng = self.rng
        nominated_on = workshop.start_date - 75 * DAY
        expert = Expert.objects.create(
            person=person, nominating_administration_id=person.organisation_id, nominated_on=nominated_on,
            profile=rng.choice([
                "Enforcement officer with ten years at the border; teaches risk management.",
                "Trainer at the national customs academy; specialist in dual-use goods.",
                "Post-clearance audit team leader.",
                "Works in the strategic goods licensing liaison unit.",
            ]),
        )
        expert.languages.set({language, "en"} if rng.random() < 0.5 else {language})
        expert.modules.set(rng.sample(self.modules, k=min(len(self.modules), rng.randint(3, 7))))
        Enrolment.objects.get_or_create(event=workshop, person=person)
        self.decide(expert, S.NOMINATED, S.SELECTED, workshop.start_date - 30 * DAY,
                    rationale="Nominated by their administration; place confirmed.")
        passed = pending or rng.random() < 0.8
        evidence = Evidence.objects.create(
            expert=expert, kind=EvidenceKind.WORKSHOP, event=workshop, attended=True,
            result=EvaluationResult.PASSED if passed else EvaluationResult.FAILED,
            evaluation="Advanced subject knowledge and training skills." if passed
            else "Subject knowledge adequate; training skills not yet sufficient.",
        )
        self.decide(expert, S.SELECTED, S.IN_WORKSHOP, workshop.start_date, [evidence],
                    rationale="Attended the workshop.")
        status = S.IN_WORKSHOP
        if pending:
            proposal = Proposal.objects.create(
                expert=expert, from_status=status, to_status=S.PRE_ACCREDITED,
                rationale="Showed advanced skills in the workshop.", proposed_by=self.coordinator,
                proposed_at=timezone.now() - rng.randint(2, 20) * datetime.timedelta(days=1),
            )
            proposal.evidence.set([evidence])
            expert.status = status
            expert.save()
            return
        pre_on = workshop.end_date + 7 * DAY
        if not passed:
            self.decide(expert, S.IN_WORKSHOP, S.NOT_ACCREDITED, pre_on, [evidence],
                        rationale="Workshop evaluation below the pre-accreditation level.")
            expert.status = S.NOT_ACCREDITED
            expert.save()
            return
        self.decide(expert, S.IN_WORKSHOP, S.PRE_ACCREDITED, pre_on, [evidence],
                    rationale="Showed advanced skills in the workshop.")
        expert.pre_accredited_on, status = pre_on, S.PRE_ACCREDITED
        co = None
        if rng.random() < 0.65:
            co = self.co_deliver(expert, pre_on + 60 * DAY, pre_on + 700 * DAY)
        if co is not None:
            accredited_on = co.event.end_date + 14 * DAY
            self.decide(expert, S.PRE_ACCREDITED, S.ACCREDITED, accredited_on, [co],
                        rationale="Co-delivered a training; the assessor recommends accreditation.")
            expert.accredited_on, status = accredited_on, S.ACCREDITED
            expert.valid_until = add_years(accredited_on, accreditation_years())
            status = self.renew_or_lapse(expert)
        expert.status = status
        expert.save()

    def renew_or_lapse(self, expert) -> str:
        while expert.valid_until < self.today:
            period_start = add_years(expert.valid_until, -accreditation_years())
            renew_on = expert.valid_until - self.rng.randint(20, 120) * DAY
            refresher_event = self.training_between(period_start + 180 * DAY, renew_on - 14 * DAY)
            if refresher_event is None or self.rng.random() < 0.2:
                lapse_on = expert.valid_until + self.rng.randint(5, 60) * DAY
                if lapse_on > self.today:
                    return S.ACCREDITED  # ended, not yet recorded as lapsed: on the "ended" list
                self.decide(expert, S.ACCREDITED, S.LAPSED, lapse_on,
                            rationale="No refresher during the validity period.")
                return S.LAPSED
            TrainerAssignment.objects.get_or_create(event=refresher_event, person=expert.person,
                                                    defaults={"role": TrainerAssignment.Role.LEAD})
            refresher = Evidence.objects.create(
                expert=expert, kind=EvidenceKind.REFRESHER, event=refresher_event,
                result=EvaluationResult.PASSED, evaluation="Delivered as lead trainer.",
            )
            self.decide(expert, S.ACCREDITED, S.ACCREDITED, renew_on, [refresher],
                        rationale="Renewed: delivered a training during the validity period.")
            expert.valid_until = add_years(expert.valid_until, accreditation_years())
        return S.ACCREDITED

    def run(self):
        self.assessor_pool()
        self.training_pool()
        workshops = self.workshops()
        for index, (workshop, spec) in enumerate(workshops):
            _start, _city, _country, language, size, administrations = spec
            codes = _country_codes(language)
            local = random.Random(index)
            with_customs = [c for c in codes if _customs(c)]
            chosen = local.sample(with_customs, k=administrations) if administrations else codes
            last = index == len(workshops) - 1
            for n in range(size):
                country = chosen[n % len(chosen)] if administrations else local.choice(chosen)
                self.participant(workshop, language, country, pending=last and n < 3)
        if self.new_experts:
            self.extra_cases()
        self.flush_decisions()

    def extra_cases(self):
        """Pending accreditations and a lapse for the queue, a suspension, withdrawals, new nominees."""
        rng = self.rng
        recent = Expert.objects.filter(
            status=S.PRE_ACCREDITED, pre_accredited_on__year__gte=2023 + self.years)
        for expert in recent[:2]:
            co = self.co_deliver(expert, expert.pre_accredited_on + 60 * DAY, self.today)
            if co:
                Proposal.objects.create(
                    expert=expert, from_status=S.PRE_ACCREDITED, to_status=S.ACCREDITED,
                    rationale="Co-delivered under evaluation; assessor recommends accreditation.",
                    proposed_by=self.coordinator, proposed_at=timezone.now() - 9 * datetime.timedelta(days=1),
                ).evidence.set([co])
        overdue = Expert.objects.overdue(today=self.today).exclude(proposals__state="pending").first()
        if overdue:
            Proposal.objects.create(expert=overdue, from_status=S.ACCREDITED, to_status=S.LAPSED,
                                    rationale="No refresher recorded; validity ended.",
                                    proposed_by=self.coordinator,
                                    proposed_at=timezone.now() - 3 * datetime.timedelta(days=1))
        accredited = list(Expert.objects.accredited().exclude(proposals__state="pending").order_by("pk"))
        for expert, to_status, why in [
            (accredited[5], S.SUSPENDED, "Under internal investigation by their administration."),
            (accredited[11], S.WITHDRAWN, "Retired from the customs service."),
            (accredited[17], S.WITHDRAWN, "Moved to another ministry; asked to leave the database."),
        ]:
            on = self.today - rng.randint(30, 300) * DAY
            self.decide(expert, S.ACCREDITED, to_status, on, rationale=why)
            expert.status = to_status
            expert.save()
        for language in ("en", "es", "fr"):
            person, _ = self.person(language=language, country_id=rng.choice(_country_codes(language)))
            if not Expert.objects.filter(person=person).exists():
                Expert.objects.create(person=person, nominating_administration_id=person.organisation_id,
                                      nominated_on=self.today - rng.randint(5, 60) * DAY)


def _demo_users():
    User = get_user_model()
    coordinator = User.objects.filter(username="coordinator").first()
    administrator = User.objects.filter(username="admin").first()
    if coordinator is None:
        coordinator, _ = User.objects.get_or_create(username="ace-demo-coordinator")
    if administrator is None:
        administrator, _ = User.objects.get_or_create(username="ace-demo-administrator")
    return coordinator, administrator


def seed(stdout=None) -> None:
    _customs_pk.cache_clear()  # reference data may have changed since the last run
    seeder = _Seeder(stdout)
    seeder.run()
    if stdout:
        trainers = Expert.objects.filter(status__in=[S.ACCREDITED, S.PRE_ACCREDITED])
        stdout.write(
            f"Accreditation: {TrainingEvent.objects.filter(kind=TrainingEvent.Kind.TTT).count()} workshops, "
            f"{trainers.count()} accredited and pre-accredited experts from "
            f"{trainers.values('person__country').distinct().count()} countries, "
            f"{Proposal.objects.pending().count()} proposals waiting."
        )
