from django.urls import path

from . import imports, participant, views

app_name = "nominations"

urlpatterns = [
    path("events/<int:pk>/", views.event_nominations, name="event"),
    path(
        "events/<int:pk>/<int:nomination_pk>/<slug:decision>/",
        views.decide,
        name="decide",
    ),
    path("mine/", views.focal_home, name="focal-home"),
    path("mine/events/<int:pk>/", views.focal_event, name="focal-event"),
    path("mine/invitations/<int:pk>/import/", imports.focal_import, name="focal-import"),
    path(
        "mine/invitations/<int:pk>/import/resolve/",
        imports.focal_import_resolve,
        name="focal-import-resolve",
    ),
    path("mine/invitations/<int:pk>/import/commit/", imports.focal_import_commit, name="focal-import-commit"),
    path(
        "mine/import-template/<str:language>.<str:fmt>",
        imports.focal_import_template,
        name="focal-import-template",
    ),
    path("letters/<int:nomination_pk>/", views.letter, name="letter"),
    path("p/new-link/", participant.request_link, name="participant-new-link"),
    path("p/<str:token>/", participant.participant_page, name="participant"),
    path(
        "p/<str:token>/certificates/<int:certificate_pk>/",
        participant.participant_certificate,
        name="participant-certificate",
    ),
]
