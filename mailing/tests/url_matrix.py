from people.tests.permissions import Case, ladder

CASES = [
    Case("mailing:template-list", ladder()),
    Case(
        "mailing:template-edit", ladder(), kwargs=lambda w: {"kind": "joining_instructions", "language": "fr"}
    ),
    Case("mailing:message-detail", ladder(), kwargs=lambda w: {"pk": w.message.pk}),
    Case(
        "mailing:message-send-again",
        ladder(coord=302, admin=302),
        method="post",
        kwargs=lambda w: {"pk": w.message.pk},
    ),
]
