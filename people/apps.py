from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "people"
    verbose_name = _("People and reference data")

    def ready(self):
        from axes.signals import user_locked_out
        from django.db.models.signals import post_migrate

        from people.lockouts import remember_lockout
        from people.signals import sync_role_permissions

        # post_migrate fires once per app, after that app's permissions are created; syncing
        # on each keeps the roles complete whichever app migrates last.
        post_migrate.connect(sync_role_permissions, dispatch_uid="people_role_perms")
        # With the cache handler, axes keeps nothing an administrator could list.
        user_locked_out.connect(remember_lockout, dispatch_uid="people_remember_lockout")
