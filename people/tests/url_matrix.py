from people.tests.permissions import Case, everyone, exports, ladder, signed_in

CASES = [
    Case("people:person-list", ladder()),
    *exports("people:person-list", ladder()),
    Case("people:person-create", ladder()),
    Case("people:person-detail", ladder(), kwargs=lambda w: {"pk": w.person.pk}),
    Case("people:person-edit", ladder(), kwargs=lambda w: {"pk": w.person.pk}),
    Case("people:person-export-json", ladder(), kwargs=lambda w: {"pk": w.person.pk}),
    Case("people:person-export-pdf", ladder(), kwargs=lambda w: {"pk": w.person.pk}),
    Case("people:person-erase", ladder(coord=403), kwargs=lambda w: {"pk": w.person.pk}),
    Case("people:audit-log", ladder(coord=403)),
    *exports("people:audit-log", ladder(coord=403)),
    Case("people:lockout-list", ladder(coord=403)),
    *exports("people:lockout-list", ladder(coord=403)),
    # Persona clients have no authenticator: verify and the codes page send them to set-up.
    Case("people:two-factor-verify", everyone(302)),
    Case("people:two-factor-setup", signed_in()),
    Case("people:two-factor-recovery-codes", everyone(302)),
    Case(
        "people:audit-object", ladder(coord=403),
        kwargs=lambda w: {"app_label": "people", "model_name": "person", "pk": w.person.pk},
    ),
]
