"""The Information Note and the privacy export for text in right-to-left scripts: read back in
logical order, wrapped paragraphs included, and never a box (see documents/tests/readback.py)."""

import datetime

import pytest

from courses.information_note import build_note, render_pdf
from courses.tests.factories import EnrolmentFactory, TrainingEventFactory
from documents.tests.readback import needs_pdftotext, notdef_uses, pdftotext_pages, reads_back
from people.privacy import person_export
from people.privacy_pdf import person_export_pdf
from people.tests.factories import OrganisationFactory, PersonFactory

pytestmark = [pytest.mark.django_db, needs_pdftotext]

# Long enough to wrap over several lines of the note: each line must be put in reading order
# on its own, and the lines must follow each other. No Arabic comma: pdftotext 22.12 cuts a
# right-to-left line at "،" and reads the two pieces left to right (its guess, not the
# drawing's order; documents.tests.test_pdftext checks the comma's place in the layout).
HIGHLIGHTS = (
    "ناقش المشاركون مراقبة التجارة الاستراتيجية وتبادلوا الخبرات حول تحديد المواد ذات "
    "الاستخدام المزدوج في المنافذ الجمركية وقدم عبدالله سلامة عرضاً عن تقييم المخاطر "
    "واختتمت الدورة بتمرين عملي على تفتيش الشحنات."
)


@pytest.fixture
def event():
    customs = OrganisationFactory(name="الجمارك الأردنية", short_name="")
    event = TrainingEventFactory(
        title="National training on STCE", venue="Amman",
        start_date=datetime.date(2024, 3, 4), end_date=datetime.date(2024, 3, 7),
        highlights=HIGHLIGHTS, background="Requested by the Jordan Customs Department.",
    )
    event.organisers.set([customs])
    for given, family in [("عبدالله", "سلامة"), ("דוד", "כהן"), ("Ana", "Silva")]:
        EnrolmentFactory(event=event, person=PersonFactory(given_name=given, family_name=family,
                                                           organisation=customs))
    return event


def test_arabic_paragraphs_and_organisations_read_back_in_order(event):
    data = render_pdf(build_note(event, "en"))
    text = "\n".join(pdftotext_pages(data))
    assert reads_back(text, HIGHLIGHTS), text
    assert reads_back(text, "الجمارك الأردنية")
    assert notdef_uses(data) == []


def test_the_privacy_export_of_an_arabic_name_reads_back_without_a_box(event):
    person = event.enrolments.get(person__family_name="سلامة").person
    data = person_export_pdf(person_export(person))
    text = "\n".join(pdftotext_pages(data))
    assert reads_back(text, "Personal data held on عبدالله سلامة"), text
    assert reads_back(text, "الجمارك الأردنية")
    assert notdef_uses(data) == []


def test_a_value_with_its_label_in_arabic_keeps_the_value_first(event):
    person = event.enrolments.get(person__family_name="سلامة").person
    text = " ".join("\n".join(pdftotext_pages(person_export_pdf(person_export(person)))).split())
    # "organisation: 12 (الجمارك الأردنية)", not "(الجمارك الأردنية) 12" as a right-to-left line.
    assert f"organisation {person.organisation_id} (\u202b" in text, text


def test_a_list_that_starts_with_an_arabic_name_stays_in_the_notes_order(event):
    event.partners.set([OrganisationFactory(name="World Customs Organization", short_name="WCO")])
    text = "\n".join(pdftotext_pages(render_pdf(build_note(event, "en"))))
    assert reads_back(text, "Participants: الجمارك الأردنية and WCO"), text
