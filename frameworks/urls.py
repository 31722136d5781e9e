from django.urls import path

from frameworks import partner_report, views

app_name = "frameworks"

urlpatterns = [
    path("paragraphs/", views.paragraph_list, name="paragraph-list"),
    path("paragraphs/new/", views.paragraph_create, name="paragraph-create"),
    path("paragraphs/<int:pk>/edit/", views.paragraph_edit, name="paragraph-edit"),
    path("events/<int:pk>/", views.event_frameworks, name="event-frameworks"),
    path("events/<int:pk>/funding/<int:source_pk>/remove/", views.funding_remove, name="funding-remove"),
    path("partners/", partner_report.partner_list, name="partner-list"),
    path("partners/<int:pk>/report/", partner_report.partner_report, name="partner-report"),
]
