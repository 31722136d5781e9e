from .certificates import Certificate, CertificateDelivery, SerialCounter, Signatory
from .figures import (
    TraineeFigure,
    TraineeFiguresVersion,
    TraineeLanguageSlice,
    TraineeMembership,
    TraineeSlice,
)
from .people import Gender, Language, Person, PersonQuerySet, UserPreference
from .reference import Country, Organisation, Region

__all__ = [
    "Certificate",
    "CertificateDelivery",
    "SerialCounter",
    "Signatory",
    "Country",
    "Gender",
    "Language",
    "Organisation",
    "Person",
    "PersonQuerySet",
    "Region",
    "UserPreference",
    "TraineeFigure",
    "TraineeFiguresVersion",
    "TraineeLanguageSlice",
    "TraineeMembership",
    "TraineeSlice",
]
