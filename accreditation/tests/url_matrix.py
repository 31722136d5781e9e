from people.tests.permissions import EXPERT, Case, everyone, exports, ladder, signed_in

# Coordinators prepare (nominate, record evidence, propose); administrators decide.
PREPARE = ladder(admin=403)
POST_ONLY_FOR_COORDINATORS = ladder(coord=405, admin=403)

CASES = [
    # The experts' portal: the expert's own pages; every other signed-in user gets 404.
    Case("accreditation:expert-home", {**signed_in(404), EXPERT: 200}),
    Case("accreditation:my-profile-details", {**signed_in(404), EXPERT: 200}),
    # Only coordinators decide an expert's module proposals (a POST; GET is not allowed).
    Case("accreditation:module-proposal-decide", ladder(coord=405, admin=403),
         kwargs=lambda w: {"pk": w.portal_expert.pk, "proposal_pk": w.module_proposal.pk}),
    # Another person's certificate (world.certificate is world.person's): 404 for everyone.
    Case("accreditation:my-certificate", signed_in(404), kwargs=lambda w: {"pk": w.certificate.pk}),
    Case("accreditation:my-profile", {**signed_in(404), EXPERT: 200}),
    # Coordinators open and close an expert's account; the welcome link is public (a forged one
    # shows the "no longer works" page to everyone).
    Case("accreditation:portal-invite", PREPARE, kwargs=lambda w: {"pk": w.expert.pk}),
    Case("accreditation:portal-withdraw", PREPARE, kwargs=lambda w: {"pk": w.portal_expert.pk}),
    Case("accreditation:expert-welcome", everyone(), kwargs=lambda w: {"uidb64": "MQ", "token": "x-forged"}),
    Case("accreditation:my-unavailability-delete", {**signed_in(404), EXPERT: 200},
         kwargs=lambda w: {"pk": w.unavailability.pk}),
    # Another expert's period by id: 404 for the expert persona too.
    Case("accreditation:my-unavailability-delete", signed_in(404),
         kwargs=lambda w: {"pk": w.other_unavailability.pk}),
    # Trainings delivered at home: the expert's own reports (another expert's report is 404 too).
    *[
        Case(name, {**signed_in(404), EXPERT: 200}, kwargs=kwargs)
        for name, kwargs in [
            ("accreditation:my-home-trainings", lambda w: {}),
            ("accreditation:my-home-training-create", lambda w: {}),
            ("accreditation:my-home-training-template", lambda w: {"language": "fr", "fmt": "xlsx"}),
            ("accreditation:my-home-training", lambda w: {"pk": w.home_training.pk}),
            ("accreditation:my-home-training-edit", lambda w: {"pk": w.home_training.pk}),
            ("accreditation:my-home-training-import", lambda w: {"pk": w.home_training.pk}),
        ]
    ],
    *exports("accreditation:my-home-trainings", {**signed_in(404), EXPERT: 200}),
    *[
        Case(name, signed_in(404), kwargs=lambda w: {"pk": w.other_home_training.pk})
        for name in (
            "accreditation:my-home-training", "accreditation:my-home-training-edit",
            "accreditation:my-home-training-import",
        )
    ],
    *[
        Case(name, {**signed_in(405), EXPERT: 405}, kwargs=lambda w: {"pk": w.home_training.pk})
        for name in ("accreditation:my-home-training-submit", "accreditation:my-home-training-import-resolve",
                     "accreditation:my-home-training-import-commit")
    ],
    *[
        Case(name, {**signed_in(404), EXPERT: 302}, method="post",
             kwargs=lambda w: {"pk": w.home_training.pk})
        for name in ("accreditation:my-home-training-submit", "accreditation:my-home-training-import-resolve",
                     "accreditation:my-home-training-import-commit")
    ],
    Case("accreditation:my-home-training-submit", signed_in(404), method="post",
         kwargs=lambda w: {"pk": w.other_home_training.pk}),
    Case("accreditation:my-home-training-participant-remove", {**signed_in(404), EXPERT: 302}, method="post",
         kwargs=lambda w: {"pk": w.home_training.pk, "participant": w.home_training_participant.pk}),
    Case("accreditation:my-home-training-participant-remove", signed_in(404), method="post",
         kwargs=lambda w: {"pk": w.other_home_training.pk, "participant": w.home_training_participant.pk}),
    Case("accreditation:home-training-list", ladder()),
    *exports("accreditation:home-training-list", ladder()),
    Case("accreditation:home-training-review", ladder(), kwargs=lambda w: {"pk": w.home_training.pk}),
    Case("accreditation:home-training-review", ladder(), method="post",
         kwargs=lambda w: {"pk": w.home_training.pk}),
    Case("accreditation:home-training-certificates", ladder(coord=405, admin=403),
         kwargs=lambda w: {"pk": w.home_training.pk}),
    # A draft: the coordinator is told it is not accepted (and sent back to the review page).
    Case("accreditation:home-training-certificates", ladder(coord=302, admin=403), method="post",
         kwargs=lambda w: {"pk": w.home_training.pk}),
    # Invitations to deliver and co-delivery reports (issue 17): the expert's own, 200; another
    # expert's, 404 like every other signed-in user's.
    Case("accreditation:invitation-answer", {**signed_in(404), EXPERT: 200},
         kwargs=lambda w: {"pk": w.delivery_invitation.pk}),
    Case("accreditation:invitation-answer", signed_in(404),
         kwargs=lambda w: {"pk": w.other_delivery_invitation.pk}),
    Case("accreditation:co-delivery", {**signed_in(404), EXPERT: 200},
         kwargs=lambda w: {"assignment_pk": w.co_delivery.pk}),
    Case("accreditation:co-delivery", signed_in(404),
         kwargs=lambda w: {"assignment_pk": w.other_co_delivery.pk}),
    Case("accreditation:co-delivery-file", {**signed_in(404), EXPERT: 200},
         kwargs=lambda w: {"assignment_pk": w.co_delivery.pk}),
    Case("accreditation:co-delivery-file", signed_in(404),
         kwargs=lambda w: {"assignment_pk": w.other_co_delivery.pk}),
    Case("accreditation:invite", PREPARE, kwargs=lambda w: {"event_pk": w.event.pk}),
    Case("accreditation:invitation-withdraw", PREPARE,
         kwargs=lambda w: {"pk": w.other_delivery_invitation.pk}),
    Case("accreditation:co-delivery-attachment", ladder(), kwargs=lambda w: {"pk": w.co_delivery_report.pk}),
    Case("accreditation:expert-list", ladder()),
    *exports("accreditation:expert-list", ladder()),
    Case("accreditation:expert-create", PREPARE),
    Case("accreditation:expiring", ladder()),
    *exports("accreditation:expiring", ladder()),
    Case("accreditation:expert-detail", ladder(), kwargs=lambda w: {"pk": w.expert.pk}),
    Case("accreditation:expert-edit", PREPARE, kwargs=lambda w: {"pk": w.expert.pk}),
    Case("accreditation:expert-assign", POST_ONLY_FOR_COORDINATORS, kwargs=lambda w: {"pk": w.expert.pk}),
    Case("accreditation:expert-workshop-place", POST_ONLY_FOR_COORDINATORS,
         kwargs=lambda w: {"pk": w.expert.pk}),
    Case("accreditation:evidence-add", PREPARE, kwargs=lambda w: {"pk": w.expert.pk, "kind": "workshop"}),
    Case("accreditation:proposal-create", PREPARE, kwargs=lambda w: {"pk": w.expert.pk}),
    Case("accreditation:review-queue", ladder(coord=403)),
    *exports("accreditation:review-queue", ladder(coord=403)),
    Case("accreditation:proposal-decide", ladder(coord=403, admin=405),
         kwargs=lambda w: {"pk": w.proposal.pk}),
    Case("accreditation:proposal-decide", ladder(coord=403, admin=302), method="post",
         kwargs=lambda w: {"pk": w.proposal.pk}),
]
