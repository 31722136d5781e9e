from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "stce"
    verbose_name = _("STCE programme")

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate, pre_migrate

        import stce.language  # noqa: F401  (connects the sign-in language receiver)
        from stce.dashboards.recount import ensure_triggers, suspend_triggers
        from stce.signals import sync_role_permissions, use_sqlite_variable_limit

        # post_migrate fires once per app, after that app's permissions are created; syncing
        # on each keeps the roles complete whichever app migrates last.
        post_migrate.connect(sync_role_permissions, dispatch_uid="stce_role_perms")
        connection_created.connect(use_sqlite_variable_limit, dispatch_uid="stce_sqlite_limit")
        # The dashboard triggers are set aside while migrations run (SQLite cannot rebuild a
        # table that a trigger names) and put back, with a recount, once they are done.
        pre_migrate.connect(suspend_triggers, sender=self, dispatch_uid="stce_figure_triggers_off")
        post_migrate.connect(ensure_triggers, sender=self, dispatch_uid="stce_figure_triggers")
