from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StceConfig(AppConfig):
    """The project itself: configuration, middleware, home page and operations commands
    (backup, restore, seed_demo). It holds no models."""

    name = "stce"
    verbose_name = _("STCE programme")

    def ready(self):
        from django.db.backends.signals import connection_created

        import stce.checks  # noqa: F401  (registers the system checks)
        import stce.language  # noqa: F401  (connects the sign-in language receiver)
        from stce.database import use_sqlite_variable_limit

        connection_created.connect(use_sqlite_variable_limit, dispatch_uid="stce_sqlite_limit")
