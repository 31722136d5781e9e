import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from courses.dates import format_date_range
from courses.information_note import build_note, render_pdf, render_text
from courses.models import AgendaItem, EventDateChange, EventDay, TrainingEvent
from courses.tests.factories import EnrolmentFactory, ModuleFactory, TrainingEventFactory
from people.models import Gender
from people.tests.factories import OrganisationFactory, PersonFactory


@pytest.fixture
def china_training(db):
    wco = OrganisationFactory(name="World Customs Organization", short_name="WCO", country=None)
    china = OrganisationFactory(name="General Administration of Customs of China", short_name="GACC")
    iaea = OrganisationFactory(name="International Atomic Energy Agency", short_name="IAEA", country=None)
    event = TrainingEventFactory(
        title="WCO STCE Programme – China National Training",
        kind=TrainingEvent.Kind.NATIONAL, format=TrainingEvent.Format.VIRTUAL, platform="Zoom",
        start_date=datetime.date(2021, 10, 18), end_date=datetime.date(2021, 10, 22),
        status=TrainingEvent.Status.COMPLETED, time_zone="Asia/Shanghai",
        background="On 12 May 2021 the Secretary General of the WCO invited the 1540 Committee.",
        additional_comments="Contact 1540experts@un.org",
    )
    # One at a time: set() and add(a, b) write through a set of ids, so their order follows the pks.
    event.organisers.add(wco)
    event.organisers.add(china)
    EventDateChange.objects.create(
        event=event, old_start_date=datetime.date(2021, 6, 21), old_end_date=datetime.date(2021, 6, 25),
        new_start_date=event.start_date, new_end_date=event.end_date, reason="Pandemic",
    )
    day = EventDay.objects.create(event=event, date=event.start_date)
    item = AgendaItem.objects.create(day=day, module=ModuleFactory(title="Strategic Trade Atlas"))
    item.speaker_organisations.set([iaea])
    for i in range(60):
        gender = Gender.FEMALE if i < 21 else Gender.MALE
        EnrolmentFactory(event=event, person=PersonFactory(gender=gender, organisation=china))
    return event


@pytest.mark.parametrize("language,same_month,across_months", [
    ("fr", "18–22 octobre 2021", "30 juin – 2 juillet 2021"),
    ("es", "18–22 de octubre de 2021", "30 de junio – 2 de julio de 2021"),
    ("ru", "18–22 октября 2021 г.", "30 июня – 2 июля 2021 г."),
])
def test_date_ranges_read_naturally_in_each_language(language, same_month, across_months):
    from django.utils import translation

    with translation.override(language):
        assert format_date_range(datetime.date(2021, 10, 18), datetime.date(2021, 10, 22)) == same_month
        assert format_date_range(datetime.date(2021, 6, 30), datetime.date(2021, 7, 2)) == across_months


def test_french_writes_the_first_of_the_month_as_an_ordinal_and_russian_puts_g_after_years():
    from django.utils import translation

    from courses.dates import format_day

    with translation.override("fr"):
        assert format_date_range(datetime.date(2021, 7, 1), datetime.date(2021, 7, 5)) == "1er–5 juillet 2021"
        across = format_date_range(datetime.date(2021, 6, 30), datetime.date(2021, 7, 1))
        assert across == "30 juin – 1er juillet 2021"
        assert format_day(datetime.date(2026, 11, 1)) == "dimanche 1er novembre 2026"
        assert format_day(datetime.date(2026, 11, 21)) == "samedi 21 novembre 2026"
    with translation.override("ru"):
        assert format_day(datetime.date(2026, 11, 23)) == "понедельник, 23 ноября 2026 г."
        assert format_date_range(datetime.date(2021, 12, 30), datetime.date(2022, 1, 3)) == (
            "30 декабря 2021 г. – 3 января 2022 г."
        )
    with translation.override("es"):
        assert format_day(datetime.date(2026, 11, 1)) == "domingo 1 de noviembre de 2026"


def test_date_ranges_read_naturally():
    assert format_date_range(datetime.date(2021, 10, 18), datetime.date(2021, 10, 22)) == "18–22 October 2021"
    assert format_date_range(datetime.date(2021, 6, 30), datetime.date(2021, 7, 2)) == "30 June – 2 July 2021"


def test_china_note_has_postponement_organisers_format_and_participant_count(china_training):
    note = build_note(china_training, "en")
    rows = dict(note.rows)
    assert rows["Organizers"] == "WCO and GACC"
    assert rows["Date and Venue"] == "18–22 October 2021, virtually via Zoom (postponed from 21–25 June 2021)"
    assert "GACC" in rows["Participants"] and "IAEA" in rows["Participants"]
    assert "60 participants (21 women, 39 men)" in note.delivery
    assert "Speakers came from IAEA" in note.delivery
    assert "Strategic Trade Atlas" in note.delivery


def test_note_as_text_carries_every_section_and_the_footnote(china_training):
    text = render_text(build_note(china_training, "en"))
    for expected in ["Information Note", "Event:", "Background", "Highlights", "Additional comments",
                     "1540experts@un.org", "For information – not an official report"]:
        assert expected in text


def test_note_pdf_reads_back(china_training):
    content = render_pdf(build_note(china_training, "en"))
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages).split())
    assert "China National Training" in text
    assert "postponed from 21–25 June 2021" in text
    assert "For information – not an official report" in text


def test_note_counts_run_a_fixed_number_of_queries(china_training, django_assert_max_num_queries):
    # One of them is the frameworks app's section (the paragraphs the event serves), one the
    # evaluation's (whether anybody answered).
    with django_assert_max_num_queries(14):
        build_note(china_training, "en")


def test_coordinator_writes_the_highlights_and_they_are_kept_with_history(china_training, coordinator_client,
                                                                          coordinator):
    url = reverse("courses:event-note", args=[china_training.pk])
    response = coordinator_client.post(url, {
        "background": china_training.background, "highlights": "Opening remarks by GACC.",
        "additional_comments": "",
    })
    assert response.status_code == 302
    china_training.refresh_from_db()
    assert china_training.highlights == "Opening remarks by GACC."
    assert china_training.history.first().history_user == coordinator


def test_administrators_read_but_do_not_write_the_note(china_training, administrator_client):
    url = reverse("courses:event-note", args=[china_training.pk])
    assert administrator_client.get(url).status_code == 200
    assert administrator_client.post(url, {"highlights": "x"}).status_code == 403


def test_pdf_download_is_an_attachment_in_the_requested_language(china_training, coordinator_client):
    url = reverse("courses:event-note-pdf", args=[china_training.pk])
    response = coordinator_client.get(url, {"lang": "fr"})
    assert response["Content-Type"] == "application/pdf"
    assert "-fr.pdf" in response["Content-Disposition"]


def test_trainer_of_another_event_cannot_see_the_note(china_training, trainer_client):
    # Trainers have no Information Note screens at all: the role check answers first.
    assert trainer_client.get(reverse("courses:event-note", args=[china_training.pk])).status_code == 403


@pytest.mark.skipif(not __import__("shutil").which("pdftotext"), reason="poppler-utils is not installed")
def test_french_note_reads_back_with_pdftotext(china_training):
    import subprocess

    content = render_pdf(build_note(china_training, "fr"))
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True,
                          check=True).stdout.decode()
    text = " ".join(text.split())
    assert "Note d’information" in text
    assert "Organisateurs" in text and "Date et lieu" in text
    assert "18–22 octobre 2021, en ligne via Zoom" in text
    assert "dates initiales : 21–25 juin 2021" in text
    assert "Pour information – ceci n’est pas un rapport officiel" in text
