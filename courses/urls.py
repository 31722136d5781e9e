from django.urls import path

from courses.views import (
    agenda,
    attendance,
    curriculum,
    emails,
    events,
    feeds,
    merges,
    participants,
    personal,
    trainers,
)

app_name = "courses"

urlpatterns = [
    path("people/<int:pk>/merge/", merges.person_merge, name="person-merge"),
    path("curriculum/", curriculum.module_list, name="module-list"),
    path("curriculum/new/", curriculum.module_create, name="module-create"),
    path("curriculum/<int:pk>/", curriculum.module_detail, name="module-detail"),
    path("curriculum/<int:pk>/edit/", curriculum.module_edit, name="module-edit"),
    path("curriculum/<int:pk>/retire/", curriculum.module_retire, name="module-retire"),
    path("curriculum/<int:pk>/reactivate/", curriculum.module_reactivate, name="module-reactivate"),
    # Events
    path("events/", events.event_list, name="event-list"),
    path("events/calendar/", events.event_calendar, name="event-calendar"),
    path("events/new/", events.event_create, name="event-create"),
    path("events/mine.ics", events.my_events_ics, name="my-events-ics"),
    path("events/<int:pk>/", events.event_detail, name="event-detail"),
    path("events/<int:pk>/edit/", events.event_edit, name="event-edit"),
    path("events/<int:pk>/status/", events.event_status, name="event-status"),
    path("events/<int:pk>/dates/", events.event_dates, name="event-dates"),
    path("events/<int:pk>/cancel/", events.event_cancel, name="event-cancel"),
    path("events/<int:pk>/reopen/", events.event_reopen, name="event-reopen"),
    path("events/<int:pk>/event.ics", events.event_ics, name="event-ics"),
    # Agenda
    path("events/<int:pk>/days/generate/", agenda.days_generate, name="days-generate"),
    path("events/<int:pk>/agenda/", agenda.agenda_page, name="agenda"),
    path("events/<int:pk>/agenda/build/", agenda.agenda_build, name="agenda-build"),
    path("events/<int:pk>/agenda/<int:item_pk>/times/", agenda.agenda_item_times, name="agenda-item-times"),
    path("events/<int:pk>/agenda/modules/", agenda.agenda_modules, name="agenda-modules"),
    path("events/<int:pk>/agenda/new/", agenda.agenda_item_create, name="agenda-item-create"),
    path("events/<int:pk>/agenda/copy/", agenda.agenda_copy, name="agenda-copy"),
    path("events/<int:pk>/agenda/<int:item_pk>/edit/", agenda.agenda_item_edit, name="agenda-item-edit"),
    path(
        "events/<int:pk>/agenda/<int:item_pk>/delete/", agenda.agenda_item_delete, name="agenda-item-delete"
    ),
    path("events/<int:pk>/agenda/<int:item_pk>/move/", agenda.agenda_item_move, name="agenda-item-move"),
    # Trainers
    path("events/<int:pk>/trainers/add/", trainers.trainer_assign, name="trainer-assign"),
    path(
        "events/<int:pk>/trainers/<int:assignment_pk>/remove/", trainers.trainer_remove, name="trainer-remove"
    ),
    # Participants
    path("events/<int:pk>/participants/", participants.participant_list, name="participant-list"),
    path("events/<int:pk>/participants/add/", participants.participant_add, name="participant-add"),
    path("events/<int:pk>/participants/import/", participants.participant_import, name="participant-import"),
    path(
        "events/<int:pk>/participants/import/resolve/",
        participants.participant_import_resolve,
        name="participant-import-resolve",
    ),
    path(
        "participants/import-template/<str:language>.<str:fmt>",
        participants.participant_import_template,
        name="participant-import-template",
    ),
    path(
        "events/<int:pk>/participants/import/commit/",
        participants.participant_import_commit,
        name="participant-import-commit",
    ),
    path(
        "events/<int:pk>/participants/<int:enrolment_pk>/withdraw/",
        participants.participant_withdraw,
        name="participant-withdraw",
    ),
    path("events/<int:pk>/joining-instructions/", emails.joining_instructions, name="joining-instructions"),
    path("events/<int:pk>/new-dates-notice/", emails.date_change_notice, name="date-change-notice"),
    path("events/<int:pk>/emails/", emails.event_emails, name="event-emails"),
    # What participants open from their e-mail, and calendar feeds: no sign-in, a secret in the address.
    path("p/<str:token>/", personal.personal_page, name="personal-page"),
    path("p/<str:token>/event.ics", personal.personal_page_ics, name="personal-page-ics"),
    path("calendar/", feeds.calendar_subscription, name="calendar-subscription"),
    path("calendar/<str:token>.ics", feeds.calendar_feed, name="calendar-feed"),
    # --- Attendance (issue 4) -------------------------------------------------------
    path("events/<int:pk>/attendance/", attendance.event_attendance, name="attendance-event"),
    path("events/<int:pk>/attendance/grid/", attendance.grid, name="attendance-grid"),
    path("events/<int:pk>/attendance/days/<int:day_pk>/", attendance.day_sheet, name="attendance-day"),
    path(
        "events/<int:pk>/attendance/days/<int:day_pk>/sign-in-sheet.pdf",
        attendance.signin_sheet,
        name="attendance-signin-sheet",
    ),
    path("events/<int:pk>/attendance/export.csv", attendance.export_csv, name="attendance-export-csv"),
    path("events/<int:pk>/attendance/export.xlsx", attendance.export_xlsx, name="attendance-export-xlsx"),
    path("events/<int:pk>/attendance/lock/", attendance.lock, name="attendance-lock"),
    path("events/<int:pk>/attendance/reopen/", attendance.reopen, name="attendance-reopen"),
]

# Information Notes (issue 9).
from courses.views import notes  # noqa: E402

urlpatterns += [
    path("events/<int:pk>/information-note/", notes.event_note, name="event-note"),
    path("events/<int:pk>/information-note.pdf", notes.event_note_pdf, name="event-note-pdf"),
    path("events/<int:pk>/information-note.txt", notes.event_note_text, name="event-note-text"),
]
