from people.tests.permissions import EXPERT, Case, exports, ladder, signed_in

# Coordinators prepare (nominate, record evidence, propose); administrators decide.
PREPARE = ladder(admin=403)
POST_ONLY_FOR_COORDINATORS = ladder(coord=405, admin=403)

CASES = [
    # The experts' portal: the expert's own pages; every other signed-in user gets 404.
    Case("accreditation:expert-home", {**signed_in(404), EXPERT: 200}),
    # Invitations to deliver and co-delivery reports (issue 17): the expert's own, 200; another
    # expert's, 404 like every other signed-in user's.
    Case("accreditation:invitation-answer", {**signed_in(404), EXPERT: 200},
         kwargs=lambda w: {"pk": w.invitation.pk}),
    Case("accreditation:invitation-answer", signed_in(404), kwargs=lambda w: {"pk": w.other_invitation.pk}),
    Case("accreditation:co-delivery", {**signed_in(404), EXPERT: 200},
         kwargs=lambda w: {"assignment_pk": w.co_delivery.pk}),
    Case("accreditation:co-delivery", signed_in(404),
         kwargs=lambda w: {"assignment_pk": w.other_co_delivery.pk}),
    Case("accreditation:co-delivery-file", {**signed_in(404), EXPERT: 200},
         kwargs=lambda w: {"assignment_pk": w.co_delivery.pk}),
    Case("accreditation:co-delivery-file", signed_in(404),
         kwargs=lambda w: {"assignment_pk": w.other_co_delivery.pk}),
    Case("accreditation:invite", PREPARE, kwargs=lambda w: {"event_pk": w.event.pk}),
    Case("accreditation:invitation-withdraw", PREPARE, kwargs=lambda w: {"pk": w.other_invitation.pk}),
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
