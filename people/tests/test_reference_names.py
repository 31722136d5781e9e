"""Country, region and language names: our fixtures' spelling, translated by our catalogues.

Issue 12 weighed django-countries for country names. We keep our own: the WCO spells some
territories its own way ("Hong Kong, China"), and the catalogues, filled from Debian's
iso-codes by `build_reference_messages --fill`, read better in French, Spanish and Russian
than the library's (which leaves "Bahamas (The)" and "Netherlands (Kingdom of the)"
untranslated in all three and puts some Russian names in the genitive, "Либерии").
"""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from people.models import Country, Region
from people.reference_names import REFERENCE_NAMES


def _fixture_names(fixture: str, model: str) -> dict[str, str]:
    rows = json.loads((Path(settings.BASE_DIR) / "fixtures" / f"{fixture}.json").read_text("utf-8"))
    return {row["pk"]: row["fields"]["name"] for row in rows if row["model"] == model}


COUNTRIES = _fixture_names("countries", "people.country")


def test_every_name_in_the_fixtures_reaches_the_catalogues():
    names = [
        *_fixture_names("regions", "people.region").values(),
        *_fixture_names("languages", "people.language").values(),
        *COUNTRIES.values(),
    ]
    missing = [name for name in names if name not in REFERENCE_NAMES]
    assert not missing, f"Run `manage.py build_reference_messages` for {missing}"


@pytest.mark.parametrize(
    ("code", "english", "fr", "es", "ru"),
    [
        ("HK", "Hong Kong, China", "Hong Kong (Chine)", "Hong Kong (China)", "Гонконг (Китай)"),
        ("GB", "United Kingdom", "Royaume-Uni", "Reino Unido", "Соединённое Королевство"),
        ("NL", "Netherlands", "Pays-Bas", "Países Bajos", "Нидерланды"),
        ("BS", "Bahamas", "Bahamas", "Bahamas", "Багамы"),
        ("LR", "Liberia", "Libéria", "Liberia", "Либерия"),
        ("XK", "Kosovo", "Kosovo", "Kosovo", "Косово"),
    ],
)
def test_country_names_in_every_interface_language(code, english, fr, es, ru):
    assert COUNTRIES[code] == english
    country = Country(code=code, name=english)
    for language, expected in [("en", english), ("fr", fr), ("es", es), ("ru", ru)]:
        with translation.override(language):
            assert str(country) == expected, language


def test_every_country_has_a_russian_name():
    # Russian is the one interface language in which no country keeps its English spelling.
    with translation.override("ru"):
        latin = [name for name in COUNTRIES.values() if not re.search("[а-яА-Я]", str(Country(name=name)))]
    assert not latin


def test_regions_are_translated_too():
    with translation.override("es"):
        assert str(Region(code="EUR", name="Europe")) == "Europa"
