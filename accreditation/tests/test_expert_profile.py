"""The expert's own profile: languages with a level and topics are theirs; modules change only
when a coordinator accepts the expert's proposal."""

import pytest
from django.test import Client
from django.urls import reverse

from accreditation.models import Expert, ExpertLanguage, ExpertStatus, ModuleProposal
from courses.models import Module
from people.models import Language
from people.tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def expert_client():
    account = UserFactory(username="ace")
    expert = Expert.objects.create(person=PersonFactory(user=account), status=ExpertStatus.ACCREDITED)
    client = Client()
    client.force_login(account)
    return client, expert


def _languages():
    english, _ = Language.objects.get_or_create(code="en", defaults={"name": "English"})
    russian, _ = Language.objects.get_or_create(code="ru", defaults={"name": "Russian"})
    return english, russian


def test_languages_with_levels_and_topics_are_saved_and_find_trainers_reads_them(expert_client):
    client, expert = expert_client
    english, russian = _languages()
    response = client.post(reverse("accreditation:my-profile-details"), {
        "level_en": "native", "level_ru": "working", "topics": "Licensing, investigations",
    })
    assert response.status_code == 302
    levels = {row.language_id: row.level for row in ExpertLanguage.objects.filter(expert=expert)}
    assert levels == {"en": "native", "ru": "working"}
    expert.refresh_from_db()
    assert set(expert.languages.all()) == {english, russian} and expert.topics == "Licensing, investigations"
    assert Expert.objects.filter(languages=russian).filter(pk=expert.pk).exists()

    client.post(reverse("accreditation:my-profile-details"), {"level_en": "native", "topics": ""})
    assert list(expert.languages.all()) == [english]
    assert not ExpertLanguage.objects.filter(expert=expert, language=russian).exists()


def test_modules_are_proposed_and_change_only_when_a_coordinator_accepts(expert_client, coordinator_client):
    client, expert = expert_client
    taught = Module.objects.create(code="T-01", title="Definition and importance of STCE")
    new = Module.objects.create(code="T-02", title="International framework")
    expert.modules.add(taught)

    client.post(reverse("accreditation:my-profile-details"), {"modules": [new.pk], "topics": ""})
    assert set(expert.modules.all()) == {taught}  # nothing changes yet
    proposals = {(p.module.code, p.change) for p in ModuleProposal.objects.filter(status="pending")}
    assert proposals == {("T-01", "remove"), ("T-02", "add")}
    # Saving again does not propose the same changes twice.
    client.post(reverse("accreditation:my-profile-details"), {"modules": [new.pk], "topics": ""})
    assert ModuleProposal.objects.count() == 2

    detail = coordinator_client.get(expert.get_absolute_url()).text
    assert 'id="module-proposals"' in detail
    add = ModuleProposal.objects.get(module=new)
    remove = ModuleProposal.objects.get(module=taught)
    url = "accreditation:module-proposal-decide"
    coordinator_client.post(reverse(url, args=[expert.pk, add.pk]), {"decision": "accept"})
    coordinator_client.post(reverse(url, args=[expert.pk, remove.pk]), {"decision": "refuse"})
    assert set(expert.modules.all()) == {taught, new}
    add.refresh_from_db()
    assert add.status == "accepted" and add.decided_by is not None
    # Deciding twice changes nothing.
    coordinator_client.post(reverse(url, args=[expert.pk, remove.pk]), {"decision": "accept"})
    assert set(expert.modules.all()) == {taught, new}


def test_a_proposal_is_decided_only_on_its_own_experts_page(expert_client, coordinator_client):
    client, expert = expert_client
    other = Expert.objects.create(person=PersonFactory(), status=ExpertStatus.ACCREDITED)
    module = Module.objects.create(code="T-03", title="Licensing")
    client.post(reverse("accreditation:my-profile-details"), {"modules": [module.pk], "topics": ""})
    proposal = ModuleProposal.objects.get()
    url = reverse("accreditation:module-proposal-decide", args=[other.pk, proposal.pk])
    assert coordinator_client.post(url, {"decision": "accept"}).status_code == 404
    assert not expert.modules.exists()
