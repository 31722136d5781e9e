from django.urls import path

from . import views

app_name = "nominations"

urlpatterns = [
    path("events/<int:pk>/", views.event_nominations, name="event"),
    path(
        "events/<int:pk>/<int:nomination_pk>/<slug:decision>/", views.decide, name="decide",
    ),
    path("mine/", views.focal_home, name="focal-home"),
    path("mine/events/<int:pk>/", views.focal_event, name="focal-event"),
    path("letters/<int:nomination_pk>/", views.letter, name="letter"),
]
