"""A small random programme with the awkward cases, and the dashboard figures counted by hand.

The hand counts loop over the records in plain Python with the definitions written in
reporting/triggers.py, so the triggers and summary tables have something independent
to be checked against.
"""

import datetime
import random
from collections import defaultdict

from accreditation.models import Expert, ExpertStatus
from courses.models import Attendance, Enrolment, TrainerAssignment, TrainingEvent
from people.models import Country, Gender, Language, Organisation, Person, Region

REGIONS = [("ESA", "East and Southern Africa"), ("EUR", "Europe"), ("AP", "Asia/Pacific")]
COUNTRIES = [
    ("KE", "Kenya", "ESA"),
    ("ZA", "South Africa", "ESA"),
    ("BE", "Belgium", "EUR"),
    ("PL", "Poland", "EUR"),
    ("TH", "Thailand", "AP"),
]
LANGUAGES = [("en", "English"), ("fr", "French"), ("ru", "Russian")]
DELIVERED_OUT = {"cancelled", "draft"}
TODAY = datetime.date.today()  # a training counts once its last day has passed


def build_programme(seed: int = 7, *, people: int = 60, events: int = 25) -> dict:
    """Records through the ORM (so the triggers see ordinary writes), then later changes."""
    rng = random.Random(seed)
    for code, name in REGIONS:
        Region.objects.get_or_create(code=code, defaults={"name": name})
    for code, name, region in COUNTRIES:
        Country.objects.get_or_create(code=code, defaults={"name": name, "region_id": region})
    for code, name in LANGUAGES:
        Language.objects.get_or_create(code=code, defaults={"name": name})
    organisations = [
        Organisation.objects.create(name=f"Customs {code}", country_id=code) for code, _n, _r in COUNTRIES
    ]
    genders = [
        Gender.FEMALE,
        Gender.FEMALE,
        Gender.MALE,
        Gender.MALE,
        Gender.MALE,
        Gender.ANOTHER,
        Gender.NOT_RECORDED,
    ]
    persons = []
    for i in range(people):
        country = rng.choice([*COUNTRIES, None])
        organisation = rng.choice([*organisations, None])
        persons.append(
            Person.objects.create(
                given_name=f"P{i}",
                family_name=f"Person {i}",
                gender=rng.choice(genders),
                country_id=country[0] if country else None,
                organisation=organisation,
            )
        )
    statuses = ["completed", "completed", "confirmed", "planned", "postponed", "cancelled", "draft"]
    evts = []
    for i in range(events):
        start = datetime.date(rng.choice([2019, 2020, 2021, 2022]), rng.randint(1, 12), rng.randint(1, 25))
        placement = rng.choice(["region", "host", "both", "none"])
        host = rng.choice(COUNTRIES)
        event = TrainingEvent.objects.create(
            title=f"Event {i}",
            kind=rng.choice(TrainingEvent.Kind.values),
            format=rng.choice(TrainingEvent.Format.values),
            status=rng.choice(statuses),
            start_date=start,
            end_date=start + datetime.timedelta(days=2),
            region_id=rng.choice(REGIONS)[0] if placement in ("region", "both") else None,
            host_country_id=host[0] if placement in ("host", "both") else None,
        )
        event.languages.set(rng.sample([c for c, _ in LANGUAGES], rng.choice([0, 1, 1, 2])))
        evts.append(event)
    # Enrolments in bulk (no signals: as the participant import does) and one by one.
    enrolments = []
    for event in evts:
        for person in rng.sample(persons, rng.randint(0, 12)):
            enrolments.append(
                Enrolment(
                    event=event,
                    person=person,
                    status=Enrolment.Status.WITHDRAWN if rng.random() < 0.15 else Enrolment.Status.ENROLLED,
                )
            )
    half = len(enrolments) // 2
    Enrolment.objects.bulk_create(enrolments[:half])
    for enrolment in enrolments[half:]:
        enrolment.save()
    for event in evts[:10]:
        TrainerAssignment.objects.create(event=event, person=rng.choice(persons))
    experts = []
    for person in rng.sample(persons, 30):
        status = rng.choice(ExpertStatus.values)
        experts.append(
            Expert.objects.create(
                person=person,
                status=status,
                pre_accredited_on=datetime.date(2021, 5, 1) if rng.random() < 0.3 else None,
                accredited_on=datetime.date(2022, 5, 1)
                if status == "lapsed" and rng.random() < 0.5
                else None,
            )
        )
        experts[-1].languages.set(rng.sample([c for c, _ in LANGUAGES], rng.choice([0, 1, 2])))
    return {"people": persons, "events": evts, "experts": experts, "rng": rng}


def change_programme(data: dict) -> None:
    """What happens after enrolment: cancellations, withdrawals, deletions, corrections."""
    rng, events, people = data["rng"], data["events"], data["people"]
    delivered = [e for e in events if e.status not in DELIVERED_OUT and e.enrolments.exists()]
    delivered[0].status = TrainingEvent.Status.CANCELLED
    delivered[0].save()
    undelivered = [e for e in events if e.status in DELIVERED_OUT and e.enrolments.exists()]
    if undelivered:
        undelivered[0].status = TrainingEvent.Status.COMPLETED
        undelivered[0].save()
    moved = delivered[1]
    moved.start_date, moved.end_date = datetime.date(2023, 3, 1), datetime.date(2023, 3, 3)
    moved.kind = TrainingEvent.Kind.TTT
    moved.region_id, moved.host_country_id = None, "TH"
    moved.save()
    delivered[2].languages.add("ru", "fr")
    delivered[3].languages.clear()
    for enrolment in Enrolment.objects.filter(status="enrolled").order_by("pk")[:5]:
        enrolment.status = Enrolment.Status.WITHDRAWN
        enrolment.save()
    for enrolment in Enrolment.objects.filter(status="withdrawn").order_by("pk")[:2]:
        enrolment.status = Enrolment.Status.ENROLLED
        enrolment.save()
    Enrolment.objects.filter(pk__in=Enrolment.objects.order_by("-pk").values("pk")[:3]).delete()
    delivered[4].delete()
    # Bulk updates go through the database too.
    Enrolment.objects.filter(event=delivered[5]).update(status=Enrolment.Status.WITHDRAWN)
    for person in rng.sample(people, 6):
        person.gender = rng.choice([Gender.FEMALE, Gender.NOT_RECORDED, Gender.ANOTHER])
        person.country_id = rng.choice(["KE", "BE", None])
        person.organisation = None
        person.save()
    Person.objects.filter(pk__in=[p.pk for p in people[:4]]).update(gender=Gender.MALE)
    for expert in data["experts"][:6]:
        expert.status = (
            ExpertStatus.LAPSED if expert.status == ExpertStatus.ACCREDITED else ExpertStatus.ACCREDITED
        )
        expert.save()


def _region_of(event, country_regions) -> str:
    if event.region_id:
        return event.region_id
    if event.host_country_id:
        return country_regions[event.host_country_id]
    return ""


def count_trainees_by_hand(filters) -> dict:
    """{dimension: {value: {gender: (people, participations)}}}, plus reach, by plain loops."""
    country_regions = dict(Country.objects.values_list("code", "region_id"))
    people = {p.pk: p for p in Person.objects.all()}
    events = {e.pk: e for e in TrainingEvent.objects.prefetch_related("languages")}
    members = defaultdict(lambda: defaultdict(lambda: defaultdict(set)))
    participations = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    countries, organisations = set(), set()
    # Trained by attendance where the training recorded any, by enrolment where it recorded none.
    recorded_events, attended = set(), set()
    for event_id, enrolment_id, status in Attendance.objects.values_list(
        "enrolment__event_id", "enrolment_id", "status"
    ):
        recorded_events.add(event_id)
        if status in ("present", "late"):
            attended.add(enrolment_id)
    for enrolment in Enrolment.objects.all():
        event = events[enrolment.event_id]
        if enrolment.status != "enrolled" or event.status in DELIVERED_OUT or event.end_date >= TODAY:
            continue
        if event.pk in recorded_events and enrolment.pk not in attended:
            continue
        year, region = event.start_date.year, _region_of(event, country_regions)
        languages = sorted(lang.code for lang in event.languages.all()) or [""]
        if filters.year_from and year < filters.year_from:
            continue
        if filters.year_to and year > filters.year_to:
            continue
        if filters.region and region != filters.region:
            continue
        if filters.kind and event.kind != filters.kind:
            continue
        if filters.language:
            if filters.language not in languages:
                continue
            languages = [filters.language]
        person = people[enrolment.person_id]
        values = {
            "all": [""],
            "year": [str(year)],
            "region": [region],
            "kind": [event.kind],
            "format": [event.format],
            "country": [person.country_id or ""],
            "language": languages,
        }
        for dimension, dimension_values in values.items():
            for value in dimension_values:
                members[dimension][value][person.gender].add(person.pk)
                participations[dimension][value][person.gender] += 1
        if person.country_id:
            countries.add(person.country_id)
        if person.organisation_id:
            organisations.add(person.organisation_id)
    counts = {
        dimension: {
            value: {g: (len(ids), participations[dimension][value][g]) for g, ids in genders.items()}
            for value, genders in by_value.items()
        }
        for dimension, by_value in members.items()
    }
    return {"counts": counts, "countries": len(countries), "organisations": len(organisations)}


def count_experts_by_hand(filters) -> dict:
    by_status = defaultdict(int)
    by_region = defaultdict(int)
    for expert in Expert.objects.select_related("person__country").prefetch_related("languages"):
        region = expert.person.country.region_id if expert.person.country else ""
        if filters.region and region != filters.region:
            continue
        if filters.language and filters.language not in {lang.code for lang in expert.languages.all()}:
            continue
        by_status[(expert.status, expert.person.gender)] += 1
        by_region[(expert.status, region)] += 1
    return {"by_status": dict(by_status), "by_region": dict(by_region)}


def count_events_by_hand(filters) -> dict:
    country_regions = dict(Country.objects.values_list("code", "region_id"))
    by_year_and_kind, hosts, ttt = defaultdict(int), set(), defaultdict(int)
    for event in TrainingEvent.objects.prefetch_related("languages"):
        languages = [lang.code for lang in event.languages.all()]
        year = event.start_date.year
        if event.status in DELIVERED_OUT or event.end_date >= TODAY:
            continue
        if (filters.year_from and year < filters.year_from) or (filters.year_to and year > filters.year_to):
            continue
        if filters.region and _region_of(event, country_regions) != filters.region:
            continue
        if filters.kind and event.kind != filters.kind:
            continue
        if filters.language and filters.language not in languages:
            continue
        by_year_and_kind[(year, event.kind)] += 1
        if event.host_country_id:
            hosts.add(event.host_country_id)
        if event.kind == "ttt":
            for code in [filters.language] if filters.language else languages or [""]:
                ttt[code] += 1
    return {"by_year_and_kind": dict(by_year_and_kind), "hosts": len(hosts), "ttt": dict(ttt)}
