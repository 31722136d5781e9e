import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from courses.models import Attendance, AttendanceReopening, AttendanceStatus, Enrolment, TrainingEvent
from courses.tests.factories import EnrolmentFactory, TrainerAssignmentFactory, TrainingEventFactory
from people.tests.factories import PersonFactory

P, L, E, A = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.LATE,
    AttendanceStatus.EXCUSED,
    AttendanceStatus.ABSENT,
)


@pytest.fixture
def event(trainer):
    event = TrainingEventFactory(with_days=True)
    TrainerAssignmentFactory(event=event, person=trainer.person)
    return event


@pytest.fixture
def day(event):
    return event.days.order_by("date").first()


def day_url(day):
    return reverse("courses:attendance-day", args=[day.event_id, day.pk])


def sheet_post(enrolments, day, status=P, **extra):
    data = {}
    for enrolment in enrolments:
        key = f"{enrolment.pk}-{day.pk}"
        data.update({f"os-{key}": "", f"or-{key}": "", f"r-{key}": ""})
        if status:
            data[f"s-{key}"] = status
    return {**data, **extra}


def test_trainer_sees_a_row_per_participant_on_the_day_sheet(trainer_client, event, day):
    EnrolmentFactory(event=event, person=PersonFactory(given_name="Дмитрий", family_name="Иванов"))
    EnrolmentFactory(event=event, status=Enrolment.Status.WITHDRAWN)
    EnrolmentFactory(event=event, joined_on=day.date + datetime.timedelta(days=1))
    response = trainer_client.get(day_url(day))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Дмитрий Иванов" in html
    assert "Withdrawn" in html
    assert "Joined" in html
    assert html.count('class="btn-check"') == 4 * 2  # the late joiner's row cannot be marked yet


def test_other_trainers_get_404_for_the_sheet_and_its_saves(persona_client, event, day):
    enrolment = EnrolmentFactory(event=event)
    response = persona_client("other_trainer").post(day_url(day), sheet_post([enrolment], day))
    assert response.status_code == 404
    assert not Attendance.objects.exists()


def test_saving_shows_what_was_saved_and_a_resubmit_is_harmless(trainer_client, event, day):
    enrolments = EnrolmentFactory.create_batch(3, event=event)
    data = sheet_post(enrolments, day, status=L)
    first = trainer_client.post(day_url(day), data)
    assert first.status_code == 200
    assert "Saved 3 changes." in first.content.decode()
    second = trainer_client.post(day_url(day), data)
    assert "Nothing had changed" in second.content.decode()
    assert Attendance.objects.filter(day=day, status=L).count() == 3
    assert Attendance.history.count() == 3


def test_mark_all_works_without_javascript_and_keeps_chosen_statuses(trainer_client, event, day):
    absent, *others = EnrolmentFactory.create_batch(3, event=event)
    data = sheet_post([absent, *others], day, status=None, mark_all="1")
    data[f"s-{absent.pk}-{day.pk}"] = A
    trainer_client.post(day_url(day), data)
    statuses = dict(Attendance.objects.values_list("enrolment_id", "status"))
    assert statuses == {absent.pk: A, **{e.pk: P for e in others}}


def test_history_of_a_web_save_names_the_trainer(trainer_client, trainer, event, day):
    enrolment = EnrolmentFactory(event=event)
    trainer_client.post(day_url(day), sheet_post([enrolment], day))
    assert Attendance.history.get().history_user == trainer


def test_bad_input_gets_a_message_and_writes_nothing(trainer_client, event, day):
    good, bad = EnrolmentFactory.create_batch(2, event=event)
    data = sheet_post([good, bad], day)
    data[f"s-{bad.pk}-{day.pk}"] = "asleep"
    response = trainer_client.post(day_url(day), data)
    assert response.status_code == 400
    assert "Nothing was saved." in response.content.decode()
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("sheet", ["day", "grid"])
def test_an_empty_or_non_form_post_shows_the_sheet_and_writes_nothing(trainer_client, event, day, sheet):
    EnrolmentFactory(event=event)
    url = day_url(day) if sheet == "day" else reverse("courses:attendance-grid", args=[event.pk])
    assert trainer_client.post(url).status_code == 200
    as_json = trainer_client.post(url, '{"status": "present"}', content_type="application/json")
    assert as_json.status_code == 200
    assert not Attendance.objects.exists()


def test_a_remark_with_a_null_character_gets_a_message_and_writes_nothing(trainer_client, event, day):
    enrolment = EnrolmentFactory(event=event)
    data = sheet_post([enrolment], day)
    data[f"r-{enrolment.pk}-{day.pk}"] = "late\x00bus"
    response = trainer_client.post(day_url(day), data)
    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_a_locked_event_shows_the_sheet_read_only_and_refuses_a_post(trainer_client, event, day):
    enrolment = EnrolmentFactory(event=event)
    TrainingEvent.objects.filter(pk=event.pk).update(attendance_locked=True)
    page = trainer_client.get(day_url(day)).content.decode()
    assert "btn-check" not in page and "locked" in page
    response = trainer_client.post(day_url(day), sheet_post([enrolment], day))
    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_coordinator_reopens_a_locked_event_with_a_reason(coordinator_client, event):
    TrainingEvent.objects.filter(pk=event.pk).update(attendance_locked=True)
    url = reverse("courses:attendance-reopen", args=[event.pk])
    assert coordinator_client.post(url, {"reason": ""}).status_code == 400
    response = coordinator_client.post(url, {"reason": "Wrong day marked"})
    assert response.status_code == 302
    assert AttendanceReopening.objects.get(event=event).reason == "Wrong day marked"
    overview = coordinator_client.get(reverse("courses:attendance-event", args=[event.pk])).content.decode()
    assert "Wrong day marked" in overview


def test_the_grid_saves_every_day_at_once(trainer_client, event):
    days = list(event.days.all())
    enrolments = EnrolmentFactory.create_batch(2, event=event)
    data = {}
    for enrolment in enrolments:
        for day in days:
            data.update(sheet_post([enrolment], day))
    response = trainer_client.post(reverse("courses:attendance-grid", args=[event.pk]), data)
    assert response.status_code == 200
    assert Attendance.objects.count() == len(days) * len(enrolments)


def grid_post(event, participants):
    enrolments = EnrolmentFactory.create_batch(participants, event=event)
    days = list(event.days.all())
    return {
        f"{prefix}-{e.pk}-{d.pk}": value
        for e in enrolments
        for d in days
        for prefix, value in (("os", ""), ("s", P))
    }


def test_saving_a_60_by_5_grid_runs_as_many_queries_as_a_10_by_5_grid(trainer_client, trainer, db):
    counts = {}
    for participants in (10, 60):
        event = TrainingEventFactory(with_days=True)
        TrainerAssignmentFactory(event=event, person=trainer.person)
        data = grid_post(event, participants)
        with CaptureQueriesContext(connection) as queries:
            response = trainer_client.post(reverse("courses:attendance-grid", args=[event.pk]), data)
        assert response.status_code == 200
        assert Attendance.objects.filter(day__event=event).count() == participants * 5
        counts[participants] = len(queries)
    assert counts[60] == counts[10]
    # 19: the sheet is paginated, one COUNT for the sheet read and one for the sheet shown after.
    assert counts[60] <= 19, counts


def test_attendance_page_shows_completion_per_participant(
    trainer_client, event, django_assert_max_num_queries
):
    days = list(event.days.all())
    for i in range(12):
        enrolment = EnrolmentFactory(event=event)
        for day in days[: 5 - i % 3]:
            Attendance.objects.create(enrolment=enrolment, day=day, status=P)
    # 14: the completion table is a page of participants (count, page, their records) and the
    # event's totals (participants, days, records).
    with django_assert_max_num_queries(14):
        response = trainer_client.get(reverse("courses:attendance-event", args=[event.pk]))
    html = response.content.decode()
    assert "100.0%" in html and "60.0%" in html
    assert "8 of 12 participants completed" in html


def test_trainers_home_page_links_their_events_to_attendance(trainer_client, event):
    response = trainer_client.get(reverse("home"))
    assert reverse("courses:attendance-event", args=[event.pk]) in response.content.decode()


def test_person_page_lists_their_training_history_with_completion(coordinator_client, event):
    enrolment = EnrolmentFactory(event=event)
    for day in event.days.all()[:4]:
        Attendance.objects.create(enrolment=enrolment, day=day, status=P)
    person_url = reverse("people:person-detail", args=[enrolment.person.pk])
    html = coordinator_client.get(person_url).content.decode()
    assert "Training history" in html
    assert event.title in html and "80.0%" in html


def test_event_page_shows_each_participants_completion(coordinator_client, event):
    enrolment = EnrolmentFactory(event=event, person=PersonFactory(family_name="Ortega"))
    for day in event.days.all()[:3]:
        Attendance.objects.create(enrolment=enrolment, day=day, status=P)
    html = coordinator_client.get(reverse("courses:event-detail", args=[event.pk])).content.decode()
    assert "Ortega" in html and "60.0%" in html


def test_exports_neutralise_formulas(trainer_client, event, day):
    person = PersonFactory(given_name="=HYPERLINK(1)", family_name="@x")
    enrolment = EnrolmentFactory(event=event, person=person)
    Attendance.objects.create(enrolment=enrolment, day=day, status=L)
    csv_response = trainer_client.get(reverse("courses:attendance-export-csv", args=[event.pk]))
    csv_text = csv_response.getvalue().decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in csv_text and "'@x" in csv_text and "Late" in csv_text
    xlsx = trainer_client.get(reverse("courses:attendance-export-xlsx", args=[event.pk])).getvalue()
    rows = list(load_workbook(io.BytesIO(xlsx)).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("Family name", "Given name")
    assert rows[1][:2] == ("'@x", "'=HYPERLINK(1)")
    assert rows[1][5] == "Late"


def test_a_user_without_a_role_gets_403(client, event, day):
    from people.tests.factories import UserFactory

    client.force_login(UserFactory(username="visitor"))
    assert client.get(day_url(day)).status_code == 403
    assert client.get(reverse("courses:attendance-event", args=[event.pk])).status_code == 403


@pytest.mark.parametrize(
    "page", ["attendance-event", "attendance-grid", "attendance-day", "attendance-export-csv"]
)
def test_attendance_pages_run_as_many_queries_for_30_participants_as_for_3(trainer_client, trainer, page, db):
    counts = {}
    for participants in (3, 30):
        event = TrainingEventFactory(with_days=True)
        TrainerAssignmentFactory(event=event, person=trainer.person)
        day = event.days.order_by("date").first()
        for enrolment in EnrolmentFactory.create_batch(participants, event=event):
            Attendance.objects.create(enrolment=enrolment, day=day, status=P)
        kwargs = {"pk": event.pk, "day_pk": day.pk} if page == "attendance-day" else {"pk": event.pk}
        with CaptureQueriesContext(connection) as queries:
            assert trainer_client.get(reverse(f"courses:{page}", kwargs=kwargs)).status_code == 200
        counts[participants] = len(queries)
    assert counts[30] == counts[3] <= 14, counts


def test_the_day_sheet_tallies_the_statuses_of_those_still_enrolled(trainer_client, event, day):
    enrolments = [EnrolmentFactory(event=event) for _ in range(4)]
    EnrolmentFactory(event=event, status=Enrolment.Status.WITHDRAWN)
    trainer_client.post(day_url(day), sheet_post(enrolments[:3], day, status=P))
    trainer_client.post(
        day_url(day), sheet_post(enrolments[2:3], day, status=L) | {f"os-{enrolments[2].pk}-{day.pk}": P}
    )
    counts = {
        value: n for value, _label, n in trainer_client.get(day_url(day)).context["form"].status_counts()
    }
    assert counts == {P: 2, L: 1, E: 0, A: 0, "": 1}  # the withdrawn participant is not counted


def test_a_long_sheet_gets_a_search_box_and_a_short_one_does_not(trainer_client, event, day):
    for _ in range(5):
        EnrolmentFactory(event=event)
    assert "js-attendance-search" not in trainer_client.get(day_url(day)).content.decode()
    for _ in range(6):
        EnrolmentFactory(event=event)
    page = trainer_client.get(day_url(day)).content.decode()
    assert 'type="search"' in page and "unsaved changes: {n}" in page


def test_a_large_day_sheet_comes_a_page_at_a_time_with_the_whole_days_tally(
    trainer_client, event, day, settings
):
    from courses.forms import attendance as views

    enrolments = EnrolmentFactory.create_batch(views.SHEET_PER_PAGE + 5, event=event)
    trainer_client.post(day_url(day), sheet_post(enrolments[:2], day, status=P))
    first = trainer_client.get(day_url(day))
    assert len(first.context["form"].rows) == views.SHEET_PER_PAGE
    counts = {value: n for value, _label, n in first.context["form"].status_counts()}
    assert counts[P] == 2 and counts[""] == views.SHEET_PER_PAGE + 3
    second = trainer_client.get(day_url(day) + "?page=2")
    rows = second.context["form"].rows
    assert len(rows) == 5 and "Page 2 of 2" in second.content.decode()
    # Saving the second page marks its five people and nobody on the first.
    response = trainer_client.post(
        day_url(day) + "?page=2", sheet_post([r.enrolment for r in rows], day, status=L)
    )
    assert response.status_code == 200
    assert Attendance.objects.filter(day=day, status=L).count() == 5
    assert Attendance.objects.filter(day=day).count() == 7


def test_the_completion_table_pages_through_a_large_event(trainer_client, event):
    EnrolmentFactory.create_batch(60, event=event)
    page = trainer_client.get(reverse("courses:attendance-event", args=[event.pk]))
    html = page.content.decode()
    assert "0 of 60 participants completed" in html and "Page 1 of 2" in html
    assert html.count("0 of 5 days") == 50  # one page of rows
    assert (
        trainer_client.get(reverse("courses:attendance-event", args=[event.pk]) + "?page=2")
        .content.decode()
        .count("0 of 5 days")
        == 10
    )
def test_a_large_attendance_sheet_shows_one_page_in_constant_queries(
    trainer_client, trainer, monkeypatch, django_assert_num_queries
):
    from courses.forms import attendance as attendance_forms

    monkeypatch.setattr(attendance_forms, "SHEET_PER_PAGE", 4)
    urls = {}
    for participants in (6, 30):
        event = TrainingEventFactory(with_days=True)
        TrainerAssignmentFactory(event=event, person=trainer.person)
        EnrolmentFactory.create_batch(participants, event=event)
        urls[participants] = reverse("courses:attendance-grid", args=[event.pk])
    trainer_client.get(urls[6])
    with CaptureQueriesContext(connection) as small:
        first = trainer_client.get(urls[6])
    with django_assert_num_queries(len(small)):
        assert trainer_client.get(urls[30]).status_code == 200
    assert len(first.context["form"].rows) == 4
    second = trainer_client.get(urls[6], {"page": 2})
    assert len(second.context["form"].rows) == 2
    assert "Page 2 of 2" in second.content.decode()
