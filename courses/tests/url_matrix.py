from stce.tests.url_matrix import Case, ladder, signed_in

EVENT_STAFF = ladder(trainer=200, other=404)

CASES = [
    Case("courses:module-list", {**signed_in()}),
    Case("courses:module-detail", signed_in(), kwargs=lambda w: {"pk": w.module.pk}),
    Case("courses:module-create", ladder(admin=403)),
    Case("courses:module-edit", ladder(admin=403), kwargs=lambda w: {"pk": w.module.pk}),
    Case("courses:module-retire", ladder(admin=403), kwargs=lambda w: {"pk": w.module.pk}),
    Case(
        "courses:module-reactivate", ladder(coord=302, admin=403), method="post",
        kwargs=lambda w: {"pk": w.module.pk},
    ),
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
