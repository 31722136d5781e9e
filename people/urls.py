from django.urls import path

from people.views import audit, lockouts, people, privacy, twofactor

app_name = "people"

urlpatterns = [
    path("people/", people.person_list, name="person-list"),
    path("people/new/", people.person_create, name="person-create"),
    path("people/<int:pk>/", people.person_detail, name="person-detail"),
    path("people/<int:pk>/edit/", people.person_edit, name="person-edit"),
    path("people/<int:pk>/export.json", privacy.person_export_as_json, name="person-export-json"),
    path("people/<int:pk>/export.pdf", privacy.person_export_as_pdf, name="person-export-pdf"),
    path("people/<int:pk>/erase/", privacy.person_erase, name="person-erase"),
    path("audit/", audit.audit_log, name="audit-log"),
    path("audit/<str:app_label>/<str:model_name>/<str:pk>/", audit.object_history, name="audit-object"),
    path("security/lockouts/", lockouts.lockout_list, name="lockout-list"),
    path("accounts/two-factor/", twofactor.verify, name="two-factor-verify"),
    path("accounts/two-factor/setup/", twofactor.setup, name="two-factor-setup"),
    path("accounts/two-factor/recovery-codes/", twofactor.recovery_codes, name="two-factor-recovery-codes"),
]
