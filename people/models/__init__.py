from .people import Gender, Language, Person, PersonQuerySet, UserPreference
from .reference import Country, Organisation, Region

__all__ = [
    "Country", "Gender", "Language", "Organisation", "Person", "PersonQuerySet", "Region", "UserPreference",
]
