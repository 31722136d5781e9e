from django.urls import path

from reporting import views

app_name = "reporting"

urlpatterns = [
    path("gender/", views.gender_dashboard, name="dashboard-gender"),
    path("programme/", views.programme_dashboard, name="dashboard-programme"),
    path("<str:dashboard>/tables/<slug:table>.<str:fmt>", views.export_table, name="dashboard-export"),
]
