from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from certificates.views import verify
from stce import language
from stce.views import core

handler404 = "stce.views.core.page_not_found"
handler403 = "stce.views.core.permission_denied"

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
    path("i18n/setlang/", language.set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("", include("people.urls")),
    path("", include("background.urls")),
    path("mail/", include("mailing.urls")),
    path("certificates/", include("certificates.urls")),
    path("dashboards/", include("reporting.urls")),
    path("courses/", include("courses.urls")),
    path("frameworks/", include("frameworks.urls")),
    path("evaluation/", include("evaluation.urls")),
    path("accreditation/", include("accreditation.urls")),
    path("nominations/", include("nominations.urls")),
]
