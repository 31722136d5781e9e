from .figures import (
    TraineeFigure,
    TraineeFiguresVersion,
    TraineeLanguageSlice,
    TraineeMembership,
    TraineeSlice,
)
from .people import Gender, Language, Person, PersonQuerySet
from .reference import Country, Organisation, Region

__all__ = [
    "Country",
    "Gender",
    "Language",
    "Organisation",
    "Person",
    "PersonQuerySet",
    "Region",
    "TraineeFigure",
    "TraineeFiguresVersion",
    "TraineeLanguageSlice",
    "TraineeMembership",
    "TraineeSlice",
]
