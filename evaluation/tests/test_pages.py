import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from courses.services.personal_links import personal_token
from evaluation.models import Answered, Kind, Response
from evaluation.services.setup import fix_test
from evaluation.tests.builders import ModuleFactory, answer, enrol, event_with_agenda, question

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    module = ModuleFactory(title="Atlas")
    question(
        module,
        "Which convention bans chemical weapons?",
        choices=("CWC", "BWC"),
        correct=(0,),
        translations={},
    )
    question(
        module,
        "What is an end-user certificate?",
        choices=("A licence", "A statement of end use"),
        correct=(1,),
    )
    return event_with_agenda([module])


def _url(name, enrolment, *args):
    return reverse(name, args=[personal_token(enrolment.event, enrolment.person), *args])


def test_a_participant_answers_one_question_per_screen_and_sends_once(client, event):
    enrolment = enrol(event)
    page = client.get(_url("evaluation:overview", enrolment))
    assert page.status_code == 200 and "Pre-test" in page.text
    first = client.get(_url("evaluation:step", enrolment, "pre", 1))
    assert "Question 1 of 2" in first.text and "Which convention" in first.text
    assert "What is an end-user" not in first.text  # one question per screen
    refused = client.post(_url("evaluation:step", enrolment, "pre", 1), {})
    assert refused.status_code == 400 and "Choose an answer" in refused.text
    assert client.post(_url("evaluation:step", enrolment, "pre", 1), {"answer": "0"})["Location"].endswith(
        "/2/"
    )
    # Kept as they go: coming back shows the answer chosen.
    again = client.get(_url("evaluation:step", enrolment, "pre", 1))
    assert 'value="0" checked' in again.text
    assert client.post(_url("evaluation:step", enrolment, "pre", 2), {"answer": "-1"})["Location"].endswith(
        "/review/"
    )
    review = client.get(_url("evaluation:review", enrolment, "pre"))
    assert "I don&#x27;t know" in review.text or "I don't know" in review.text
    sent = client.post(_url("evaluation:review", enrolment, "pre"), follow=True)
    assert "your answers were sent" in sent.text
    response = Response.objects.get(event=event, kind=Kind.PRE)
    assert (response.asked, response.correct, response.enrolment) == (2, 1, None)
    # A second submission (another tab, a double tap) writes nothing.
    client.post(_url("evaluation:step", enrolment, "pre", 1), {"answer": "1"})
    again = client.post(_url("evaluation:review", enrolment, "pre"), follow=True)
    assert "already sent" in again.text
    assert Response.objects.filter(event=event).count() == 1
    assert Answered.objects.filter(enrolment=enrolment).count() == 1


def test_the_participant_reads_their_language_and_missing_translations_are_marked(client, event):
    enrolment = enrol(event, preferred_language="fr")
    page = client.get(_url("evaluation:step", enrolment, "pre", 1))
    assert "Question 1 sur 2" in page.text
    # The first question has no French text: English, marked as such.
    assert "Which convention bans chemical weapons?" in page.text
    assert "Pas encore traduit" in page.text


def test_a_bad_or_foreign_link_is_404(client, event):
    enrolment = enrol(event)
    assert client.get(reverse("evaluation:overview", args=["forged"])).status_code == 404
    assert client.get(_url("evaluation:step", enrolment, "nonsense", 1)).status_code == 404
    assert client.get(_url("evaluation:step", enrolment, "pre", 9)).status_code == 404
    withdrawn = enrol(
        event,
    )
    withdrawn.status = withdrawn.Status.WITHDRAWN
    withdrawn.save()
    assert client.get(_url("evaluation:overview", withdrawn)).status_code == 404


def test_the_post_test_waits_for_the_last_day(client, event):
    enrolment = enrol(event)
    page = client.get(_url("evaluation:step", enrolment, "post", 1), follow=True)
    assert "Opens on the last day" in page.text


def test_results_page_and_exports(coordinator_client, event):
    people = [enrol(event) for _ in range(6)]
    for person in people:
        answer(person, Kind.PRE, {1: 0, 2: 0})
        answer(person, Kind.POST, {1: 0, 2: 1})
    answer(people[0], Kind.FEEDBACK, feedback={})
    url = reverse("evaluation:results", args=[event.pk])
    page = coordinator_client.get(url)
    assert page.status_code == 200
    assert "Knowledge by module" in page.text and "chart-modules" in page.text
    download = coordinator_client.get(url, {"export": "modules", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    atlas = next(r for r in rows if r and r[0] == "Atlas")
    assert atlas[1:] == [6, 0.5, 6, 1.0, 50]


def test_results_page_queries_do_not_grow_with_participants(
    coordinator_client, event, django_assert_max_num_queries
):
    url = reverse("evaluation:results", args=[event.pk])
    answer(enrol(event), Kind.PRE, {1: 0, 2: 0})
    coordinator_client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        coordinator_client.get(url)
    for _ in range(15):
        person = enrol(event)
        answer(person, Kind.PRE, {1: 1, 2: 1})
        answer(person, Kind.POST, {1: 0, 2: 1})
        answer(person, Kind.FEEDBACK, feedback={})
    with CaptureQueriesContext(connection) as many:
        coordinator_client.get(url)
    assert len(many.captured_queries) == len(one.captured_queries)


def test_coordinator_sets_the_evaluation_and_adds_a_question(coordinator_client, event):
    url = reverse("evaluation:event", args=[event.pk])
    refused = coordinator_client.post(url, {"part": "settings", "anonymous": "on", "pass_mark": "70"})
    assert refused.status_code == 400 and "needs named results" in refused.text
    coordinator_client.post(url, {"part": "settings", "pass_mark": "70"})
    event.evaluation.refresh_from_db()
    assert (event.evaluation.anonymous, event.evaluation.pass_mark) == (False, 70)
    added = coordinator_client.post(
        url,
        {
            "part": "question",
            "scope": "general",
            "kind": "rating",
            "text": "Was the venue suitable?",
            "text_fr": "Le lieu convenait-il ?",
        },
    )
    assert added.status_code == 302
    assert event.feedback_questions.get().text == {
        "en": "Was the venue suitable?",
        "fr": "Le lieu convenait-il ?",
    }
    page = coordinator_client.get(url)
    assert "Was the venue suitable?" in page.text


def test_a_trainer_opens_the_pre_test_in_the_room_on_day_one(trainer_client, trainer, event):
    from courses.tests.factories import TrainerAssignmentFactory

    TrainerAssignmentFactory(event=event, person=trainer.person)
    event.start_date = datetime.date.today()
    event.end_date = event.start_date + datetime.timedelta(days=1)
    event.time_zone = "UTC"
    event.save()
    url = reverse("evaluation:room", args=[event.pk])
    assert "Open the pre-test for today" in trainer_client.get(url).text
    trainer_client.post(url)
    assert "open until the end of today" in trainer_client.get(url).text
    fix_test(event)
    enrolment = enrol(event)
    assert trainer_client.get(_url("evaluation:step", enrolment, "pre", 1)).status_code == 200


def test_the_token_never_leaves_the_site_but_forms_still_post(client, event):
    enrolment = enrol(event)
    page = client.get(_url("evaluation:step", enrolment, "pre", 1))
    assert page["Referrer-Policy"] == "same-origin"
    assert page["X-Robots-Tag"] == "noindex"
