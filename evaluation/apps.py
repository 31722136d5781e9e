from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "evaluation"
    verbose_name = _("Evaluation")

    def ready(self):
        # courses may not import this app: the Information Note and the event page's checklist
        # hear about it through their registries.
        from evaluation import checklist, note

        note.register()
        checklist.register()
