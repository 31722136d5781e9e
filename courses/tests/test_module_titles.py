"""Curriculum module titles and summaries in the interface language: the French title where
the module has one, the English marked as English (lang="en" and an "EN" badge) where not,
on every page that shows modules."""

import datetime

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from courses.models import ModuleTranslation
from courses.services.agenda_builder import build_standard_agenda
from courses.services.personal_links import personal_url
from courses.tests.factories import ModuleFactory, TrainingEventFactory

pytestmark = pytest.mark.django_db

MARKED = '<span lang="en">Strategic Trade Atlas</span> <span class="badge text-bg-light border fw-normal"'


@pytest.fixture
def modules():
    translated = ModuleFactory(
        code="T-01", title="Definition and importance of STCE", summary="Why it matters.", hours=2
    )
    ModuleTranslation.objects.create(
        module=translated,
        language="fr",
        title="Définition et importance du STCE",
        summary="Pourquoi c’est important.",
    )
    untranslated = ModuleFactory(
        code="T-02", title="Strategic Trade Atlas", summary="The atlas.\nOnline.", hours=2
    )
    return translated, untranslated


@pytest.fixture
def event(modules):
    event = TrainingEventFactory(start_date=datetime.date(2027, 3, 1), end_date=datetime.date(2027, 3, 2))
    build_standard_agenda(event=event, modules=list(modules))
    return event


def _french(client):
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    return client


def test_the_filters_show_the_translation_or_the_english_marked(modules):
    translated, untranslated = modules
    template = Template(
        "{% load curriculum %}{{ a|module_title }}|{{ b|module_title }}|{{ b|module_summary }}"
    )
    with translation.override("fr"):
        text = template.render(Context({"a": translated, "b": untranslated}))
    title_a, title_b, summary_b = text.split("|")
    assert title_a == "Définition et importance du STCE"
    assert title_b.startswith(MARKED)
    assert summary_b.startswith('<span lang="en">The atlas.<br>Online.</span>')
    with translation.override("en"):
        assert template.render(Context({"a": translated, "b": untranslated})).startswith(
            "Definition and importance of STCE|Strategic Trade Atlas|The atlas.<br>Online."
        )


def test_a_title_translated_without_its_summary_marks_the_summary_only(modules):
    translated, _untranslated = modules
    ModuleTranslation.objects.filter(module=translated).update(summary="")
    template = Template("{% load curriculum %}{{ m|module_title }}|{{ m|module_summary }}")
    with translation.override("fr"):
        title, summary = template.render(Context({"m": translated})).split("|")
    assert title == "Définition et importance du STCE"
    assert summary.startswith('<span lang="en">Why it matters.</span>')


def test_curriculum_list_and_module_pages_in_french(coordinator_client, modules):
    translated, untranslated = modules
    client = _french(coordinator_client)
    listing = client.get(reverse("courses:module-list")).content.decode()
    assert "Définition et importance du STCE" in listing and MARKED in listing
    detail = client.get(reverse("courses:module-detail", args=[translated.pk])).content.decode()
    assert "Définition et importance du STCE" in detail and "Pourquoi c’est important." in detail
    detail = client.get(reverse("courses:module-detail", args=[untranslated.pk])).content.decode()
    assert MARKED in detail and '<span lang="en">The atlas.<br>Online.</span>' in detail


def test_agenda_and_event_pages_in_french(coordinator_client, event):
    client = _french(coordinator_client)
    for url in (reverse("courses:agenda", args=[event.pk]), event.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "Définition et importance du STCE" in page, url
        assert MARKED in page, url
        assert "Definition and importance of STCE" not in page, url


def test_the_add_modules_form_labels_modules_in_french(coordinator_client, event, modules):
    ModuleFactory(code="T-03", title="Risk management")
    page = (
        _french(coordinator_client).get(reverse("courses:agenda-modules", args=[event.pk])).content.decode()
    )
    assert "T-03 Risk management [EN]" in page
    assert "lundi 1er mars 2027" in page


def test_the_participants_own_page_in_french(client, event):
    from courses.tests.factories import EnrolmentFactory

    enrolment = EnrolmentFactory(event=event, person__preferred_language="fr")
    event.status = event.Status.CONFIRMED
    event.save()
    page = _french(client).get(personal_url(event, enrolment.person)).content.decode()
    assert "Définition et importance du STCE" in page and MARKED in page


def test_joining_instructions_list_the_modules_in_the_recipients_language(event):
    from courses.services.joining import event_details, event_with_agenda

    with translation.override("fr"):
        details = event_details(event_with_agenda(event))
    assert "Définition et importance du STCE" in details and "Strategic Trade Atlas" in details
    assert "Definition and importance of STCE" not in details
