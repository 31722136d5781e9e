import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from courses.models import Module
from people.models import Country, Language, Organisation, Region


@pytest.fixture
def reference(db):
    call_command("load_reference", verbosity=0)


def test_the_six_wco_regions_load(reference):
    assert Region.objects.count() == 6
    assert set(Region.objects.values_list("code", flat=True)) == {"AMC", "EUR", "AP", "ESA", "WCA", "MENA"}


def test_every_country_has_a_region_and_every_region_has_members(reference):
    assert Country.objects.count() >= 249
    assert not Country.objects.filter(region__isnull=True).exists()
    for region in Region.objects.all():
        assert region.countries.filter(wco_member=True).exists(), region.code


def test_known_countries_sit_in_their_wco_region(reference):
    assert Country.objects.get(code="CN").region_id == "AP"
    assert Country.objects.get(code="RU").region_id == "EUR"
    assert Country.objects.get(code="KE").region_id == "ESA"
    assert Country.objects.get(code="NG").region_id == "WCA"
    assert Country.objects.get(code="MA").region_id == "MENA"
    assert Country.objects.get(code="BR").region_id == "AMC"


def test_partner_organisations_and_languages_are_present(reference):
    short_names = set(Organisation.objects.values_list("short_name", flat=True))
    assert {"WCO", "IAEA", "OPCW", "UNODC", "INTERPOL", "OECD", "1540 Committee"} <= short_names
    assert {"en", "fr", "es", "ru"} <= set(Language.objects.values_list("code", flat=True))


def test_curriculum_covers_the_domain_topics(reference):
    titles = " ".join(Module.objects.active().values_list("title", flat=True)).lower()
    for topic in ["1540", "atlas", "post-clearance audit", "risk management", "dual-use"]:
        assert topic in titles, topic


def test_seed_demo_refuses_in_production_without_force(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo", verbosity=0)
