from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from stce import language
from stce.dashboards import views as dashboards
from stce.views import audit, certificates, core, lockouts, people, privacy, verify

handler404 = "stce.views.core.page_not_found"
handler403 = "stce.views.core.permission_denied"

stce_patterns = (
    [
        path("people/", people.person_list, name="person-list"),
        path("people/new/", people.person_create, name="person-create"),
        path("people/<int:pk>/", people.person_detail, name="person-detail"),
        path("people/<int:pk>/edit/", people.person_edit, name="person-edit"),
        path("people/<int:pk>/merge/", people.person_merge, name="person-merge"),
        path("certificates/", certificates.certificate_list, name="certificate-list"),
        path("certificates/preview/", certificates.certificate_preview, name="certificate-preview"),
        path("certificates/<int:pk>/", certificates.certificate_detail, name="certificate-detail"),
        path("certificates/<int:pk>/pdf/", certificates.certificate_pdf_download, name="certificate-pdf"),
        path("certificates/<int:pk>/revoke/", certificates.certificate_revoke, name="certificate-revoke"),
        path("certificates/<int:pk>/reissue/", certificates.certificate_reissue, name="certificate-reissue"),
        path("certificates/<int:pk>/send/", certificates.certificate_send, name="certificate-send"),
        path(
            "certificates/events/<int:event_pk>/", certificates.event_certificates, name="certificate-event"
        ),
        path(
            "certificates/events/<int:event_pk>/people/<int:person_pk>/issue/", certificates.issue_one,
            name="certificate-issue",
        ),
        path(
            "certificates/events/<int:event_pk>/zip/", certificates.event_certificates_zip,
            name="certificate-event-zip",
        ),
        path(
            "certificates/events/<int:event_pk>/pdf/", certificates.event_certificates_pdf,
            name="certificate-event-pdf",
        ),
        path(
            "certificates/events/<int:event_pk>/send/", certificates.event_certificates_send,
            name="certificate-event-send",
        ),
        path("people/<int:pk>/export.json", privacy.person_export_as_json, name="person-export-json"),
        path("people/<int:pk>/export.pdf", privacy.person_export_as_pdf, name="person-export-pdf"),
        path("people/<int:pk>/erase/", privacy.person_erase, name="person-erase"),
        path("audit/", audit.audit_log, name="audit-log"),
        path("security/lockouts/", lockouts.lockout_list, name="lockout-list"),
        path("audit/<str:app_label>/<str:model_name>/<str:pk>/", audit.object_history, name="audit-object"),
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
    path("i18n/setlang/", language.set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("", include(stce_patterns)),
    path("courses/", include("courses.urls")),
    path("accreditation/", include("accreditation.urls")),
]

