"""The sign-in sheet for names in every script: read back in logical order, and never a box.

See documents/tests/readback.py for the comparison; the control below proves it fails for a
right-to-left name drawn in typing order, which is what the sheet used to do.
"""

import unicodedata

import pytest

from courses.signin_sheet import signin_sheet_pdf
from courses.tests.factories import EnrolmentFactory, TrainingEventFactory
from documents import pdftext
from documents.tests.readback import needs_pdftotext, notdef_uses, pdftotext_pages, reads_back
from documents.tests.scripts import NAMES_IN_EVERY_SCRIPT, RIGHT_TO_LEFT
from people.models import Organisation, Person
from people.tests.factories import PersonFactory

pytestmark = [pytest.mark.django_db, needs_pdftotext]


@pytest.fixture
def day():
    event = TrainingEventFactory(title="National training on STCE", venue="Amman", with_days=True)
    customs = Organisation.objects.create(name="Jordan Customs", kind="customs")
    for given, family, latin in NAMES_IN_EVERY_SCRIPT.values():
        EnrolmentFactory(event=event, person=PersonFactory(
            given_name=given, family_name=family, latin_name=latin, organisation=customs,
        ))
    return event.days.order_by("date").first()


def _sheet_text(day) -> str:
    return "\n".join(pdftotext_pages(signin_sheet_pdf(day)))


@pytest.mark.parametrize("case", NAMES_IN_EVERY_SCRIPT)
def test_every_name_reads_back_in_logical_order(day, case):
    given, family, latin = NAMES_IN_EVERY_SCRIPT[case]
    person = Person.objects.get(family_name=unicodedata.normalize("NFC", family))
    text = _sheet_text(day)
    assert reads_back(text, person.full_name), text
    if latin:
        assert reads_back(text, latin)


def test_no_page_of_the_sheet_has_a_missing_glyph_box(day):
    assert notdef_uses(signin_sheet_pdf(day)) == []


def test_an_arabic_organisation_and_day_title_read_back_too(day):
    day.title = "اليوم الأول"
    day.save()
    Person.objects.update(organisation=Organisation.objects.create(name="الجمارك الأردنية", kind="customs"))
    text = _sheet_text(day)
    assert reads_back(text, "اليوم الأول")
    assert reads_back(text, "الجمارك الأردنية")


def test_an_unprintable_character_in_an_old_record_is_left_out_not_boxed(day):
    # Names are refused at entry now; a record saved before keeps printing, without the box.
    Person.objects.filter(family_name="כהן").update(given_name="David 👍")
    data = signin_sheet_pdf(day)
    assert notdef_uses(data) == []
    assert reads_back("\n".join(pdftotext_pages(data)), "David כהן")


@pytest.mark.parametrize("case", RIGHT_TO_LEFT)
def test_control_a_name_in_typing_order_does_not_read_back(day, case, monkeypatch):
    given, family, _latin = NAMES_IN_EVERY_SCRIPT[case]
    logical = lambda text, base_dir: (list(range(len(text))), [0] * len(text))  # noqa: E731
    monkeypatch.setattr(pdftext, "_visual_order", logical)
    pdftext.layout.cache_clear()
    try:
        assert not reads_back(_sheet_text(day), f"{given} {family}")
    finally:
        pdftext.layout.cache_clear()
