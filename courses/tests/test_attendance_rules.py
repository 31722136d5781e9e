"""The rules behind saving an attendance sheet, each checked on its own (no database)."""

import datetime

import pytest

from courses.forms.attendance import REMARK_MAX_LENGTH, cell_input_error
from courses.models import Attendance, AttendanceStatus, Enrolment, EventDay, TrainingEvent
from courses.services.attendance import AttendanceEntry, already_holds, changed_since_shown, check_cell
from people.errors import DomainError
from people.models import Person

P, L, A = AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.ABSENT
TODAY = datetime.date(2021, 10, 22)
EVENT = TrainingEvent(pk=1, start_date=datetime.date(2021, 10, 18), end_date=TODAY)


def enrolment(event_id: int = 1, **fields) -> Enrolment:
    return Enrolment(pk=7, event_id=event_id, person=Person(given_name="Ana", family_name="Silva"), **fields)


def day(date: datetime.date = datetime.date(2021, 10, 19), event_id: int = 1) -> EventDay:
    return EventDay(pk=3, event_id=event_id, date=date)


class TestCheckCell:
    def test_a_past_day_of_the_event_can_be_marked(self):
        check_cell(EVENT, {"status": P}, enrolment(), day(), TODAY)

    @pytest.mark.parametrize("cell_enrolment,cell_day", [
        (enrolment(event_id=2), day()),
        (enrolment(), day(event_id=2)),
        (None, day()),
        (enrolment(), None),
    ])
    def test_a_participant_or_day_of_another_event_is_refused(self, cell_enrolment, cell_day):
        with pytest.raises(DomainError, match="another event"):
            check_cell(EVENT, {"status": P}, cell_enrolment, cell_day, TODAY)

    def test_an_unknown_status_is_refused(self):
        with pytest.raises(DomainError, match="Unknown attendance status: maybe"):
            check_cell(EVENT, {"status": "maybe"}, enrolment(), day(), TODAY)

    def test_a_remark_alone_needs_no_status_check(self):
        check_cell(EVENT, {"remark": "Left at noon"}, enrolment(), day(), TODAY)

    def test_a_refused_cell_names_the_participant_the_day_and_why(self):
        with pytest.raises(DomainError) as refused:
            check_cell(EVENT, {"status": P}, enrolment(joined_on=datetime.date(2021, 10, 20)), day(), TODAY)
        assert str(refused.value.message) == "Ana Silva on 2021-10-19 cannot be marked: Joined on 2021-10-20."


class TestStoredRow:
    def row(self, status=P, remark=""):
        return Attendance(status=status, remark=remark)

    def test_a_row_holding_every_submitted_value_needs_no_write(self):
        assert already_holds(self.row(P, "Traffic"), {"status": P, "remark": "Traffic"})
        assert not already_holds(self.row(P, "Traffic"), {"status": P, "remark": ""})

    def test_a_row_changed_since_the_form_was_loaded_is_noticed(self):
        shown = AttendanceEntry(enrolment_id=7, day_id=3, status=L, original_status=P)
        assert not changed_since_shown(self.row(P), shown)
        assert changed_since_shown(self.row(A), shown)

    def test_the_remark_counts_only_when_the_form_showed_it(self):
        grid = AttendanceEntry(enrolment_id=7, day_id=3, status=L, original_status=P)
        sheet = AttendanceEntry(enrolment_id=7, day_id=3, status=L, original_status=P, original_remark="")
        assert not changed_since_shown(self.row(P, "Someone's note"), grid)
        assert changed_since_shown(self.row(P, "Someone's note"), sheet)


class TestPostedCell:
    def test_a_known_status_and_a_short_remark_pass(self):
        assert cell_input_error("Ana Silva", P, "Traffic") == ""
        assert cell_input_error("Ana Silva", "", None) == ""

    def test_a_nul_character_in_the_remark_is_refused_first(self):
        assert "cannot be saved" in cell_input_error("Ana Silva", "maybe", "a\x00b")

    def test_an_unknown_status_is_refused(self):
        assert cell_input_error("Ana Silva", "maybe", "x" * 1000) == (
            "Ana Silva: choose one of the listed statuses."
        )

    def test_a_remark_over_the_limit_is_refused(self):
        assert cell_input_error("Ana Silva", P, "x" * REMARK_MAX_LENGTH) == ""
        assert "longer than" in cell_input_error("Ana Silva", P, "x" * (REMARK_MAX_LENGTH + 1))
