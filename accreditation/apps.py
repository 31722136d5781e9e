from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccreditationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accreditation"
    verbose_name = _("Accreditation")

    def ready(self):
        from accreditation import messages, person_page, todo
        from accreditation.services.experts import forget_erased_experts_profile
        from accreditation.standing import accreditation_standing
        from certificates.models import Certificate
        from certificates.standing import register_standing
        from people.privacy import person_erased

        person_erased.connect(forget_erased_experts_profile, dispatch_uid="accreditation_forget_profile")
        register_standing(Certificate.Kind.ACCREDITATION, accreditation_standing)
        messages.register()
        todo.register_items()
        person_page.register()
