from django.urls import path

from background import views

app_name = "background"

urlpatterns = [
    path("jobs/<uuid:pk>/", views.job_page, name="job"),
    path("jobs/<uuid:pk>.json", views.job_json, name="job-json"),
]
