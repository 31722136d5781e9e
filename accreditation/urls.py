from django.urls import path

from accreditation.views import directory, experts, invitations, portal, review

app_name = "accreditation"

urlpatterns = [
    path("experts/", directory.expert_list, name="expert-list"),
    path("experts/new/", experts.expert_create, name="expert-create"),
    path("experts/expiring/", review.expiring_list, name="expiring"),
    path("experts/<int:pk>/", experts.expert_detail, name="expert-detail"),
    path("experts/<int:pk>/edit/", experts.expert_edit, name="expert-edit"),
    path("experts/<int:pk>/assign/", directory.expert_assign, name="expert-assign"),
    path("experts/<int:pk>/workshop-place/", experts.expert_workshop_place, name="expert-workshop-place"),
    path("experts/<int:pk>/evidence/<slug:kind>/", experts.evidence_add, name="evidence-add"),
    path("experts/<int:pk>/propose/", review.proposal_create, name="proposal-create"),
    path("me/", portal.expert_home, name="expert-home"),
    path("me/invitations/<int:pk>/", invitations.answer, name="invitation-answer"),
    path("me/co-delivery/<int:assignment_pk>/", invitations.co_delivery, name="co-delivery"),
    path("me/co-delivery/<int:assignment_pk>/report.pdf", invitations.co_delivery_file,
         name="co-delivery-file"),
    path("events/<int:event_pk>/invite/", invitations.invite, name="invite"),
    path("invitations/<int:pk>/withdraw/", invitations.withdraw, name="invitation-withdraw"),
    path("co-delivery/<int:pk>/report.pdf", invitations.co_delivery_attachment,
         name="co-delivery-attachment"),
    path("review/", review.review_queue, name="review-queue"),
    path("proposals/<int:pk>/decide/", review.proposal_decide, name="proposal-decide"),
]
