"""The person page's section on the trainings delivered at home that the person took part in."""

from people.sections import PersonSection, register_section


def _home_trainings(request, person) -> dict:
    from accreditation.models import HomeTrainingParticipant

    participations = (
        HomeTrainingParticipant.objects.filter(person=person)
        .select_related("home_training__expert__person", "home_training__country")
        .order_by("-home_training__start_date", "-pk")
    )
    return {"home_training_participations": list(participations[:50])}


def register() -> None:
    register_section(
        PersonSection(
            "home-trainings", "accreditation/includes/person_home_trainings.html", 15, _home_trainings
        )
    )
