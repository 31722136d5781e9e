from people.tests.permissions import Case, everyone, ladder, signed_in

COORDINATOR_ONLY = ladder(admin=403)
COORDINATOR_POST = ladder(coord=302, admin=403)
# Focal-point pages: none of the matrix's personas is a focal point, so for all of them the
# pages do not exist (404); nominations/tests/test_views.py covers a focal point of another country.
NOT_A_FOCAL_POINT = signed_in(404)


def _decision(w):
    # An empty reason makes "decline" a refusal: the row changes nothing whoever runs it.
    return {"pk": w.event.pk, "nomination_pk": w.nomination.pk, "decision": "decline"}


CASES = [
    Case("nominations:event", COORDINATOR_ONLY, kwargs=lambda w: {"pk": w.event.pk}),
    Case("nominations:decide", COORDINATOR_POST, method="post", kwargs=_decision),
    Case("nominations:focal-home", NOT_A_FOCAL_POINT),
    Case("nominations:focal-event", NOT_A_FOCAL_POINT, kwargs=lambda w: {"pk": w.event.pk}),
    Case(
        "nominations:letter",
        {**NOT_A_FOCAL_POINT, "coordinator": 200},
        kwargs=lambda w: {"nomination_pk": w.nomination.pk},
    ),
    Case("nominations:focal-import", NOT_A_FOCAL_POINT, kwargs=lambda w: {"pk": w.invitation.pk}),
    Case(
        "nominations:focal-import-resolve",
        NOT_A_FOCAL_POINT,
        method="post",
        kwargs=lambda w: {"pk": w.invitation.pk},
    ),
    Case(
        "nominations:focal-import-commit",
        NOT_A_FOCAL_POINT,
        method="post",
        kwargs=lambda w: {"pk": w.invitation.pk},
    ),
    Case(
        "nominations:focal-import-template",
        NOT_A_FOCAL_POINT,
        kwargs=lambda w: {"language": "fr", "fmt": "xlsx"},
    ),
    Case("nominations:participant-new-link", everyone()),
    Case("nominations:participant", everyone(), kwargs=lambda w: {"token": w.participant_token}),
    Case("nominations:participant", everyone(404), kwargs=lambda w: {"token": "1:forged"}),
    Case(
        "nominations:participant-certificate",
        everyone(404),
        kwargs=lambda w: {"token": w.participant_token, "certificate_pk": w.certificate.pk},
    ),
]
