from people.tests.permissions import COORD, FOCAL, Case, everyone, exports, ladder, signed_in

COORDINATOR_ONLY = ladder(admin=403)
COORDINATOR_POST = ladder(coord=302, admin=403)
# Focal-point pages exist only for focal points; for everyone else they are a 404.
FOCAL_POINT_ONLY = {**signed_in(404), FOCAL: 200}
# Another country's event, nominee or letter: a 404 for the focal point as for everyone else.
NOT_HIS_COUNTRY = signed_in(404)
# An empty post to one's own import has nothing to resolve or save: back to the upload.
FOCAL_POSTED = {**FOCAL_POINT_ONLY, FOCAL: 302}


def _decision(w):
    # An empty reason makes "decline" a refusal: the row changes nothing whoever runs it.
    return {"pk": w.event.pk, "nomination_pk": w.nomination.pk, "decision": "decline"}


CASES = [
    Case("nominations:event", COORDINATOR_ONLY, kwargs=lambda w: {"pk": w.event.pk}),
    Case("nominations:decide", COORDINATOR_POST, method="post", kwargs=_decision),
    Case("nominations:focal-home", FOCAL_POINT_ONLY),
    Case("nominations:focal-event", FOCAL_POINT_ONLY, kwargs=lambda w: {"pk": w.event.pk}),
    Case("nominations:focal-event", NOT_HIS_COUNTRY, kwargs=lambda w: {"pk": w.other_event.pk}),
    Case("nominations:focal-nomination", FOCAL_POINT_ONLY, kwargs=lambda w: {"pk": w.nomination.pk}),
    Case("nominations:focal-nomination", NOT_HIS_COUNTRY, kwargs=lambda w: {"pk": w.other_nomination.pk}),
    Case(
        "nominations:letter", {**FOCAL_POINT_ONLY, COORD: 200},
        kwargs=lambda w: {"nomination_pk": w.nomination.pk},
    ),
    Case(
        "nominations:letter", {**NOT_HIS_COUNTRY, COORD: 200},
        kwargs=lambda w: {"nomination_pk": w.other_nomination.pk},
    ),
    Case("nominations:focal-import", FOCAL_POINT_ONLY, kwargs=lambda w: {"pk": w.invitation.pk}),
    Case(
        "nominations:focal-import-resolve",
        FOCAL_POSTED,
        method="post",
        kwargs=lambda w: {"pk": w.invitation.pk},
    ),
    Case(
        "nominations:focal-import-commit",
        FOCAL_POSTED,
        method="post",
        kwargs=lambda w: {"pk": w.invitation.pk},
    ),
    Case(
        "nominations:focal-import-template",
        FOCAL_POINT_ONLY,
        kwargs=lambda w: {"language": "fr", "fmt": "xlsx"},
    ),
    # Another country's invitation: its list import is a 404 for the focal point as for everyone.
    Case("nominations:focal-import", NOT_HIS_COUNTRY, kwargs=lambda w: {"pk": w.other_invitation.pk}),
    Case(
        "nominations:focal-import-commit",
        NOT_HIS_COUNTRY,
        method="post",
        kwargs=lambda w: {"pk": w.other_invitation.pk},
    ),
    # Coordinators invite and withdraw focal points; administrators see who they are.
    Case("nominations:focal-point-list", ladder()),
    *exports("nominations:focal-point-list", ladder()),
    Case("nominations:focal-point-invite", COORDINATOR_ONLY),
    Case(
        "nominations:focal-point-withdraw", COORDINATOR_ONLY,
        kwargs=lambda w: {"pk": w.other_focal_point.pk},
    ),
    Case(
        "nominations:focal-point-withdraw", COORDINATOR_POST, method="post",
        kwargs=lambda w: {"pk": w.other_focal_point.pk},
    ),
    # The welcome link is the key (no sign-in): a genuine one leads on to the password form.
    Case("nominations:focal-welcome", everyone(302), kwargs=lambda w: w.welcome),
    Case("nominations:focal-welcome", everyone(), kwargs=lambda w: {**w.welcome, "token": "x-forged"}),
    Case("nominations:participant-new-link", everyone()),
    Case("nominations:participant", everyone(), kwargs=lambda w: {"token": w.participant_token}),
    Case("nominations:participant", everyone(404), kwargs=lambda w: {"token": "1:forged"}),
    Case(
        "nominations:participant-certificate",
        everyone(404),
        kwargs=lambda w: {"token": w.participant_token, "certificate_pk": w.certificate.pk},
    ),
]
