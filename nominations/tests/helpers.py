import datetime
import string

from django.utils import timezone

from nominations.services.focal_points import appoint_focal_point
from people.tests.factories import CountryFactory, UserFactory


def deadline():
    return timezone.localdate() + datetime.timedelta(days=10)


def countries(n: int):
    codes = [a + b for a in string.ascii_uppercase for b in string.ascii_uppercase][:n]
    return [CountryFactory(code=code, name=f"Country {code}") for code in codes]


def focal_point(country, username: str, language: str = "en"):
    user = UserFactory(username=username, email=f"{username}@example.org")
    return appoint_focal_point(user=user, countries=[country], preferred_language=language)


def nominee(n: int, **extra) -> dict:
    return {
        "given_name": f"Ana{n}",
        "family_name": f"Silva{n}",
        "email": f"ana{n}@example.org",
        "gender": "female",
        "position": "Officer",
        "preferred_language": "es",
    } | extra


def invited_event(event, invited, per_country: int = 3):
    """`event` with each of the `invited` countries given 2 seats and `per_country` nominees, in
    a few bulk inserts whatever the number of countries (the bench builds 100 countries with it).

    Every country has one of each thing the nominations page shows: an accepted nominee who
    attended, an accepted one who did not (a no-show), one waitlisted, the rest declined with a
    reason; each with an organisation, a name in Latin script and a nomination letter."""
    import itertools

    from courses.models import Attendance, AttendanceStatus, Enrolment, EventDay
    from nominations.models import Invitation, Nomination
    from people.models import Organisation, Person

    S = Nomination.Status
    statuses = itertools.chain([S.ACCEPTED, S.ACCEPTED, S.WAITLISTED], itertools.repeat(S.DECLINED))
    plan = list(itertools.islice(statuses, per_country))
    day, _created = EventDay.objects.get_or_create(event=event, date=event.start_date)
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"{c.name} customs ({event.pk})", country=c) for c in invited
    )
    invitations = Invitation.objects.bulk_create(
        Invitation(event=event, country=c, seats=2, deadline=deadline()) for c in invited
    )
    rows = []
    for i, (invitation, organisation) in enumerate(zip(invitations, organisations, strict=True)):
        for j, status in enumerate(plan):
            rows.append(
                Nomination(
                    invitation=invitation,
                    organisation=organisation,
                    status=status,
                    given_name=f"Ana{j}",
                    family_name=f"Silva{i}",
                    latin_name=f"Ana{j} Silva{i}",
                    gender="female" if j % 2 == 0 else "male",
                    email=f"n{i}-{j}-{event.pk}@example.org",
                    position="Officer",
                    consent_given_at=timezone.now(),
                    privacy_notice_version="2026-01",
                    letter=f"nominations/letters/{i}/{j}.pdf",
                    waitlist_position=i + 1 if status == S.WAITLISTED else None,
                    decision_reason="Over the seats" if status == S.DECLINED else "",
                )
            )
    accepted = [n for n in rows if n.status == S.ACCEPTED]
    people = Person.objects.bulk_create(
        Person(given_name=n.given_name, family_name=n.family_name, email=n.email, gender=n.gender)
        for n in accepted
    )
    enrolments = Enrolment.objects.bulk_create(Enrolment(event=event, person=p) for p in people)
    for nomination, person, enrolment in zip(accepted, people, enrolments, strict=True):
        nomination.person, nomination.enrolment = person, enrolment
    Nomination.objects.bulk_create(rows)
    Attendance.objects.bulk_create(
        Attendance(
            enrolment=e, day=day, status=AttendanceStatus.PRESENT if k % 2 == 0 else AttendanceStatus.ABSENT
        )
        for k, e in enumerate(enrolments)
    )
    return event
