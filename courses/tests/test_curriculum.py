import pytest
from django.urls import reverse

from courses.models import Module


@pytest.fixture
def modules(db):
    return [
        Module.objects.create(code="STCE-01", title="Definition and importance of STCE", hours=2),
        Module.objects.create(code="STCE-07", title="Strategic Trade Atlas", hours=3),
        Module.objects.create(code="OLD-01", title="Old dual-use overview", active=False),
    ]


def test_list_shows_active_modules_by_default(coordinator_client, modules):
    content = coordinator_client.get(reverse("courses:module-list")).content.decode()
    assert "STCE-01" in content and "STCE-07" in content and "OLD-01" not in content


def test_list_can_show_retired_modules(coordinator_client, modules):
    content = coordinator_client.get(reverse("courses:module-list"), {"status": "retired"}).content.decode()
    assert "OLD-01" in content and "STCE-01" not in content


def test_search_matches_title(trainer_client, modules):
    content = trainer_client.get(reverse("courses:module-list"), {"q": "atlas"}).content.decode()
    assert "STCE-07" in content and "STCE-01" not in content


def test_sorting_by_hours_descending(coordinator_client, modules):
    page = coordinator_client.get(reverse("courses:module-list"), {"sort": "-hours"}).context["page_obj"]
    assert [m.code for m in page] == ["STCE-07", "STCE-01"]


def test_list_query_count_is_fixed(coordinator_client, modules, django_assert_max_num_queries):
    for i in range(40):
        Module.objects.create(code=f"X-{i:02d}", title=f"Extra {i}")
    with django_assert_max_num_queries(6):
        coordinator_client.get(reverse("courses:module-list"))


def test_coordinator_adds_a_module(coordinator_client):
    response = coordinator_client.post(reverse("courses:module-create"), {
        "code": "stce-20", "title": "Investigation and prosecution", "topic_area": "enforcement",
        "hours": "3.0", "summary": "", "learning_objectives": "Build a case\nWork with prosecutors",
        "active": "on",
    })
    module = Module.objects.get(code="STCE-20")
    assert response["Location"] == module.get_absolute_url()
    assert module.objectives_list == ["Build a case", "Work with prosecutors"]


def test_duplicate_code_is_refused_with_a_message(coordinator_client, modules):
    response = coordinator_client.post(reverse("courses:module-create"), {
        "code": "STCE-01", "title": "Copy", "topic_area": "foundations", "hours": "1",
    })
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert Module.objects.filter(code="STCE-01").count() == 1


def test_zero_hours_are_refused(coordinator_client):
    response = coordinator_client.post(reverse("courses:module-create"), {
        "code": "Z-1", "title": "Zero", "topic_area": "foundations", "hours": "0",
    })
    assert response.status_code == 200
    assert not Module.objects.filter(code="Z-1").exists()


def test_retiring_asks_first_then_keeps_the_module(coordinator_client, modules):
    module = modules[0]
    confirm = coordinator_client.get(reverse("courses:module-retire", args=[module.pk]))
    assert "Retire" in confirm.content.decode()
    module.refresh_from_db()
    assert module.active
    coordinator_client.post(reverse("courses:module-retire", args=[module.pk]))
    module.refresh_from_db()
    assert not module.active
    coordinator_client.post(reverse("courses:module-reactivate", args=[module.pk]))
    module.refresh_from_db()
    assert module.active


def test_trainer_sees_no_edit_buttons(trainer_client, modules):
    content = trainer_client.get(reverse("courses:module-detail", args=[modules[0].pk])).content.decode()
    assert reverse("courses:module-edit", args=[modules[0].pk]) not in content


def test_coordinator_saves_translations_with_the_module(coordinator_client, modules):
    module = modules[0]
    response = coordinator_client.post(reverse("courses:module-edit", args=[module.pk]), {
        "code": module.code, "title": module.title, "topic_area": "foundations", "hours": "2", "active": "on",
        "tr-fr-title": "Définition et importance du CCES", "tr-fr-summary": "",
        "tr-es-title": "", "tr-es-summary": "", "tr-ru-title": "Определение", "tr-ru-summary": "Кратко",
    })
    assert response.status_code == 302
    assert module.localised("fr").title == "Définition et importance du CCES"
    assert module.localised("ru").summary == "Кратко"
    assert module.localised("es") == (module.title, module.summary, "en", True)


def test_a_translated_summary_without_a_title_is_refused(coordinator_client, modules):
    module = modules[0]
    response = coordinator_client.post(reverse("courses:module-edit", args=[module.pk]), {
        "code": module.code, "title": module.title, "topic_area": "foundations", "hours": "2", "active": "on",
        "tr-fr-title": "", "tr-fr-summary": "Résumé",
    })
    assert response.status_code == 200
    assert not module.translations.exists()


def test_missing_translation_falls_back_to_english_marked_for_coordinators(persona_client, modules):
    from courses.models import ModuleTranslation

    coordinator_client, trainer_client = persona_client("coordinator"), persona_client("trainer")
    ModuleTranslation.objects.create(module=modules[0], language="fr", title="Définition du CCES")
    coordinator_client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    content = coordinator_client.get(reverse("courses:module-list")).content.decode()
    assert "Définition du CCES" in content
    assert "Strategic Trade Atlas" in content  # STCE-07 has no French title: English stands in
    assert content.count("badge text-bg-warning") == 1
    trainer_client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert "badge text-bg-warning" not in trainer_client.get(reverse("courses:module-list")).content.decode()
