"""The sections courses adds to the person page: training history, roles on events, merges."""

from django.utils.translation import gettext_lazy as _

from courses.models import PersonMerge
from people.sections import PersonAction, PersonSection, register_action, register_section


def _roles(request, person) -> dict:
    return {
        "assignments": person.assignments.select_related("event__host_country").order_by("-event__start_date")
    }


def _merges(request, person) -> dict:
    return {"merges": PersonMerge.objects.filter(kept=person).select_related("merged_by")}


def register() -> None:
    register_section(PersonSection("training-history", "courses/includes/person_training_history.html", 10))
    register_section(PersonSection("roles", "courses/includes/person_roles.html", 20, _roles))
    register_section(PersonSection("merges", "courses/includes/person_merges.html", 90, _merges))
    register_action(
        PersonAction(
            "merge", _("Merge a duplicate into this record"), "courses:person-merge", 10,
            shown=lambda request, person: not person.is_erased,
        )
    )
