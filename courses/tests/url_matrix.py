from stce.tests.url_matrix import Case, ladder, signed_in

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
]

CASES += [
    Case("courses:event-note", ladder(), kwargs=lambda w: {"pk": w.event.pk}),
    Case("courses:event-note-pdf", ladder(), kwargs=lambda w: {"pk": w.event.pk}),
    Case("courses:event-note-text", ladder(), kwargs=lambda w: {"pk": w.event.pk}),
]
