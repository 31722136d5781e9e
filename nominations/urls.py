from django.urls import path

from . import participant, views

app_name = "nominations"

urlpatterns = [
    path("events/<int:pk>/", views.event_nominations, name="event"),
    path(
        "events/<int:pk>/<int:nomination_pk>/<slug:decision>/", views.decide, name="decide",
    ),
    path("mine/", views.focal_home, name="focal-home"),
    path("mine/events/<int:pk>/", views.focal_event, name="focal-event"),
    path("letters/<int:nomination_pk>/", views.letter, name="letter"),
    path("p/new-link/", participant.request_link, name="participant-new-link"),
    path("p/<str:token>/", participant.participant_page, name="participant"),
    path(
        "p/<str:token>/certificates/<int:certificate_pk>/", participant.participant_certificate,
        name="participant-certificate",
    ),
]
