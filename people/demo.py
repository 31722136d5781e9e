"""Reference data and demo people, users and roles. Idempotent: safe to run again."""

import random

from django.contrib.auth.models import Group, User
from django.core.management import call_command

from people import roles
from people.models import Country, Gender, Organisation, Person

REFERENCE_FIXTURES = [
    "regions", "countries", "languages", "organisations", "curriculum", "curriculum_translations",
]

DEMO_PASSWORDS = {
    "coordinator": "stce-coordinator-2026",
    "trainer": "stce-trainer-2026",
    "admin": "stce-admin-2026",
}

# (given, family, latin transliteration, gender, country, language)
NAMED_PEOPLE = [
    ("Adams", "Vas", "", Gender.MALE, "BE", "en"),
    ("Amélie", "Dupré", "", Gender.FEMALE, "FR", "fr"),
    ("José", "Núñez Peña", "", Gender.MALE, "CL", "es"),
    ("María", "González", "", Gender.FEMALE, "MX", "es"),
    ("Дмитрий", "Иванов", "Dmitry Ivanov", Gender.MALE, "RU", "ru"),
    ("Айгерим", "Касымова", "Aigerim Kassymova", Gender.FEMALE, "KZ", "ru"),
    ("伟", "王", "Wang Wei", Gender.MALE, "CN", "en"),
    ("秀英", "李", "Li Xiuying", Gender.FEMALE, "CN", "en"),
    ("سارة", "الحسيني", "Sara Al-Husseini", Gender.FEMALE, "JO", "en"),
    ("Somchai", "Prasert", "", Gender.MALE, "TH", "en"),
    ("Wanjiru", "Kamau", "", Gender.FEMALE, "KE", "en"),
    ("Kwame", "Mensah", "", Gender.MALE, "GH", "en"),
    ("Fatou", "Diallo", "", Gender.FEMALE, "SN", "fr"),
    ("Łukasz", "Wiśniewski", "", Gender.MALE, "PL", "en"),
    ("Alex", "Morgan", "", Gender.ANOTHER, "GB", "en"),
    ("Chris", "Taylor", "", Gender.NOT_RECORDED, "AU", "en"),
]

GIVEN = {
    Gender.FEMALE: ["Ana", "Lucía", "Nadia", "Olena", "Grace", "Amina", "Mei", "Sofía", "Irina", "Aisha"],
    Gender.MALE: ["Carlos", "Ahmed", "Ivan", "Juan", "Peter", "Tarek", "Bongani", "Yusuf", "Diego", "Li"],
}
FAMILY = ["Silva", "Petrov", "Okafor", "Haddad", "Rahman", "Moreno", "Nguyen", "Kowalski", "Otieno", "Chen",
          "Rossi", "Santos", "Bakr", "Sokolov", "Ndlovu", "Tanaka", "Pérez", "Mukami", "Dubois", "Hassan"]


def load_reference_data(stdout=None) -> None:
    """Regions, countries, languages, organisations and the curriculum from fixtures/."""
    call_command("loaddata", *REFERENCE_FIXTURES, verbosity=0)
    if stdout:
        stdout.write(
            f"Reference data: {Country.objects.count()} countries, "
            f"{Organisation.objects.count()} organisations."
        )


def _customs_of(country_code: str) -> Organisation | None:
    return (
        Organisation.objects.filter(country_id=country_code, kind=Organisation.Kind.CUSTOMS)
        .order_by("pk")
        .first()
    )


def seed_people() -> list[Person]:
    people = []
    for i, (given, family, latin, gender, country, language) in enumerate(NAMED_PEOPLE, start=1):
        person, _ = Person.objects.get_or_create(
            email=f"demo.person{i:03d}@example.org",
            defaults=dict(
                given_name=given, family_name=family, latin_name=latin, gender=gender,
                country_id=country, organisation=_customs_of(country),
                preferred_language=language, position="Customs officer",
            ),
        )
        people.append(person)
    rng = random.Random(2016)
    countries = list(Country.objects.filter(organisations__kind="customs").distinct().order_by("code"))
    for i in range(len(NAMED_PEOPLE) + 1, 121):
        gender = rng.choices(
            [Gender.FEMALE, Gender.MALE, Gender.ANOTHER, Gender.NOT_RECORDED], weights=[35, 55, 2, 8]
        )[0]
        given = rng.choice(GIVEN.get(gender, GIVEN[Gender.FEMALE] + GIVEN[Gender.MALE]))
        country = rng.choice(countries) if countries else None
        person, _ = Person.objects.get_or_create(
            email=f"demo.person{i:03d}@example.org",
            defaults=dict(
                given_name=given, family_name=rng.choice(FAMILY), gender=gender,
                country=country, organisation=_customs_of(country.code) if country else None,
                position=rng.choice(["Customs officer", "Senior inspector", "Risk analyst",
                                     "Head of enforcement", "Trainer"]),
            ),
        )
        people.append(person)
    return people


def seed_users() -> dict[str, User]:
    """The three demo accounts whose passwords the README publishes."""
    spec = {
        "coordinator": ("Carla", "Coordinator", roles.COORDINATOR, False),
        "trainer": ("Tomás", "Trainer", roles.TRAINER, False),
        "admin": ("Ada", "Administrator", roles.ADMINISTRATOR, True),
    }
    users = {}
    for username, (first, last, role, staff) in spec.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults=dict(first_name=first, last_name=last, is_staff=staff,
                          email=f"{username}@example.org"),
        )
        if created:
            user.set_password(DEMO_PASSWORDS[username])
            user.save()
        user.groups.add(Group.objects.get(name=role))
        users[username] = user
    trainer_person, _ = Person.objects.get_or_create(
        email="trainer@example.org",
        defaults=dict(given_name="Tomás", family_name="Trainer", gender=Gender.MALE,
                      country_id="ES", organisation=_customs_of("ES"), position="Accredited Customs Expert"),
    )
    if trainer_person.user_id != users["trainer"].pk:
        trainer_person.user = users["trainer"]
        trainer_person.save()
    return users


def seed(stdout) -> None:
    load_reference_data(stdout)
    people = seed_people()
    seed_users()
    stdout.write(f"Demo people: {len(people)}; demo users: coordinator, trainer, admin.")
