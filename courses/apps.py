from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "courses"
    verbose_name = _("Courses and trainings")

    def ready(self):
        from django.db.models.signals import post_save, pre_save

        from courses import messages, person_page, todo
        from courses.models import TrainingEvent
        from courses.services.attendance import lock_when_completed, write_lock_after_save

        pre_save.connect(lock_when_completed, sender=TrainingEvent, dispatch_uid="attendance_lock")
        post_save.connect(write_lock_after_save, sender=TrainingEvent, dispatch_uid="attendance_lock")
        from courses.erasure import scrub_erased_person
        from people.privacy import person_erased

        person_erased.connect(scrub_erased_person, dispatch_uid="courses_erased_person")
        person_page.register()
        messages.register()
        todo.register_items()
