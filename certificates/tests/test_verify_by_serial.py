"""Verifying from paper: the printed serial number plus the holder's family name."""

import pytest
from django.urls import reverse

from certificates.issuing import issue_certificate
from certificates.models import Certificate
from certificates.tests.certificate_helpers import enrol, event_with_days
from certificates.verification import find_by_serial_and_name, normalise_serial

pytestmark = pytest.mark.django_db

HOLDERS = {
    # given, family, latin transliteration; what a reader may type
    "cyrillic": ("Дмитрий", "Иванов", "Dmitry Ivanov", ["Иванов", "иванов", "ИВАНОВ", "Ivanov", "ivanov"]),
    "chinese": ("秀英", "李", "Li Xiuying", ["李", "Li", "li"]),
    "accented": ("José", "Núñez Peña", "", ["Núñez Peña", "nunez pena", "NUNEZ-PENA", "Núñez"]),
}


@pytest.fixture
def issued(coordinator):
    event = event_with_days(title="National training on STCE")
    certificates = {}
    for key, (given, family, latin, _typed) in HOLDERS.items():
        person = enrol(event, given_name=given, family_name=family, latin_name=latin).person
        certificates[key] = issue_certificate(
            kind=Certificate.Kind.COMPLETION, holder=person, event=event, by=coordinator
        )
    return certificates


def lookup(client, serial, family_name):
    return client.post(reverse("verify-lookup"), {"serial": serial, "family_name": family_name})


@pytest.mark.parametrize("holder", HOLDERS)
def test_serial_and_family_name_as_printed_find_the_certificate(client, issued, holder):
    certificate = issued[holder]
    for typed in HOLDERS[holder][3]:
        response = lookup(client, certificate.serial.lower().replace("-", " "), f" {typed} ")
        assert response.status_code == 302, typed
        assert response["Location"] == reverse("verify", args=[certificate.code])


@pytest.mark.parametrize("holder", HOLDERS)
def test_a_wrong_family_name_finds_nothing_and_says_the_same_as_a_wrong_serial(client, issued, holder):
    certificate = issued[holder]
    wrong_name = lookup(client, certificate.serial, "Petrov")
    wrong_serial = lookup(client, "STCE-1999-XX-999999", HOLDERS[holder][1])
    for response in (wrong_name, wrong_serial):
        assert response.status_code == 200
        assert "No certificate matches this serial number and family name" in response.content.decode()
    assert certificate.code not in wrong_name.content.decode()


def test_another_holders_name_does_not_unlock_a_certificate(issued):
    assert find_by_serial_and_name(issued["cyrillic"].serial, "Li") is None
    assert find_by_serial_and_name(issued["chinese"].serial, "李") == issued["chinese"]


def test_the_serial_lookup_is_rate_limited_with_the_code_lookup(client, issued, settings):
    from django.core.cache import cache

    cache.clear()
    settings.STCE_VERIFY_RATE_PER_MINUTE = 2
    certificate = issued["chinese"]
    assert lookup(client, certificate.serial, "Nobody").status_code == 200
    assert lookup(client, certificate.serial, "Nobody").status_code == 200
    assert lookup(client, certificate.serial, "李").status_code == 429


def test_an_erased_holder_cannot_be_found_by_name(issued, administrator):
    from people.privacy import erase_person

    certificate = issued["cyrillic"]
    erase_person(person=certificate.holder, reason="Request", erased_by=administrator)
    assert find_by_serial_and_name(certificate.serial, "Иванов") is None


def test_serials_are_read_as_people_type_them():
    assert normalise_serial(" stce 2021 cn 000123 ") == "STCE-2021-CN-000123"
    assert normalise_serial("STCE–2021–CN–000123") == "STCE-2021-CN-000123"


def test_the_lookup_page_offers_both_ways(client):
    page = client.get(reverse("verify-lookup")).content.decode()
    assert 'name="code"' in page and 'name="serial"' in page and 'name="family_name"' in page
