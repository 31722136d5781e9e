from .certificates import Certificate, CertificateDelivery, SerialCounter, Signatory
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
]
