from people.tests.permissions import Case, everyone, exports, ladder

# Coordinators and administrators manage certificates; verification is public.
CASES = [
    Case("verify-lookup", everyone()),
    Case("verify", everyone(404), kwargs=lambda w: {"code": "0" * 32}),
    Case("verify", everyone(200), kwargs=lambda w: {"code": w.certificate.code}),
    Case("certificates:certificate-list", ladder()),
    *exports("certificates:certificate-list", ladder()),
    Case("certificates:certificate-preview", ladder()),
    Case("certificates:certificate-detail", ladder(), kwargs=lambda w: {"pk": w.certificate.pk}),
    Case("certificates:certificate-pdf", ladder(), kwargs=lambda w: {"pk": w.certificate.pk}),
    Case("certificates:certificate-revoke", ladder(), kwargs=lambda w: {"pk": w.certificate.pk}),
    Case("certificates:certificate-reissue", ladder(), kwargs=lambda w: {"pk": w.certificate.pk}),
    Case(
        "certificates:certificate-send", ladder(coord=302, admin=302), method="post",
        kwargs=lambda w: {"pk": w.certificate.pk},
    ),
    Case("certificates:certificate-event", ladder(), kwargs=lambda w: {"event_pk": w.event.pk}),
    Case(
        "certificates:certificate-issue", ladder(),
        kwargs=lambda w: {"event_pk": w.event.pk, "person_pk": w.person.pk},
    ),
    Case("certificates:certificate-event-zip", ladder(), kwargs=lambda w: {"event_pk": w.event.pk}),
    Case("certificates:certificate-event-pdf", ladder(), kwargs=lambda w: {"event_pk": w.event.pk}),
    Case(
        "certificates:certificate-event-send", ladder(coord=302, admin=302), method="post",
        kwargs=lambda w: {"event_pk": w.event.pk},
    ),
]
