from django.urls import path

from evaluation.views import bank, event, participant

app_name = "evaluation"

urlpatterns = [
    path("bank/", bank.bank, name="bank"),
    path("bank/modules/<int:pk>/", bank.module_questions, name="module-questions"),
    path("bank/modules/<int:pk>/new/", bank.question_create, name="question-create"),
    path("bank/questions/<int:pk>/edit/", bank.question_edit, name="question-edit"),
    path("bank/questions/<int:pk>/active/", bank.question_active, name="question-active"),
    path("events/<int:pk>/", event.event_evaluation, name="event"),
    path("events/<int:pk>/fix-test/", event.fix_event_test, name="fix-test"),
    path(
        "events/<int:pk>/feedback/<int:question_pk>/remove/",
        event.feedback_question_remove,
        name="feedback-question-remove",
    ),
    path("events/<int:pk>/results/", event.results, name="results"),
    path("events/<int:pk>/room/", event.room, name="room"),
    path("p/<str:token>/", participant.overview, name="overview"),
    path("p/<str:token>/<str:kind>/review/", participant.review, name="review"),
    path("p/<str:token>/<str:kind>/<int:number>/", participant.step, name="step"),
]
