import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from courses.information_note import build_note, render_pdf, render_text
from courses.models import AgendaItem, EventDay, TrainerAssignment
from courses.tests.factories import ModuleFactory, TrainingEventFactory
from documents.tests.readback import pdftotext_pages, reads_back
from frameworks.models import EventFramework, FundingSource, OperativeParagraph, ProgrammeArea
from frameworks.reference import load_paragraphs
from frameworks.services.events import add_funding_source, set_event_framework
from frameworks.services.paragraphs import save_paragraph
from people.errors import DomainError
from people.tests.factories import OrganisationFactory, PersonFactory

D = datetime.date


@pytest.fixture(autouse=True)
def _reference(db):
    """The shipped paragraphs, even after a transactional test flushed what the migration loaded."""
    load_paragraphs()
OP9 = "Encourages the 1540 Committee, with the support of relevant expertise"


def _op(resolution: int, number: int) -> OperativeParagraph:
    return OperativeParagraph.objects.get(resolution__number=resolution, number=number)


@pytest.mark.django_db
def test_the_reference_list_ships_both_resolutions_and_marks_the_summaries():
    assert _op(2663, 9).text.startswith(OP9) and not _op(2663, 9).is_summary
    assert _op(2663, 12).text.endswith("and national export and transshipment controls;")
    assert {p.number for p in OperativeParagraph.objects.filter(resolution__number=2663)} == {1, 9, 12, 25}
    # 1540 (2004)'s own words are not in the source documents: summaries, said to be so.
    assert all(p.is_summary for p in OperativeParagraph.objects.filter(resolution__number=1540))


@pytest.mark.django_db
def test_a_tagged_event_s_note_lists_its_paragraphs_with_their_text_and_an_untagged_one_has_no_section():
    event = TrainingEventFactory()
    assert "Relevance" not in render_text(build_note(event))
    set_event_framework(event=event, programme_area=ProgrammeArea.TRAININGS,
                        paragraphs=[_op(2663, 25), _op(2663, 9)])
    text = render_text(build_note(event))
    assert "resolution 2663 (2022)" in text
    assert text.index("9. " + OP9) < text.index("25. Requests the 1540 Committee")
    page = "".join(pdftotext_pages(render_pdf(build_note(event))))
    assert reads_back(page, "9. " + _op(2663, 9).text)


@pytest.mark.django_db
def test_a_missing_translation_falls_back_to_english_and_a_summary_says_it_is_one():
    event = TrainingEventFactory()
    set_event_framework(event=event, programme_area="", paragraphs=[_op(1540, 3)])
    french = render_text(build_note(event, "fr"))
    assert _op(1540, 3).text in french
    save_paragraph(paragraph=_op(1540, 3), resolution=_op(1540, 3).resolution, number=3,
                   text=_op(1540, 3).text, is_summary=True, translations={"fr": "Résumé : contrôles."})
    assert "3. Résumé : contrôles." in render_text(build_note(event, "fr"))


@pytest.mark.django_db
def test_paragraph_numbers_are_unique_within_a_resolution():
    with pytest.raises(DomainError):
        save_paragraph(
            resolution=_op(2663, 1).resolution, number=9, text="x", is_summary=True, translations={}
        )


@pytest.mark.django_db
def test_an_amount_needs_its_currency_and_a_change_of_framework_is_audited(coordinator):
    event = TrainingEventFactory()
    donor = OrganisationFactory(name="Donor ministry")
    with pytest.raises(DomainError):
        add_funding_source(event=event, donor=donor, amount=Decimal("1000"))
    source = add_funding_source(event=event, donor=donor, grant="Grant 7", amount=Decimal("1000"),
                                currency="eur", by=coordinator)
    assert (source.currency, source.history.first().history_user) == ("EUR", coordinator)
    framework = set_event_framework(event=event, programme_area=ProgrammeArea.OUTREACH, paragraphs=[],
                                    by=coordinator)
    set_event_framework(event=event, programme_area=ProgrammeArea.TRAININGS, paragraphs=[], by=coordinator)
    assert [h.programme_area for h in framework.history.order_by("history_date")] == ["outreach", "trainings"]


def test_a_coordinator_tags_an_event_and_adds_funding_from_its_page(coordinator_client):
    event = TrainingEventFactory()
    donor = OrganisationFactory(name="Donor ministry")
    url = reverse("frameworks:event-frameworks", args=[event.pk])
    coordinator_client.post(url, {"part": "framework", "programme_area": "trainings",
                                  "paragraphs": [_op(2663, 1).pk, _op(2663, 12).pk]})
    coordinator_client.post(url, {"part": "funding", "donor": donor.pk, "grant": "STCE grant",
                                  "amount": "2500", "currency": "USD"})
    framework = EventFramework.objects.get(event=event)
    assert set(framework.paragraphs.values_list("number", flat=True)) == {1, 12}
    assert FundingSource.objects.get(event=event).amount == Decimal("2500")
    page = coordinator_client.get(reverse("courses:event-detail", args=[event.pk])).content.decode()
    assert "Donor ministry – STCE grant" in page and "OP 12 of resolution 2663 (2022)" in page


@pytest.fixture
def partner_events(db):
    committee = OrganisationFactory(name="1540 Committee", short_name="1540 Committee")
    expert = PersonFactory(given_name="Ana", family_name="Expert", organisation=committee)
    module = ModuleFactory(code="STCE-03", title="Resolution 1540 obligations")
    spoke = TrainingEventFactory(title="Workshop where the Committee spoke", start_date=D(2022, 12, 13))
    day = EventDay.objects.create(event=spoke, date=spoke.start_date)
    item = AgendaItem.objects.create(day=day, position=1, module=module, title="")
    item.speakers.add(expert)
    partnered = TrainingEventFactory(
        title="Training with the Committee as partner", start_date=D(2021, 10, 18)
    )
    partnered.partners.add(committee)
    TrainingEventFactory(title="Training without the Committee", start_date=D(2022, 3, 1))
    return committee


def test_the_partner_report_lists_the_partner_s_events_speakers_and_modules(
    coordinator_client, partner_events
):
    listed = coordinator_client.get(reverse("frameworks:partner-list")).content.decode()
    assert "1540 Committee" in listed and "Customs administration" not in listed
    url = reverse("frameworks:partner-report", args=[partner_events.pk])
    page = coordinator_client.get(url, {"start": "2022-01-01"}).content.decode()
    assert "Workshop where the Committee spoke" in page and "Ana Expert" in page and "STCE-03" in page
    assert "Training with the Committee as partner" not in page  # 2021: outside the period
    assert "Training without the Committee" not in page

    pdf = coordinator_client.get(url, {"format": "pdf"}).getvalue()
    text = "".join(pdftotext_pages(pdf))
    for expected in ("Partner report: 1540 Committee", "Workshop where the Committee spoke",
                     "Training with the Committee as partner", "Ana Expert", "information-note.pdf"):
        assert reads_back(text, expected), expected
    assert not reads_back(text, "Training without the Committee")

    workbook = load_workbook(io.BytesIO(coordinator_client.get(url, {"format": "xlsx"}).getvalue()))
    rows = list(workbook.active.iter_rows(values_only=True))
    events = [row[0] for row in rows[2:] if row and row[0]]
    assert events == ["Training with the Committee as partner", "Workshop where the Committee spoke"]
    assert rows[3][3] == "Speaker" and rows[2][3] == "Partner"


def test_the_partner_report_is_in_the_user_s_language(coordinator_client, partner_events):
    url = reverse("frameworks:partner-report", args=[partner_events.pk])
    coordinator_client.cookies["django_language"] = "fr"
    pdf = coordinator_client.get(url, {"format": "pdf"}, HTTP_ACCEPT_LANGUAGE="fr").getvalue()
    assert reads_back("".join(pdftotext_pages(pdf)), "Rapport")


def test_an_assigned_trainer_sees_the_donor_on_the_event_page_but_not_the_amount(client, trainer):
    event = TrainingEventFactory()
    TrainerAssignment.objects.create(event=event, person=trainer.person, role=TrainerAssignment.Role.LEAD)
    add_funding_source(event=event, donor=OrganisationFactory(name="Donor ministry"), grant="STCE grant",
                       amount=Decimal("2500"), currency="USD")
    client.force_login(trainer)
    page = client.get(reverse("courses:event-detail", args=[event.pk])).content.decode()
    assert "Donor ministry – STCE grant" in page and "2500" not in page
    assert reverse("frameworks:event-frameworks", args=[event.pk]) not in page
