from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "stce"
    verbose_name = _("STCE programme")

    def ready(self):
        from django.db.models.signals import post_migrate

        from stce.dashboards.triggers import ensure_triggers
        from stce.signals import sync_role_permissions

        # post_migrate fires once per app, after that app's permissions are created; syncing
        # on each keeps the roles complete whichever app migrates last.
        post_migrate.connect(sync_role_permissions, dispatch_uid="stce_role_perms")
        # SQLite drops a table's triggers when a migration rebuilds the table: put them back.
        post_migrate.connect(ensure_triggers, sender=self, dispatch_uid="stce_figure_triggers")
