from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackgroundConfig(AppConfig):
    name = "background"
    verbose_name = _("Background work")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from background import retry
        from background.erasure import forget_erased_person
        from people.privacy import person_erased

        retry.connect()
        person_erased.connect(forget_erased_person, dispatch_uid="background_erased_person")
