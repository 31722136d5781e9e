from people.tests.permissions import EXPERT, Case, exports, ladder, signed_in

# Coordinators prepare (nominate, record evidence, propose); administrators decide.
PREPARE = ladder(admin=403)
POST_ONLY_FOR_COORDINATORS = ladder(coord=405, admin=403)

CASES = [
    # The experts' portal: the expert's own pages; every other signed-in user gets 404.
    Case("accreditation:expert-home", {**signed_in(404), EXPERT: 200}),
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
