from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reporting"
    verbose_name = _("Reporting")

    def ready(self):
        from django.db.models.signals import post_migrate, pre_migrate

        from reporting import messages
        from reporting.recount import ensure_triggers, suspend_triggers

        messages.register()

        # The dashboard triggers are set aside while migrations run (SQLite cannot rebuild a
        # table that a trigger names) and put back, with a recount, once they are done.
        pre_migrate.connect(suspend_triggers, sender=self, dispatch_uid="reporting_triggers_off")
        post_migrate.connect(ensure_triggers, sender=self, dispatch_uid="reporting_triggers_on")
