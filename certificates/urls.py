from django.urls import path

from certificates.views import registry

app_name = "certificates"

urlpatterns = [
    path("", registry.certificate_list, name="certificate-list"),
    path("preview/", registry.certificate_preview, name="certificate-preview"),
    path("<int:pk>/", registry.certificate_detail, name="certificate-detail"),
    path("<int:pk>/pdf/", registry.certificate_pdf_download, name="certificate-pdf"),
    path("<int:pk>/revoke/", registry.certificate_revoke, name="certificate-revoke"),
    path("<int:pk>/reissue/", registry.certificate_reissue, name="certificate-reissue"),
    path("<int:pk>/send/", registry.certificate_send, name="certificate-send"),
    path("events/<int:event_pk>/", registry.event_certificates, name="certificate-event"),
    path(
        "events/<int:event_pk>/people/<int:person_pk>/issue/", registry.issue_one,
        name="certificate-issue",
    ),
    path("events/<int:event_pk>/zip/", registry.event_certificates_zip, name="certificate-event-zip"),
    path("events/<int:event_pk>/pdf/", registry.event_certificates_pdf, name="certificate-event-pdf"),
    path("events/<int:event_pk>/send/", registry.event_certificates_send, name="certificate-event-send"),
]
