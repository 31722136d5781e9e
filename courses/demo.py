"""Demo events: the two real events of the programme's record, and plausible others around them.

The real events keep their dates; the others are placed around the day seed_demo runs (see
demo_shift), with one training running this week for the demo trainer.

Idempotent: events are keyed by title and built only when missing, so running seed_demo again
changes nothing.
"""

import datetime
import random

from django.conf import settings
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from courses.models import (
    AgendaItem,
    Enrolment,
    EventDateChange,
    EventDay,
    Module,
    TrainerAssignment,
    TrainingEvent,
)
from people.models import Country, Gender, Language, Organisation, Person

D = datetime.date
K, F, S = TrainingEvent.Kind, TrainingEvent.Format, TrainingEvent.Status

CHINA_2021 = "WCO STCE Programme – China National Training"
WORKSHOP_2022 = "UNSCR 1540 Customs Enforcement Workshop"

# Customs districts directly under the GACC ("municipal customs").
CHINESE_CUSTOMS = [
    ("Shanghai Customs", "Shanghai"),
    ("Guangzhou Customs", "Guangzhou"),
    ("Shenzhen Customs", "Shenzhen"),
    ("Tianjin Customs", "Tianjin"),
    ("Nanjing Customs", "Nanjing"),
    ("Qingdao Customs", "Qingdao"),
    ("Xiamen Customs", "Xiamen"),
    ("Dalian Customs", "Dalian"),
    ("Hangzhou Customs", "Hangzhou"),
    ("Ningbo Customs", "Ningbo"),
    ("Beijing Customs", "Beijing"),
    ("Chongqing Customs", "Chongqing"),
]
SURNAMES = [
    ("王", "Wang"),
    ("李", "Li"),
    ("张", "Zhang"),
    ("刘", "Liu"),
    ("陈", "Chen"),
    ("杨", "Yang"),
    ("黄", "Huang"),
    ("赵", "Zhao"),
    ("吴", "Wu"),
    ("周", "Zhou"),
    ("徐", "Xu"),
    ("孙", "Sun"),
    ("马", "Ma"),
    ("朱", "Zhu"),
    ("胡", "Hu"),
    ("郭", "Guo"),
    ("何", "He"),
    ("高", "Gao"),
    ("林", "Lin"),
    ("罗", "Luo"),
]
GIVEN_NAMES = {
    Gender.FEMALE: [
        ("芳", "Fang"),
        ("娜", "Na"),
        ("秀英", "Xiuying"),
        ("敏", "Min"),
        ("静", "Jing"),
        ("丽", "Li"),
        ("艳", "Yan"),
        ("娟", "Juan"),
        ("霞", "Xia"),
        ("桂英", "Guiying"),
        ("晓红", "Xiaohong"),
        ("雪", "Xue"),
    ],
    Gender.MALE: [
        ("伟", "Wei"),
        ("强", "Qiang"),
        ("磊", "Lei"),
        ("军", "Jun"),
        ("洋", "Yang"),
        ("勇", "Yong"),
        ("杰", "Jie"),
        ("涛", "Tao"),
        ("明", "Ming"),
        ("超", "Chao"),
        ("刚", "Gang"),
        ("建华", "Jianhua"),
        ("志强", "Zhiqiang"),
        ("海峰", "Haifeng"),
    ],
}
POSITIONS = [
    "Customs officer",
    "Senior customs officer",
    "Risk analyst",
    "Inspector",
    "Deputy director, enforcement",
    "Post-clearance auditor",
]

# (day, start, end, module code or None, free title, speaking organisations by short name)
CHINA_AGENDA = [
    (1, "13:00", "13:30", None, "Opening remarks", ["WCO", "GACC"]),
    (1, "13:30", "14:30", "STCE-01", "", ["WCO"]),
    (1, "14:40", "16:00", "STCE-03", "", ["1540 Experts"]),
    (2, "13:00", "14:00", "STCE-04", "", ["1540 Committee"]),
    (2, "14:10", "15:00", "STCE-05", "", ["UNODA BWC-ISU"]),
    (2, "15:10", "16:00", "STCE-02", "", ["WCO"]),
    (3, "13:00", "14:30", "STCE-06", "", ["OPCW", "UNODA BWC-ISU"]),
    (3, "14:40", "16:00", "STCE-07", "", ["IAEA"]),
    (4, "13:00", "14:30", "STCE-08", "", ["US DOE"]),
    (4, "14:40", "15:20", "STCE-11", "", ["WCO"]),
    (4, "15:20", "16:00", "STCE-12", "", ["WCO"]),
    (5, "13:00", "13:45", "STCE-13", "", ["WCO"]),
    (5, "13:45", "14:45", "STCE-18", "", ["GACC"]),
    (5, "14:45", "15:30", "STCE-19", "", ["Thai Customs"]),
    (5, "15:30", "16:00", None, "Evaluation and closing", ["WCO", "GACC"]),
]
WORKSHOP_AGENDA = [
    (1, "09:00", "09:30", None, "Opening remarks", ["CACA", "GACC"]),
    (1, "09:30", "11:00", "STCE-03", "", ["1540 Experts"]),
    (1, "14:00", "15:30", "STCE-04", "", ["1540 Experts"]),
    (1, "15:45", "17:00", "STCE-17", "", ["MOFCOM"]),
    (2, "09:00", "10:30", "STCE-05", "", ["MFA China"]),
    (2, "10:45", "12:00", "STCE-12", "", ["GACC"]),
    (
        2,
        "14:00",
        "15:30",
        None,
        "Resolution 2663 (2022): operative paragraphs 1, 9, 12 and 25",
        ["1540 Experts"],
    ),
    (2, "15:45", "16:30", None, "Discussion and closing", ["CACA"]),
]


# Other events: fixtures/demo_events.txt, one per line; the last one gets postponed.
def _parse_event_line(line: str) -> tuple:
    (
        title,
        kind,
        fmt,
        country,
        start,
        days,
        languages,
        status,
        organisers,
        partners,
        capacity,
        participants,
        where,
        zone,
    ) = (part.strip() for part in line.split("|"))

    def names(text):
        return [] if text == "-" else [n.strip() for n in text.split(",")]

    return (
        title,
        K(kind),
        F(fmt),
        None if country == "-" else country,
        datetime.date.fromisoformat(start),
        int(days),
        names(languages),
        S(status),
        names(organisers),
        names(partners),
        int(capacity),
        int(participants),
        where,
        zone,
    )


_EVENT_LINES = [
    line
    for line in (settings.BASE_DIR / "fixtures" / "demo_events.txt").read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]
*OTHER_EVENTS, POSTPONED_2026 = [_parse_event_line(line) for line in _EVENT_LINES]
# The day demo_events.txt describes the programme from: its events move with the day seed_demo
# runs, so "completed", "confirmed" and "planned" stay true (the two real events do not move).
FIXTURE_TODAY = D(2026, 7, 1)
# The training under way in the week seed_demo runs; the demo trainer leads it.
RUNNING_EVENT = "STCE National Training – Albania"
# Events where the demo trainer (trainer@example.org) is on the programme, and their role.
TRAINER_EVENTS = {
    CHINA_2021: TrainerAssignment.Role.CO_TRAINER,
    "Entrenamiento Regional STCE – Sudamérica": TrainerAssignment.Role.LEAD,
    "STCE National Training – Georgia": TrainerAssignment.Role.LEAD,
    "STCE Awareness Workshop – Peru": TrainerAssignment.Role.LEAD,
    RUNNING_EVENT: TrainerAssignment.Role.LEAD,
}
MODULE_PLAN = {  # a plausible module sequence per kind, two or three a day
    K.NATIONAL: [
        "STCE-01",
        "STCE-02",
        "STCE-03",
        "STCE-06",
        "STCE-07",
        "STCE-08",
        "STCE-11",
        "STCE-12",
        "STCE-13",
        "STCE-17",
        "STCE-18",
    ],
    K.REGIONAL: [
        "STCE-01",
        "STCE-02",
        "STCE-03",
        "STCE-05",
        "STCE-06",
        "STCE-08",
        "STCE-10",
        "STCE-12",
        "STCE-15",
        "STCE-16",
    ],
    K.TTT: ["STCE-22", "STCE-01", "STCE-02", "STCE-03", "STCE-06", "STCE-07", "STCE-08", "STCE-12"],
    K.AWARENESS: ["STCE-20", "STCE-03"],
    K.OUTREACH: ["STCE-11", "STCE-08"],
    K.EXERCISE: ["STCE-12", "STCE-15", "STCE-16"],
}


class _Lookup:
    def __init__(self):
        self.orgs = {o.short_name: o for o in Organisation.objects.exclude(short_name="")}
        self.modules = {m.code: m for m in Module.objects.all()}
        self.languages = {lang.code: lang for lang in Language.objects.all()}


def _time(text: str) -> datetime.time:
    hours, minutes = text.split(":")
    return datetime.time(int(hours), int(minutes))


def _build_agenda(event: TrainingEvent, plan, lookup: _Lookup) -> None:
    days = {}
    for offset in range(event.duration_days):
        days[offset + 1] = EventDay.objects.create(
            event=event, date=event.start_date + datetime.timedelta(offset)
        )
    positions: dict[int, int] = {}
    for day, start, end, code, title, speakers in plan:
        positions[day] = positions.get(day, 0) + 1
        item = AgendaItem.objects.create(
            day=days[day],
            position=positions[day],
            start_time=_time(start),
            end_time=_time(end),
            module=lookup.modules.get(code) if code else None,
            title=title,
        )
        item.speaker_organisations.set([lookup.orgs[s] for s in speakers if s in lookup.orgs])


def _simple_agenda(event: TrainingEvent, lookup: _Lookup) -> None:
    codes = MODULE_PLAN[event.kind]
    plan, index = [], 0
    slots = [("09:00", "10:30"), ("11:00", "12:30"), ("14:00", "15:30")]
    for day in range(1, event.duration_days + 1):
        for start, end in slots[: 3 if event.duration_days < 5 else 2]:
            plan.append((day, start, end, codes[index % len(codes)], "", ["WCO"]))
            index += 1
    _build_agenda(event, plan, lookup)


def _create_event(spec, lookup: _Lookup, **extra) -> TrainingEvent:
    (
        title,
        kind,
        fmt,
        country,
        start,
        days,
        languages,
        status,
        organisers,
        partners,
        capacity,
        _participants,
        where,
        zone,
    ) = spec
    host = Country.objects.filter(pk=country).first() if country else None
    virtual = fmt == F.VIRTUAL
    event = TrainingEvent.objects.create(
        title=title,
        kind=kind,
        format=fmt,
        status=status,
        host_country=host,
        region=host.region if host else None,
        venue="" if virtual else where,
        platform=where if virtual else ("Zoom" if fmt == F.HYBRID else ""),
        time_zone=zone,
        start_date=start,
        end_date=start + datetime.timedelta(days=days - 1),
        capacity=capacity,
        **extra,
    )
    event.languages.set([lookup.languages[c] for c in languages if c in lookup.languages])
    for short_name in organisers:  # one by one: the note names organisers in the order added
        if short_name in lookup.orgs:
            event.organisers.add(lookup.orgs[short_name])
    event.partners.set([lookup.orgs[s] for s in partners if s in lookup.orgs])
    return event


def _chinese_participants(
    count: int, prefix: str, rng: random.Random, customs: list[Organisation]
) -> list[Person]:
    people = []
    for number in range(1, count + 1):
        email = f"{prefix}{number:03d}@customs.example.cn"
        existing = Person.objects.filter(email=email).first()
        if existing:
            people.append(existing)
            continue
        gender = rng.choices([Gender.FEMALE, Gender.MALE], weights=[38, 62])[0]
        family, family_latin = rng.choice(SURNAMES)
        given, given_latin = rng.choice(GIVEN_NAMES[gender])
        people.append(
            Person(
                given_name=given,
                family_name=family,
                latin_name=f"{family_latin} {given_latin}",
                gender=gender,
                country_id="CN",
                organisation=rng.choice(customs),
                position=rng.choice(POSITIONS),
                email=email,
                preferred_language=Person.PreferredLanguage.EN,
            )
        )
    new = [p for p in people if p.pk is None]
    for person in new:
        # bulk_create skips Person.save(), which normalises the names and fills the search text.
        person.tidy()
    if new:
        created = iter(
            bulk_create_with_history(new, Person, batch_size=200, default_change_reason="Demo data")
        )
        people = [p if p.pk else next(created) for p in people]
    return people


def _enrol(event: TrainingEvent, people: list[Person]) -> None:
    enrolments = [Enrolment(event=event, person=p) for p in people]
    bulk_create_with_history(enrolments, Enrolment, batch_size=200, default_change_reason="Demo data")


def _china_customs() -> list[Organisation]:
    customs = []
    for name, _city in CHINESE_CUSTOMS:
        org, _ = Organisation.objects.get_or_create(
            name=name, country_id="CN", defaults={"short_name": name, "kind": Organisation.Kind.CUSTOMS}
        )
        customs.append(org)
    return customs


def seed_china_2021(lookup: _Lookup, rng: random.Random) -> TrainingEvent | None:
    if TrainingEvent.objects.filter(title=CHINA_2021).exists():
        return None
    spec = (
        CHINA_2021,
        K.NATIONAL,
        F.VIRTUAL,
        "CN",
        D(2021, 6, 21),
        5,
        ["en", "zh"],
        S.COMPLETED,
        ["WCO", "GACC"],
        ["1540 Committee", "1540 Experts", "UNODA BWC-ISU", "IAEA", "OPCW", "US DOE", "Thai Customs"],
        60,
        60,
        "Zoom",
        "Asia/Shanghai",
    )
    event = _create_event(
        spec,
        lookup,
        notes="First STCE training held in China. Delivered virtually, about three hours a day "
        "(Beijing time).",
        background=(
            "The WCO Secretary General invited the 1540 Committee by letter on 12 May 2021 to nominate "
            "an expert to speak at the first national STCE training for the customs of China."
        ),
        highlights=(
            "About 60 customs officials from municipal customs took part. Speakers came from the WCO, "
            "the 1540 Committee, UNODA-BWC ISU, the IAEA, the OPCW, the US Department of Energy and "
            "Royal Thai Customs."
        ),
    )
    # Planned for 21–25 June 2021, postponed to 18–22 October 2021.
    EventDateChange.objects.create(
        event=event,
        old_start_date=D(2021, 6, 21),
        old_end_date=D(2021, 6, 25),
        new_start_date=D(2021, 10, 18),
        new_end_date=D(2021, 10, 22),
        reason="Postponed by the organisers; to be held virtually over Zoom.",
        changed_at=datetime.datetime(2021, 5, 28, 10, 0, tzinfo=datetime.UTC),
    )
    event.start_date, event.end_date = D(2021, 10, 18), D(2021, 10, 22)
    event.save(update_fields=["start_date", "end_date"])
    _build_agenda(event, CHINA_AGENDA, lookup)
    _enrol(event, _chinese_participants(60, "cn2021.", rng, _china_customs()))
    return event


def seed_workshop_2022(lookup: _Lookup, rng: random.Random) -> TrainingEvent | None:
    if TrainingEvent.objects.filter(title=WORKSHOP_2022).exists():
        return None
    spec = (
        WORKSHOP_2022,
        K.AWARENESS,
        F.VIRTUAL,
        "CN",
        D(2022, 12, 13),
        2,
        ["zh", "en"],
        S.COMPLETED,
        ["CACA", "GACC"],
        ["1540 Experts", "MFA China", "MOFCOM"],
        80,
        72,
        "Online (Beijing time)",
        "Asia/Shanghai",
    )
    event = _create_event(
        spec,
        lookup,
        background=(
            "Organised by the Chinese Academy of Customs Administration with the Department of General "
            "Operation of the General Administration of Customs of China; invitation letter dated "
            "28 November 2022. Related to operative paragraphs 1, 9, 12 and 25 of resolution 2663 (2022)."
        ),
        highlights=(
            "Over 70 customs officials, representatives of the Ministry of Foreign Affairs and the "
            "Ministry of Commerce, and two 1540 Committee experts."
        ),
    )
    _build_agenda(event, WORKSHOP_AGENDA, lookup)
    customs = _china_customs()
    returning = _chinese_participants(12, "cn2021.", rng, customs)  # some took the 2021 training too
    new = _chinese_participants(60, "cn2022.", rng, customs)
    ministries = []
    for number, short in ((1, "MFA China"), (2, "MOFCOM")):
        person, _ = Person.objects.get_or_create(
            email=f"ministry{number}@gov.example.cn",
            defaults=dict(
                given_name=["丽", "海峰"][number - 1],
                family_name=["周", "孙"][number - 1],
                latin_name=["Zhou Li", "Sun Haifeng"][number - 1],
                gender=[Gender.FEMALE, Gender.MALE][number - 1],
                country_id="CN",
                organisation=lookup.orgs.get(short),
                position="Counsellor",
            ),
        )
        ministries.append(person)
    _enrol(event, returning + new + ministries)
    return event


def demo_shift(today: datetime.date) -> datetime.timedelta:
    """How far the demo programme moves so that it stands to `today` as it stood to the day
    fixtures/demo_events.txt was written: whole weeks, so trainings still start on a Monday."""
    return datetime.timedelta(weeks=(today - FIXTURE_TODAY).days // 7)


def running_event_spec(today: datetime.date) -> tuple:
    """A training under way today, Monday to Friday of this week (to the weekend when run then)."""
    monday = today - datetime.timedelta(days=today.weekday())
    days = max(5, today.weekday() + 1)
    return (RUNNING_EVENT, K.NATIONAL, F.IN_PERSON, "AL", monday, days, ["en"], S.CONFIRMED,
            ["WCO"], ["US DOE"], 25, 18, "Tirana", "Europe/Tirane")


def seed_other_events(lookup: _Lookup, rng: random.Random, today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    shift = demo_shift(today)
    people = list(Person.objects.filter(email__startswith="demo.person").order_by("pk"))
    created = 0
    for spec in [*OTHER_EVENTS, POSTPONED_2026, running_event_spec(today)]:
        if TrainingEvent.objects.filter(title=spec[0]).exists():
            continue
        if spec[0] != RUNNING_EVENT:
            spec = (*spec[:4], spec[4] + shift, *spec[5:])
        event = _create_event(spec, lookup)
        created += 1
        if spec[0] == POSTPONED_2026[0]:
            new_start, new_end = D(2027, 3, 8) + shift, D(2027, 3, 12) + shift
            EventDateChange.objects.create(
                event=event,
                old_start_date=event.start_date,
                old_end_date=event.end_date,
                new_start_date=new_start,
                new_end_date=new_end,
                reason="The host administration asked for a date after its reorganisation.",
            )
            event.start_date, event.end_date, event.status = new_start, new_end, S.POSTPONED
            event.save()
        if event.status in (S.COMPLETED, S.CONFIRMED):
            _simple_agenda(event, lookup)
        count = min(spec[11], len(people))
        if count:
            _enrol(event, rng.sample(people, count))
    return created


def seed_trainer_assignments() -> None:
    trainer = Person.objects.filter(email="trainer@example.org").first()
    if trainer is None:
        return
    for title, role in TRAINER_EVENTS.items():
        event = TrainingEvent.objects.filter(title=title).first()
        if event:
            TrainerAssignment.objects.get_or_create(event=event, person=trainer, defaults={"role": role})


def seed(stdout) -> None:
    rng = random.Random(2021)
    lookup = _Lookup()
    seed_china_2021(lookup, rng)
    seed_workshop_2022(lookup, rng)
    created = seed_other_events(lookup, rng)
    seed_trainer_assignments()
    stdout.write(f"Demo events: {TrainingEvent.objects.count()} ({created} added this time).")
