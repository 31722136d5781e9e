from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailingConfig(AppConfig):
    name = "mailing"
    verbose_name = _("E-mail")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from mailing import person_page
        from mailing.erasure import scrub_erased_recipient
        from people.privacy import person_erased

        person_erased.connect(scrub_erased_recipient, dispatch_uid="mailing_erased_recipient")
        person_page.register()
