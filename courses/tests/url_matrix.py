from people.tests.permissions import Case, any_role, everyone, exports, ladder


def _event(w):
    return {"pk": w.event.pk}


def _item(w):
    return {"pk": w.event.pk, "item_pk": w.agenda_item.pk}


COORDINATOR_ONLY = ladder(admin=403)
COORDINATOR_POST = ladder(coord=302, admin=403)
# Trainers see their own events; another trainer's event does not exist for them (404). A
# focal point has no role: refused (403) before any event is looked up.
ASSIGNED_TRAINER = ladder(trainer=200, other=404)
EVENT_STAFF = ASSIGNED_TRAINER

CASES = [
    Case("courses:person-merge", ladder(), kwargs=lambda w: {"pk": w.person.pk}),
    Case("courses:module-list", any_role()),
    *exports("courses:module-list", any_role()),
    Case("courses:module-detail", any_role(), kwargs=lambda w: {"pk": w.module.pk}),
    Case("courses:module-create", ladder(admin=403)),
    Case("courses:module-edit", ladder(admin=403), kwargs=lambda w: {"pk": w.module.pk}),
    Case("courses:module-retire", ladder(admin=403), kwargs=lambda w: {"pk": w.module.pk}),
    Case(
        "courses:module-reactivate", ladder(coord=302, admin=403), method="post",
        kwargs=lambda w: {"pk": w.module.pk},
    ),
    # Scheduling (issue 3)
    Case("courses:event-list", any_role()),
    # A trainer exports the events they see: their own.
    *exports("courses:event-list", any_role()),
    Case("courses:event-calendar", any_role()),
    Case("courses:my-events-ics", any_role()),
    Case("courses:event-create", COORDINATOR_ONLY),
    Case("courses:event-detail", ASSIGNED_TRAINER, kwargs=_event),
    Case("courses:event-ics", ASSIGNED_TRAINER, kwargs=_event),
    Case("courses:event-edit", COORDINATOR_ONLY, kwargs=_event),
    Case("courses:event-dates", COORDINATOR_ONLY, kwargs=_event),
    Case("courses:event-status", COORDINATOR_POST, kwargs=_event, method="post"),
    Case("courses:event-cancel", COORDINATOR_ONLY, kwargs=_event),
    Case("courses:event-reopen", COORDINATOR_ONLY, kwargs=_event),
    Case("courses:days-generate", COORDINATOR_POST, kwargs=_event, method="post"),
    Case("courses:agenda", ASSIGNED_TRAINER, kwargs=_event),
    Case("courses:agenda-build", COORDINATOR_POST, kwargs=_event, method="post"),
    Case("courses:agenda-item-times", COORDINATOR_POST, kwargs=_item, method="post"),
    Case("courses:agenda-modules", COORDINATOR_ONLY, kwargs=_event),
    Case("courses:agenda-item-create", COORDINATOR_ONLY, kwargs=_event),
    Case("courses:agenda-copy", COORDINATOR_ONLY, kwargs=_event),
    Case("courses:agenda-item-edit", COORDINATOR_ONLY, kwargs=_item),
    Case("courses:agenda-item-delete", COORDINATOR_ONLY, kwargs=_item),
    Case("courses:agenda-item-move", COORDINATOR_POST, kwargs=_item, method="post"),
    Case("courses:trainer-assign", COORDINATOR_ONLY, kwargs=_event),
    Case(
        "courses:trainer-remove", COORDINATOR_ONLY,
        kwargs=lambda w: {"pk": w.event.pk, "assignment_pk": w.assignment.pk},
    ),
    Case("courses:participant-list", ASSIGNED_TRAINER, kwargs=_event),
    # Trainers see their participants but do not take the list (with e-mail addresses) away.
    *exports("courses:participant-list", ladder(other=404), kwargs=_event),
    Case("courses:participant-add", COORDINATOR_ONLY, kwargs=_event),
    Case("courses:participant-import", COORDINATOR_ONLY, kwargs=_event),
    Case("courses:participant-import-commit", ladder(coord=302, admin=403), kwargs=_event),
    Case("courses:participant-import-resolve", ladder(coord=302, admin=403), kwargs=_event),
    Case(
        "courses:participant-import-template",
        COORDINATOR_ONLY,
        kwargs=lambda w: {"language": "fr", "fmt": "xlsx"},
    ),
    Case(
        "courses:participant-withdraw", COORDINATOR_ONLY,
        kwargs=lambda w: {"pk": w.event.pk, "enrolment_pk": w.enrolment.pk},
    ),
    Case("courses:joining-instructions", COORDINATOR_ONLY, kwargs=_event),
    # With no change of dates to tell, the page leads back to the event.
    Case("courses:date-change-notice", ladder(coord=302, admin=403), kwargs=_event),
    Case("courses:event-emails", ladder(), kwargs=_event),
    # Opened from an e-mail or by a calendar app: the signed or secret address is the key.
    Case("courses:personal-page", everyone(), kwargs=lambda w: {"token": w.personal_token}),
    Case("courses:personal-page-ics", everyone(), kwargs=lambda w: {"token": w.personal_token}),
    Case("courses:calendar-subscription", any_role()),
    Case("courses:calendar-feed", everyone(), kwargs=lambda w: {"token": w.feed_token}),
    # --- Attendance (issue 4): the event's trainers, coordinators, administrators -------
    # (another trainer gets 404: the event is not theirs to know about)
    Case("courses:attendance-event", EVENT_STAFF, kwargs=lambda w: {"pk": w.event.pk}),
    Case("courses:attendance-grid", EVENT_STAFF, kwargs=lambda w: {"pk": w.event.pk}),
    Case(
        "courses:attendance-day", EVENT_STAFF,
        kwargs=lambda w: {"pk": w.event.pk, "day_pk": w.event_day.pk},
    ),
    Case(
        "courses:attendance-signin-sheet", EVENT_STAFF,
        kwargs=lambda w: {"pk": w.event.pk, "day_pk": w.event_day.pk},
    ),
    Case("courses:attendance-export-csv", EVENT_STAFF, kwargs=lambda w: {"pk": w.event.pk}),
    Case("courses:attendance-export-xlsx", EVENT_STAFF, kwargs=lambda w: {"pk": w.event.pk}),
    Case(
        "courses:attendance-lock", ladder(coord=302, admin=403), method="post",
        kwargs=lambda w: {"pk": w.event.pk},
    ),
    Case("courses:attendance-reopen", ladder(admin=403), kwargs=lambda w: {"pk": w.event.pk}),
]

CASES += [
    Case("courses:event-note", ladder(), kwargs=lambda w: {"pk": w.event.pk}),
    Case("courses:event-note-pdf", ladder(), kwargs=lambda w: {"pk": w.event.pk}),
    Case("courses:event-note-text", ladder(), kwargs=lambda w: {"pk": w.event.pk}),
]
