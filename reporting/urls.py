from django.urls import path

from reporting import report_views, schedule_views, views

app_name = "reporting"

urlpatterns = [
    path("gender/", views.gender_dashboard, name="dashboard-gender"),
    path("programme/", views.programme_dashboard, name="dashboard-programme"),
    path("reports/donor/", report_views.donor_report_view, name="donor-report"),
    path("reports/programme/", report_views.programme_report_view, name="programme-report"),
    path("reports/scheduled/", schedule_views.scheduled_report_list, name="scheduled-report-list"),
    path(
        "reports/scheduled/<int:pk>/stop/", schedule_views.scheduled_report_stop, name="scheduled-report-stop"
    ),
    path("reports/produced/<int:pk>.<str:fmt>", schedule_views.produced_report_download,
         name="produced-report-download"),
    path("<str:dashboard>/tables/<slug:table>.<str:fmt>", views.export_table, name="dashboard-export"),
]
