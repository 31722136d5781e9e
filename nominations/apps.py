from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NominationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "nominations"
    verbose_name = _("Nominations")

    def ready(self):
        from courses.information_note import register_section
        from nominations import messages, note, privacy
        from people.privacy import person_erased, register_export

        messages.register()
        register_section(note.note_section)
        register_export("nominations", privacy.export)
        person_erased.connect(privacy.scrub_erased_nominee, dispatch_uid="nominations_erased_nominee")
