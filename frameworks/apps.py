from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrameworksConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "frameworks"
    verbose_name = _("Frameworks and funding")

    def ready(self):
        # courses may not import this app: the Information Note hears about it through its registry.
        from courses.information_note import register_section
        from frameworks import note

        register_section(note.note_section)
