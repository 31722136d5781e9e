"""The certificates section of the person page."""

from people.sections import PersonSection, register_section


def register() -> None:
    register_section(PersonSection("certificates", "certificates/includes/person_certificates.html", 30))
