from django.urls import path

from accreditation.views import directory, experts, home_trainings, portal, review

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
    path("experts/<int:pk>/portal/invite/", portal.portal_invite, name="portal-invite"),
    path("experts/<int:pk>/portal/withdraw/", portal.portal_withdraw, name="portal-withdraw"),
    path("welcome/<uidb64>/<token>/", portal.ExpertWelcomeView.as_view(), name="expert-welcome"),
    path("me/", portal.expert_home, name="expert-home"),
    path("me/profile/", portal.my_profile, name="my-profile"),
    path("me/unavailability/<int:pk>/delete/", portal.unavailability_delete, name="my-unavailability-delete"),
    # Trainings delivered at home: the expert's reports, and the coordinators' review.
    path("me/reports/", home_trainings.my_reports, name="my-home-trainings"),
    path("me/reports/new/", home_trainings.report_create, name="my-home-training-create"),
    path("me/reports/template/<str:language>.<str:fmt>", home_trainings.participants_template,
         name="my-home-training-template"),
    path("me/reports/<int:pk>/", home_trainings.my_report, name="my-home-training"),
    path("me/reports/<int:pk>/edit/", home_trainings.report_edit, name="my-home-training-edit"),
    path("me/reports/<int:pk>/submit/", home_trainings.report_submit, name="my-home-training-submit"),
    path("me/reports/<int:pk>/participants/", home_trainings.participants_upload,
         name="my-home-training-import"),
    path("me/reports/<int:pk>/participants/resolve/", home_trainings.participants_resolve,
         name="my-home-training-import-resolve"),
    path("me/reports/<int:pk>/participants/commit/", home_trainings.participants_commit,
         name="my-home-training-import-commit"),
    path("me/reports/<int:pk>/participants/<int:participant>/remove/", home_trainings.participant_remove,
         name="my-home-training-participant-remove"),
    path("home-trainings/", home_trainings.report_list, name="home-training-list"),
    path("home-trainings/<int:pk>/", home_trainings.report_review, name="home-training-review"),
    path("home-trainings/<int:pk>/certificates/", home_trainings.report_certificates,
         name="home-training-certificates"),
    path("review/", review.review_queue, name="review-queue"),
    path("proposals/<int:pk>/decide/", review.proposal_decide, name="proposal-decide"),
]
