from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from stce.dashboards import views as dashboards
from stce.views import core, people, verify

handler404 = "stce.views.core.page_not_found"
handler403 = "stce.views.core.permission_denied"

stce_patterns = (
    [
        path("people/", people.person_list, name="person-list"),
        path("people/new/", people.person_create, name="person-create"),
        path("people/<int:pk>/", people.person_detail, name="person-detail"),
        path("people/<int:pk>/edit/", people.person_edit, name="person-edit"),
        path("dashboards/gender/", dashboards.gender_dashboard, name="dashboard-gender"),
        path("dashboards/programme/", dashboards.programme_dashboard, name="dashboard-programme"),
        path(
            "dashboards/<str:dashboard>/tables/<slug:table>.<str:fmt>", dashboards.export_table,
            name="dashboard-export",
        ),
    ],
    "stce",
)

urlpatterns = [
    path("", core.home, name="home"),
    path("healthz", core.healthz, name="healthz"),
    path("verify/", verify.verify_lookup, name="verify-lookup"),
    path("verify/<str:code>/", verify.verify, name="verify"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include(stce_patterns)),
    path("courses/", include("courses.urls")),
    path("accreditation/", include("accreditation.urls")),
]

