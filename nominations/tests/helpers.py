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
        "given_name": f"Ana{n}", "family_name": f"Silva{n}", "email": f"ana{n}@example.org",
        "gender": "female", "position": "Officer", "preferred_language": "es",
    } | extra
