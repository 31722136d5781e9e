import datetime

import pytest
from django.db import connection

from evaluation.models import Answer, Answered, EventEvaluation, EventQuestion, Kind, ModuleResult, Response
from evaluation.results import event_results
from evaluation.services.answering import DONT_KNOW, window
from evaluation.services.setup import evaluation_of, open_in_room, save_settings
from evaluation.tests.builders import ModuleFactory, answer, enrol, event_with_agenda, fix_test, question
from people.errors import DomainError
from people.models import Gender

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_modules():
    atlas, risk = ModuleFactory(title="Atlas"), ModuleFactory(title="Risk")
    question(atlas, "Q1", correct=(0,))
    question(atlas, "Q2", correct=(1,))
    question(risk, "Q3", correct=(2,))
    return atlas, risk


def test_gain_per_module_matches_the_hand_count(two_modules):
    atlas, risk = two_modules
    event = event_with_agenda([atlas, risk])
    amina, bruno, chen = (enrol(event, gender=g) for g in (Gender.FEMALE, Gender.MALE, Gender.FEMALE))
    # Questions in agenda order: Q1 (atlas, correct 0), Q2 (atlas, correct 1), Q3 (risk, correct 2).
    answer(amina, Kind.PRE, {1: 0, 2: 0, 3: 0})  # atlas 1/2, risk 0/1
    answer(bruno, Kind.PRE, {1: DONT_KNOW, 2: 1, 3: 2})  # atlas 1/2, risk 1/1
    answer(chen, Kind.PRE, {1: 1, 2: 0, 3: 1})  # atlas 0/2, risk 0/1
    answer(amina, Kind.POST, {1: 0, 2: 1, 3: 2})  # atlas 2/2, risk 1/1
    answer(bruno, Kind.POST, {1: 0, 2: 1, 3: 0})  # atlas 2/2, risk 0/1
    results = event_results(event)
    by_module = {m.label: m for m in results.modules}
    # Atlas: before 2 of 6 answers correct (33.3%), after 4 of 4 (100%): +66.7 points.
    assert (by_module["Atlas"].pre.correct, by_module["Atlas"].pre.asked) == (2, 6)
    assert by_module["Atlas"].pre.percent == 33.3
    assert by_module["Atlas"].post.percent == 100.0
    assert by_module["Atlas"].gain == 66.7
    assert (by_module["Atlas"].pre.respondents, by_module["Atlas"].post.respondents) == (3, 2)
    # Risk: before 1 of 3 (33.3%), after 1 of 2 (50%): +16.7.
    assert by_module["Risk"].gain == 16.7
    # Whole test: before 3 of 9, after 5 of 6.
    assert (results.overall.pre.percent, results.overall.post.percent) == (33.3, 83.3)
    assert results.responses == {Kind.PRE: 3, Kind.POST: 2}
    assert results.rate(Kind.POST) == 66.7
    # The kept per-module figures the programme reads agree with the answers.
    kept = {(r.module_id, r.kind): (r.responses, r.asked, r.correct) for r in ModuleResult.objects.all()}
    assert kept[(atlas.pk, Kind.PRE)] == (3, 6, 2)
    assert kept[(risk.pk, Kind.POST)] == (2, 2, 1)


def test_most_missed_questions_come_first(two_modules):
    event = event_with_agenda(list(two_modules))
    people = [enrol(event) for _ in range(2)]
    answer(people[0], Kind.POST, {1: 0, 2: 0, 3: 2})
    answer(people[1], Kind.POST, {1: 0, 2: 0, 3: 0})
    ordered = [q.text for q in event_results(event).questions]
    assert ordered == ["Q2", "Q3", "Q1"]  # 0%, 50%, 100% correct after


def test_anonymous_answers_keep_no_link_to_the_person(two_modules):
    event = event_with_agenda(list(two_modules))
    assert evaluation_of(event).anonymous
    enrolment = enrol(event)
    answer(enrolment, Kind.PRE, {1: 0, 2: 1, 3: 2})
    answer(enrolment, Kind.FEEDBACK, feedback={})
    with connection.cursor() as cursor:
        columns = {
            c.name for c in connection.introspection.get_table_description(cursor, "evaluation_response")
        }
        cursor.execute("SELECT COUNT(*) FROM evaluation_response WHERE enrolment_id IS NOT NULL")
        assert cursor.fetchone()[0] == 0
        answer_columns = {
            c.name for c in connection.introspection.get_table_description(cursor, "evaluation_answer")
        }
        answered_columns = {
            c.name for c in connection.introspection.get_table_description(cursor, "evaluation_answered")
        }
    assert not {"person_id"} & (columns | answer_columns)
    assert "enrolment_id" not in answer_columns
    # What says that they answered has no time and no order to pair it with a response.
    assert answered_columns == {"id", "enrolment_id", "kind"}
    assert Answered.objects.filter(enrolment=enrolment).count() == 2
    assert Response.objects.filter(event=event).count() == 2


def test_named_answers_keep_the_enrolment(two_modules):
    event = event_with_agenda(list(two_modules))
    save_settings(event=event, anonymous=False, pass_mark=60)
    enrolment = enrol(event)
    response = answer(enrolment, Kind.POST, {1: 0, 2: 1, 3: 0})
    assert response.enrolment == enrolment
    assert (response.asked, response.correct, response.score) == (3, 2, 66.7)


def test_a_part_is_sent_once(two_modules):
    event = event_with_agenda(list(two_modules))
    enrolment = enrol(event)
    answer(enrolment, Kind.PRE, {1: 0, 2: 1, 3: 2})
    with pytest.raises(DomainError) as refused:
        answer(enrolment, Kind.PRE, {1: 1, 2: 1, 3: 1})
    assert refused.value.code == "already_answered"
    assert Response.objects.count() == 1
    assert Answer.objects.count() == 3
    assert ModuleResult.objects.get(module=two_modules[0], kind=Kind.PRE).responses == 1


def test_an_incomplete_test_is_refused_and_nothing_is_written(two_modules):
    from evaluation.services import answering

    event = event_with_agenda(list(two_modules))
    enrolment = enrol(event)
    screens = answering.screens_for(event, Kind.PRE, "en")
    with pytest.raises(DomainError):
        answering.submit(
            event=event,
            kind=Kind.PRE,
            enrolment=enrolment,
            screens=screens,
            answers={screens[0].key: 0},
            today=event.start_date - datetime.timedelta(days=1),
        )
    assert not Response.objects.exists() and not Answered.objects.exists()


def test_when_each_part_is_open(two_modules):
    event = event_with_agenda(list(two_modules), days=3)
    evaluation = evaluation_of(event)
    day_before, day_one, last = (
        event.start_date - datetime.timedelta(days=1),
        event.start_date,
        event.end_date,
    )
    assert window(event, evaluation, Kind.PRE, day_before).open
    assert not window(event, evaluation, Kind.PRE, day_one).open
    assert not window(event, evaluation, Kind.POST, day_one).open
    assert window(event, evaluation, Kind.POST, last).open
    assert window(event, evaluation, Kind.FEEDBACK, last + datetime.timedelta(days=30)).open
    assert not window(event, evaluation, Kind.FEEDBACK, last + datetime.timedelta(days=31)).open
    # A trainer opens the pre-test in the room on day one, for that day only.
    with pytest.raises(DomainError):
        open_in_room(event=event, today=day_before)
    evaluation = open_in_room(event=event, today=day_one)
    assert window(event, evaluation, Kind.PRE, day_one).open
    assert not window(event, evaluation, Kind.PRE, day_one + datetime.timedelta(days=1)).open


def test_the_test_is_fixed_once_and_keeps_its_versions(two_modules):
    from evaluation.services.bank import save_question

    atlas, _risk = two_modules
    event = event_with_agenda([atlas])
    q1 = atlas.evaluation_questions.get(versions__text__en="Q1")
    # Not yet asked anywhere: an edit changes the version in place.
    same = save_question(
        module=atlas,
        question=q1,
        text={"en": "Q1 (clearer)"},
        choices=[{"en": "A"}, {"en": "B"}],
        correct=[0],
        by=None,
    )
    assert same.number == 1
    fix_test(event)
    asked = EventQuestion.objects.get(evaluation__event=event, version__question=q1).version
    edited = save_question(
        module=atlas,
        question=q1,
        text={"en": "Q1 v2"},
        choices=[{"en": "A"}, {"en": "B"}],
        correct=[1],
        by=None,
    )
    assert edited.number == 2
    asked.refresh_from_db()
    assert asked.text == {"en": "Q1 (clearer)"}
    fix_test(event)  # fixed already: the event keeps version 1
    assert EventQuestion.objects.get(evaluation__event=event, version__question=q1).version_id == asked.pk
    later = event_with_agenda([atlas])
    assert EventQuestion.objects.get(evaluation=fix_test(later), version__question=q1).version_id == edited.pk


def test_a_pass_mark_needs_named_results():
    event = event_with_agenda([])
    with pytest.raises(DomainError) as refused:
        save_settings(event=event, anonymous=True, pass_mark=70)
    assert refused.value.field == "pass_mark"
    assert not EventEvaluation.objects.filter(event=event, pass_mark__isnull=False).exists()


def test_anonymity_cannot_change_once_answered(two_modules):
    event = event_with_agenda(list(two_modules))
    answer(enrol(event), Kind.PRE, {1: 0, 2: 0, 3: 0})
    with pytest.raises(DomainError):
        save_settings(event=event, anonymous=False, pass_mark=None)


def test_small_groups_are_masked(two_modules):
    event = event_with_agenda(list(two_modules))
    for _ in range(5):
        answer(enrol(event, gender=Gender.FEMALE), Kind.PRE, {1: 0, 2: 0, 3: 0})
    answer(enrol(event, gender=Gender.MALE), Kind.PRE, {1: 0, 2: 1, 3: 2})
    genders = {g.label: g for g in event_results(event).genders}
    assert not genders["Female"].masked and genders["Female"].pre.respondents == 5
    assert genders["Male"].masked


def test_feedback_ratings_by_day_and_module(two_modules):
    from evaluation.services.answering import screens_for

    event = event_with_agenda(list(two_modules), days=2)
    screens = {s.question.text["en"]: s for s in screens_for(event, Kind.FEEDBACK, "en")}
    day_screen = screens["How satisfied were you with this day?"]
    module_screen = screens["How satisfied were you with this module?"]
    comment = screens["What could be improved?"]
    day1, day2 = (s.key for s in day_screen.subjects)
    first_module = module_screen.subjects[0].key
    answer(
        enrol(event),
        Kind.FEEDBACK,
        feedback={
            day_screen.key: {day1: 5, day2: 3},
            module_screen.key: {first_module: 4},
            comment.key: {"": "More case studies"},
        },
    )
    answer(enrol(event), Kind.FEEDBACK, feedback={day_screen.key: {day1: 4}})
    ratings = {(r.question, r.subject): (r.answers, r.average) for r in event_results(event).ratings}
    assert ratings[("How satisfied were you with this day?", "Day 1")] == (2, 4.5)
    assert ratings[("How satisfied were you with this day?", "Day 2")] == (1, 3.0)
    assert ratings[("How satisfied were you with this module?", "Atlas")] == (1, 4.0)
    assert event_results(event).comments == [("What could be improved?", ["More case studies"])]


def test_the_information_note_quotes_the_results(two_modules):
    from courses.information_note import build_note

    event = event_with_agenda(list(two_modules))
    assert all(s.heading != "Evaluation" for s in build_note(event, "en").sections)
    people = [enrol(event) for _ in range(4)]
    for person in people:
        answer(person, Kind.PRE, {1: 0, 2: 0, 3: 0})  # 1 of 3
        answer(person, Kind.POST, {1: 0, 2: 1, 3: 2})  # 3 of 3
    answer(people[0], Kind.FEEDBACK, feedback={})
    section = next(s for s in build_note(event, "en").sections if s.heading == "Evaluation")
    text = " ".join(section.paragraphs)
    assert "1 of 4 participants gave their feedback." in text
    assert "from 33.3% before the training to 100.0% after it (4 and 4 participants answered)" in text
    assert section.table[1] == ["Atlas", "50.0", "100.0", "50.0"]  # atlas: Q1 right, Q2 wrong before
