from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from certificates import event_page, messages, person_page, todo
        from certificates.erasure import scrub_erased_holder
        from people.privacy import person_erased

        person_erased.connect(scrub_erased_holder, dispatch_uid="certificates_erased_holder")
        person_page.register()
        messages.register()
        todo.register_items()
        event_page.register()
