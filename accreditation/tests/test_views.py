"""The expert directory, the expert page, the review queue and the back office."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from accreditation.models import Decision, EvaluationResult, Expert, ExpertStatus, Proposal
from accreditation.services.decisions import decide_proposal, propose_step
from accreditation.services.evidence import record_workshop_result
from accreditation.tests.factories import ExpertFactory, WorkshopFactory
from accreditation.views.directory import filters_for_event
from courses.models import Module, TrainerAssignment, TrainingEvent
from courses.tests.factories import TrainerAssignmentFactory, TrainingEventFactory
from people.models import Country, Gender, Language, Region
from people.tests.factories import PersonFactory

S = ExpertStatus
LIST = reverse("accreditation:expert-list")


@pytest.fixture
def places(db):
    europe = Region.objects.create(code="EUR", name="Europe")
    americas = Region.objects.create(code="AMC", name="Americas and Caribbean")
    return {
        "BE": Country.objects.create(code="BE", name="Belgium", region=europe),
        "CL": Country.objects.create(code="CL", name="Chile", region=americas),
        "en": Language.objects.create(code="en", name="English"),
        "es": Language.objects.create(code="es", name="Spanish"),
    }


def make_expert(name, *, country, languages=(), status=S.ACCREDITED, gender=Gender.FEMALE, modules=(),
                valid_until=datetime.date(2024, 1, 1)):
    expert = ExpertFactory(
        person=PersonFactory(family_name=name, country=country, gender=gender), status=status,
        accredited_on=datetime.date(2020, 1, 1) if status == S.ACCREDITED else None,
        valid_until=valid_until if status == S.ACCREDITED else None,
    )
    expert.languages.set(languages)
    expert.modules.set(modules)
    return expert


def names(response) -> list[str]:
    return [e.person.family_name for e in response.context["page_obj"]]


def test_directory_lists_accredited_and_pre_accredited_experts_by_default(coordinator_client, places):
    make_expert("Alvarez", country=places["CL"])
    make_expert("Bernard", country=places["BE"], status=S.PRE_ACCREDITED)
    make_expert("Claes", country=places["BE"], status=S.NOMINATED)
    assert names(coordinator_client.get(LIST)) == ["Alvarez", "Bernard"]
    assert "Claes" in names(coordinator_client.get(LIST, {"status": "all"}))
    assert names(coordinator_client.get(LIST, {"status": "nominated"})) == ["Claes"]


def test_directory_filters_by_language_region_country_module_and_gender(coordinator_client, places):
    module = Module.objects.create(code="STCE-07", title="Strategic Trade Atlas")
    make_expert("Alvarez", country=places["CL"], languages=[places["es"]], gender=Gender.MALE)
    make_expert("Bernard", country=places["BE"], languages=[places["en"], places["es"]], modules=[module])
    assert names(coordinator_client.get(LIST, {"language": "en"})) == ["Bernard"]
    assert names(coordinator_client.get(LIST, {"language": "es"})) == ["Alvarez", "Bernard"]
    assert names(coordinator_client.get(LIST, {"region": "AMC"})) == ["Alvarez"]
    assert names(coordinator_client.get(LIST, {"country": "BE"})) == ["Bernard"]
    assert names(coordinator_client.get(LIST, {"module": module.pk})) == ["Bernard"]
    assert names(coordinator_client.get(LIST, {"gender": "male"})) == ["Alvarez"]


def test_availability_leaves_out_experts_booked_on_an_overlapping_live_event(coordinator_client, places):
    booked = make_expert("Booked", country=places["BE"])
    cancelled_only = make_expert("Cancelled", country=places["BE"])
    elsewhere = make_expert("Elsewhere", country=places["BE"])
    make_expert("Free", country=places["BE"])
    TrainerAssignmentFactory(person=booked.person, event=TrainingEventFactory(
        start_date=datetime.date(2025, 3, 8), end_date=datetime.date(2025, 3, 12)))
    TrainerAssignmentFactory(person=cancelled_only.person, event=TrainingEventFactory(
        start_date=datetime.date(2025, 3, 10), status=TrainingEvent.Status.CANCELLED))
    TrainerAssignmentFactory(person=elsewhere.person, event=TrainingEventFactory(
        start_date=datetime.date(2025, 3, 15), end_date=datetime.date(2025, 3, 19)))
    response = coordinator_client.get(LIST, {"available_from": "2025-03-10", "available_to": "2025-03-14"})
    assert names(response) == ["Cancelled", "Elsewhere", "Free"]


def test_availability_needs_both_dates_in_order(coordinator_client, places):
    make_expert("Alvarez", country=places["CL"])
    response = coordinator_client.get(LIST, {"available_from": "2025-03-10", "available_to": "2025-03-01"})
    assert "The end date is before the start date." in response.content.decode()
    assert names(response) == []


def test_directory_shows_each_experts_last_delivery(coordinator_client, places):
    expert = make_expert("Alvarez", country=places["CL"])
    for start, status in [(datetime.date(2019, 5, 6), "completed"), (datetime.date(2021, 9, 6), "completed"),
                          (datetime.date(2026, 9, 7), "confirmed")]:
        event = TrainingEventFactory(start_date=start, status=status)
        TrainerAssignmentFactory(person=expert.person, event=event)
    response = coordinator_client.get(LIST)
    assert response.context["page_obj"][0].last_delivery == datetime.date(2021, 9, 10)
    assert "10 Sep 2021" in response.content.decode()


def test_directory_sorts_by_last_delivery(coordinator_client, places):
    early, late = make_expert("Early", country=places["BE"]), make_expert("Late", country=places["BE"])
    make_expert("Never", country=places["BE"])
    TrainerAssignmentFactory(person=early.person, event=TrainingEventFactory(
        start_date=datetime.date(2018, 1, 1), status="completed"))
    TrainerAssignmentFactory(person=late.person, event=TrainingEventFactory(
        start_date=datetime.date(2022, 1, 1), status="completed"))
    assert names(coordinator_client.get(LIST, {"sort": "-last_delivery"})) == ["Late", "Early", "Never"]


def test_directory_query_count_does_not_grow_with_experts(
    coordinator_client, places, django_assert_max_num_queries
):
    def add(n):
        for i in range(n):
            expert = make_expert(f"Expert{Expert.objects.count():03d}", country=places["BE"],
                                 languages=[places["en"], places["es"]])
            TrainerAssignmentFactory(person=expert.person, event=TrainingEventFactory(status="completed"))
    add(3)
    with django_assert_max_num_queries(11) as few:  # 11: with the count of declared unavailability
        coordinator_client.get(LIST, {"available_from": "2025-01-01", "available_to": "2025-01-05"})
    add(30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        coordinator_client.get(LIST, {"available_from": "2025-01-01", "available_to": "2025-01-05"})


def test_find_trainers_prefills_the_events_language_region_and_dates(coordinator_client, places):
    event = TrainingEventFactory(region=places["BE"].region, start_date=datetime.date(2025, 6, 2))
    event.languages.set([places["es"]])
    later = datetime.date(2027, 1, 1)
    make_expert("Hispanic", country=places["BE"], languages=[places["es"]], valid_until=later)
    make_expert("Anglo", country=places["BE"], languages=[places["en"]], valid_until=later)
    make_expert("Faraway", country=places["CL"], languages=[places["es"]], valid_until=later)
    response = coordinator_client.get(LIST, {"event": event.pk})
    form = response.context["form"]
    assert form.data.getlist("language") == ["es"] and form.data["region"] == "EUR"
    assert form.data["available_from"] == "2025-06-02" and form.data["available_to"] == "2025-06-06"
    assert names(response) == ["Hispanic"]
    hispanic = Expert.objects.get(person__family_name="Hispanic")
    assert reverse("accreditation:expert-assign", args=[hispanic.pk]) in response.content.decode()


@pytest.fixture
def bilingual_event(places):
    """A training in Brussels taught in English and Spanish, 2-6 June 2025."""
    event = TrainingEventFactory(region=places["BE"].region, start_date=datetime.date(2025, 6, 2))
    event.languages.set([places["en"], places["es"]])
    return event


def test_find_trainers_wants_every_language_of_the_event(coordinator_client, places, bilingual_event):
    later = datetime.date(2027, 1, 1)
    french = Language.objects.create(code="fr", name="French")
    make_expert("Both", country=places["BE"], languages=[places["en"], places["es"]], valid_until=later)
    make_expert("Three", country=places["BE"], languages=[places["en"], places["es"], french],
                valid_until=later)
    make_expert("EnglishOnly", country=places["BE"], languages=[places["en"]], valid_until=later)
    make_expert("SpanishOnly", country=places["BE"], languages=[places["es"]], valid_until=later)
    response = coordinator_client.get(LIST, {"event": bilingual_event.pk})
    assert sorted(response.context["form"].data.getlist("language")) == ["en", "es"]
    assert names(response) == ["Both", "Three"]
    # The languages the event wants are marked in each row, the others are not.
    html = response.content.decode()
    assert html.count('<strong class="wanted-language">English') == 2
    assert html.count('<strong class="wanted-language">Spanish') == 2
    assert "French" in html and '<strong class="wanted-language">French' not in html


def test_find_trainers_leaves_out_accreditations_ending_before_the_last_day(
    coordinator_client, places, bilingual_event
):
    both = [places["en"], places["es"]]
    make_expert("OnLastDay", country=places["BE"], languages=both, valid_until=datetime.date(2025, 6, 6))
    make_expert("MidEvent", country=places["BE"], languages=both, valid_until=datetime.date(2025, 6, 4))
    make_expert("LongAgo", country=places["BE"], languages=both, valid_until=datetime.date(2024, 1, 1))
    make_expert("PreAccredited", country=places["BE"], languages=both, status=S.PRE_ACCREDITED)
    make_expert("Lapsed", country=places["BE"], languages=both, status=S.LAPSED)
    response = coordinator_client.get(LIST, {"event": bilingual_event.pk})
    assert response.context["form"].data["valid_through"] == "2025-06-06"
    assert names(response) == ["OnLastDay", "PreAccredited"]
    assert "before the event" not in response.content.decode()


def test_find_trainers_can_show_the_ending_accreditations_flagged(
    coordinator_client, places, bilingual_event
):
    both = [places["en"], places["es"]]
    make_expert("OnLastDay", country=places["BE"], languages=both, valid_until=datetime.date(2025, 6, 6))
    make_expert("MidEvent", country=places["BE"], languages=both, valid_until=datetime.date(2025, 6, 4))
    make_expert("Lapsed", country=places["BE"], languages=both, status=S.LAPSED)
    params = filters_for_event(bilingual_event)
    params.update({"event": bilingual_event.pk, "include_ending": "on"})
    response = coordinator_client.get(f"{LIST}?{params.urlencode()}")
    assert names(response) == ["MidEvent", "OnLastDay"]
    html = response.content.decode()
    assert html.count("before the event") == 1
    assert "Accreditation ends 4 Jun 2025, before the event" in html
    # Lapsed, suspended and withdrawn experts stay out: their status already says they cannot teach.
    assert "Lapsed" not in names(response)


def test_a_validity_date_without_an_event_flags_against_that_day(coordinator_client, places):
    make_expert("Ending", country=places["BE"], valid_until=datetime.date(2025, 3, 1))
    make_expert("Lasting", country=places["BE"], valid_until=datetime.date(2026, 3, 1))
    assert names(coordinator_client.get(LIST, {"valid_through": "2025-06-01"})) == ["Lasting"]
    response = coordinator_client.get(LIST, {"valid_through": "2025-06-01", "include_ending": "on"})
    assert names(response) == ["Ending", "Lasting"]
    assert "Accreditation ends 1 Mar 2025, before 1 Jun 2025" in response.content.decode()


def test_find_trainers_query_count_does_not_grow_with_languages_or_experts(
    coordinator_client, places, bilingual_event, django_assert_max_num_queries
):
    def add(n):
        for _ in range(n):
            expert = make_expert(f"Expert{Expert.objects.count():03d}", country=places["BE"],
                                 languages=[places["en"], places["es"]],
                                 valid_until=datetime.date(2027, 1, 1))
            TrainerAssignmentFactory(person=expert.person, event=TrainingEventFactory(status="completed"))
    add(2)
    with django_assert_max_num_queries(15) as few:  # 15: with the count of declared unavailability
        response = coordinator_client.get(LIST, {"event": bilingual_event.pk})
    assert len(names(response)) == 2
    add(20)
    bilingual_event.languages.add(Language.objects.create(code="ru", name="Russian"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        coordinator_client.get(LIST, {"event": bilingual_event.pk, "include_ending": "on"})


def test_find_trainers_for_an_unknown_event_is_404(coordinator_client):
    assert coordinator_client.get(LIST, {"event": 999999}).status_code == 404
    assert coordinator_client.get(LIST, {"event": "abc"}).status_code == 404


def test_assign_from_the_directory_uses_the_double_booking_rule(coordinator_client, places):
    expert = make_expert("Alvarez", country=places["CL"])
    event = TrainingEventFactory(start_date=datetime.date(2025, 6, 2))
    clash = TrainingEventFactory(title="Regional training in Santiago", start_date=datetime.date(2025, 6, 4))
    TrainerAssignmentFactory(person=expert.person, event=clash)
    url = reverse("accreditation:expert-assign", args=[expert.pk])
    response = coordinator_client.post(url, {"event": event.pk, "role": "co_trainer"}, follow=True)
    assert "Regional training in Santiago" in response.content.decode()
    assert not TrainerAssignment.objects.filter(event=event).exists()
    coordinator_client.post(url, {"event": event.pk, "role": "co_trainer", "override_reason": "Half days"})
    assert TrainerAssignment.objects.get(event=event).person == expert.person


def test_assign_from_the_directory(coordinator_client, places):
    expert = make_expert("Alvarez", country=places["CL"])
    event = TrainingEventFactory()
    back = f"{LIST}?event={event.pk}"
    response = coordinator_client.post(reverse("accreditation:expert-assign", args=[expert.pk]),
                                       {"event": event.pk, "role": "co_trainer", "next": back})
    assert response["Location"] == back
    assert TrainerAssignment.objects.get(event=event).role == "co_trainer"


def test_coordinator_nominates_an_expert(coordinator_client, places):
    person = PersonFactory(country=places["BE"])
    response = coordinator_client.post(reverse("accreditation:expert-create"), {
        "person": person.pk, "languages": ["en"], "profile": "Senior officer", "nominated_on": "2025-01-10",
    })
    expert = Expert.objects.get(person=person)
    assert response["Location"] == expert.get_absolute_url()
    assert expert.status == S.NOMINATED and expert.nominated_on == datetime.date(2025, 1, 10)
    again = coordinator_client.post(reverse("accreditation:expert-create"), {"person": person.pk})
    assert again.status_code == 200 and Expert.objects.count() == 1


def test_coordinator_edits_a_profile_but_not_the_status(coordinator_client, places):
    expert = make_expert("Alvarez", country=places["CL"])
    coordinator_client.post(reverse("accreditation:expert-edit", args=[expert.pk]),
                            {"languages": ["es"], "profile": "Trainer since 2018", "status": "withdrawn"})
    expert.refresh_from_db()
    assert expert.profile == "Trainer since 2018" and expert.status == S.ACCREDITED


def test_expert_page_says_what_evidence_is_missing(coordinator_client, places):
    expert = make_expert("Alvarez", country=places["CL"], status=S.PRE_ACCREDITED)
    content = coordinator_client.get(expert.get_absolute_url()).content.decode()
    assert "No co-delivered training is recorded" in content


def test_proposal_with_missing_evidence_is_refused_with_the_reason(coordinator_client, places):
    expert = make_expert("Alvarez", country=places["CL"], status=S.IN_WORKSHOP)
    response = coordinator_client.post(reverse("accreditation:proposal-create", args=[expert.pk]),
                                       {"to_status": "pre_accredited", "rationale": "Good"})
    assert response.status_code == 200
    assert "No workshop attendance is recorded" in response.content.decode()
    assert not Proposal.objects.exists()


def test_recording_a_workshop_result_then_proposing(coordinator_client, places):
    expert = make_expert("Alvarez", country=places["CL"], status=S.IN_WORKSHOP)
    workshop = WorkshopFactory()
    coordinator_client.post(reverse("accreditation:evidence-add", args=[expert.pk, "workshop"]),
                            {"event": workshop.pk, "attended": "on", "result": "passed"})
    coordinator_client.post(reverse("accreditation:proposal-create", args=[expert.pk]),
                            {"to_status": "pre_accredited", "rationale": "Advanced skills"})
    proposal = Proposal.objects.get()
    assert proposal.to_status == S.PRE_ACCREDITED and proposal.evidence.get().event == workshop


def test_administrator_decides_from_the_review_queue(coordinator, administrator_client, places):
    expert = make_expert("Alvarez", country=places["CL"])
    proposal = propose_step(expert=expert, to_status=S.SUSPENDED, rationale="Complaint", by=coordinator,
                            today=datetime.date(2023, 1, 1))
    content = administrator_client.get(reverse("accreditation:review-queue")).content.decode()
    assert "Alvarez" in content and "Complaint" in content
    administrator_client.post(reverse("accreditation:proposal-decide", args=[proposal.pk]),
                              {"approve": "no", "rationale": "Not substantiated"})
    assert Decision.objects.get().outcome == "rejected"
    assert not administrator_client.get(reverse("accreditation:review-queue")).context["page_obj"].object_list


def test_with_two_factor_on_a_decision_needs_a_verified_session(
    coordinator, administrator, client, places, settings, monkeypatch
):
    from people import twofactor
    from people.tests.two_factor_helpers import sign_in_verified

    settings.STCE_REQUIRE_2FA = True
    expert = make_expert("Alvarez", country=places["CL"])
    proposal = propose_step(expert=expert, to_status=S.SUSPENDED, rationale="Complaint", by=coordinator,
                            today=datetime.date(2023, 1, 1))
    url = reverse("accreditation:proposal-decide", args=[proposal.pk])
    queue = "http://testserver" + reverse("accreditation:review-queue")
    # The decorator holds on its own, even for someone the middleware would let through.
    monkeypatch.setattr(twofactor, "needs_second_factor", lambda user: False)
    client.force_login(administrator)  # a password-only session
    response = client.post(url, {"approve": "no", "rationale": "Not substantiated"}, HTTP_REFERER=queue)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("people:two-factor-setup"))
    assert "review%2F" in response["Location"]  # back to the queue afterwards, not to the POST address
    assert not Decision.objects.exists()

    sign_in_verified(client, administrator)
    client.post(url, {"approve": "no", "rationale": "Not substantiated"})
    assert Decision.objects.get().outcome == "rejected"


def test_review_queue_hides_the_decision_form_from_the_proposer(administrator, administrator_client, places):
    expert = make_expert("Alvarez", country=places["CL"])
    proposal = propose_step(expert=expert, to_status=S.WITHDRAWN, rationale="Retired", by=administrator)
    content = administrator_client.get(reverse("accreditation:review-queue")).content.decode()
    assert "another administrator must decide it" in content
    assert reverse("accreditation:proposal-decide", args=[proposal.pk]) not in content
    administrator_client.post(reverse("accreditation:proposal-decide", args=[proposal.pk]),
                              {"approve": "yes", "rationale": "self"})
    expert.refresh_from_db()
    assert expert.status == S.ACCREDITED and not Decision.objects.exists()


def test_review_queue_is_oldest_first_and_its_query_count_is_fixed(
    coordinator, administrator_client, places, django_assert_max_num_queries
):
    workshop = WorkshopFactory()

    def add(n):
        for _ in range(n):
            expert = make_expert(f"E{Expert.objects.count():03d}", country=places["BE"], status=S.IN_WORKSHOP)
            record_workshop_result(expert=expert, event=workshop, attended=True,
                                   result=EvaluationResult.PASSED)
            propose_step(expert=expert, to_status=S.PRE_ACCREDITED, rationale="ok", by=coordinator)

    add(2)
    # 8: the menu badge counts the queue too, and one reads the co-delivery reports experts filed.
    with django_assert_max_num_queries(8) as few:
        response = administrator_client.get(reverse("accreditation:review-queue"))
    assert [p.expert.person.family_name for p in response.context["page_obj"]] == ["E000", "E001"]
    add(15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        administrator_client.get(reverse("accreditation:review-queue"))


@pytest.fixture
def decision(coordinator, administrator, db):
    expert = ExpertFactory()
    proposal = propose_step(expert=expert, to_status=S.WITHDRAWN, rationale="Retired", by=coordinator)
    return decide_proposal(proposal=proposal, approve=True, rationale="Agreed", by=administrator)


def test_decisions_cannot_be_edited_or_deleted_in_the_admin(administrator_client, decision):
    change = reverse("admin:accreditation_decision_change", args=[decision.pk])
    assert administrator_client.get(change).status_code == 200  # read-only view
    assert administrator_client.post(change, {"rationale": "rewritten"}).status_code == 403
    delete = reverse("admin:accreditation_decision_delete", args=[decision.pk])
    assert administrator_client.get(delete).status_code == 403
    assert administrator_client.post(delete, {"post": "yes"}).status_code == 403
    assert administrator_client.get(reverse("admin:accreditation_decision_add")).status_code == 403
    changelist = administrator_client.post(reverse("admin:accreditation_decision_changelist"),
                                           {"action": "delete_selected", "_selected_action": [decision.pk]})
    assert changelist.status_code in (200, 302)
    assert Decision.objects.get().rationale == "Agreed"


def test_superuser_cannot_edit_decisions_either(client, decision, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "pw"))
    change = reverse("admin:accreditation_decision_change", args=[decision.pk])
    assert client.post(change, {"rationale": "rewritten"}).status_code == 403
    assert client.get(reverse("admin:accreditation_decision_delete", args=[decision.pk])).status_code == 403
    assert Decision.objects.get().rationale == "Agreed"


def test_no_screen_outside_the_admin_changes_decisions(decision):
    from accreditation.urls import urlpatterns

    assert not [p for p in urlpatterns if "decision" in p.name and p.name != "proposal-decide"]


def test_expiring_list(coordinator_client, places):
    soon = make_expert("Soon", country=places["BE"])
    soon.valid_until = datetime.date.today() + datetime.timedelta(days=40)
    soon.save()
    later = make_expert("Later", country=places["BE"])
    later.valid_until = datetime.date.today() + datetime.timedelta(days=400)
    later.save()
    content = coordinator_client.get(reverse("accreditation:expiring")).content.decode()
    assert "Soon" in content and "Later" not in content


def _render(template, **context):
    request = RequestFactory().get("/")
    return render_to_string(template, {"request": request, "is_coordinator": True, **context})


def test_event_candidates_include_shows_evaluations_and_decisions(coordinator, administrator, places):
    workshop = WorkshopFactory()
    expert = make_expert("Candidate", country=places["BE"], status=S.IN_WORKSHOP)
    record_workshop_result(expert=expert, event=workshop, attended=True, result="passed",
                           evaluation="Advanced training skills")
    proposal = propose_step(expert=expert, to_status=S.PRE_ACCREDITED, rationale="x", by=coordinator)
    decide_proposal(proposal=proposal, approve=True, rationale="ok", by=administrator)
    html = _render("accreditation/includes/event_candidates.html", event=workshop)
    assert "Candidate" in html and "Advanced training skills" in html
    assert "Workshop participant → Pre-accredited" in html


def test_find_trainers_link_include(db):
    event = TrainingEventFactory()
    html = _render("accreditation/includes/find_trainers_link.html", event=event)
    assert f"{LIST}?event={event.pk}" in html


def test_expert_page_query_count_is_bounded(coordinator_client, places, django_assert_max_num_queries):
    expert = make_expert("Alvarez", country=places["CL"], status=S.PRE_ACCREDITED,
                         languages=[places["es"]])
    workshop = WorkshopFactory()
    record_workshop_result(expert=expert, event=workshop, attended=True, result="passed")
    for _ in range(5):
        record_workshop_result(expert=expert, event=WorkshopFactory(), attended=True, result="passed")
    # Two of them count the expert's deliveries (WCO events, trainings at home): accreditation/delivery.py;
    # two read what the expert keeps on their profile (module proposals, language levels).
    with django_assert_max_num_queries(13):
        coordinator_client.get(expert.get_absolute_url())


def test_recording_a_co_delivery_on_an_unfinished_event_shows_why(coordinator_client, places):
    expert = make_expert("Alvarez", country=places["CL"], status=S.PRE_ACCREDITED)
    unfinished = TrainingEventFactory(status="confirmed")
    assignment = TrainerAssignmentFactory(person=expert.person, event=unfinished)
    assessor = TrainerAssignmentFactory(event=unfinished, role="assessor").person
    response = coordinator_client.post(
        reverse("accreditation:evidence-add", args=[expert.pk, "co_delivery"]),
        {"assignment": assignment.pk, "assessor": assessor.pk, "result": "passed"},
    )
    assert response.status_code == 200
    assert "is not completed yet" in response.content.decode()
    assert not expert.evidence.exists()


def test_trainers_cannot_use_find_trainers(trainer_client):
    event = TrainingEventFactory()
    assert trainer_client.get(LIST, {"event": event.pk}).status_code == 403


def test_co_delivery_form_offers_the_assessors_of_the_experts_events(coordinator_client, places):
    expert = make_expert("Alvarez", country=places["CL"], status=S.PRE_ACCREDITED)
    event = TrainingEventFactory(status="completed")
    assignment = TrainerAssignmentFactory(person=expert.person, event=event, role="co_trainer")
    assessor = PersonFactory(family_name="Assessor")
    TrainerAssignmentFactory(person=assessor, event=event, role="assessor")
    PersonFactory(family_name="Bystander")
    url = reverse("accreditation:evidence-add", args=[expert.pk, "co_delivery"])
    form = coordinator_client.get(url).context["form"]
    assert list(form.fields["assessor"].queryset) == [assessor]
    coordinator_client.post(url, {"assignment": assignment.pk, "assessor": assessor.pk, "result": "passed",
                                  "evaluation": "Clear and well prepared."})
    evidence = expert.evidence.get()
    assert evidence.assessor == assessor and evidence.result == "passed"


def test_the_admin_cannot_revert_an_expert_to_an_old_status(administrator_client, decision):
    expert = decision.expert
    old_version = expert.history.order_by("history_id").first()
    url = reverse("admin:accreditation_expert_simple_history", args=[expert.pk, old_version.history_id])
    response = administrator_client.post(url, {"person": expert.person_id, "profile": "reverted"})
    assert response.status_code == 403
    expert.refresh_from_db()
    assert expert.status == ExpertStatus.WITHDRAWN


def test_directory_search_matches_names_in_any_script(coordinator_client, places):
    expert = make_expert("Иванов", country=places["BE"])
    expert.person.latin_name = "Dmitry Ivanov"
    expert.person.save()
    make_expert("Alvarez", country=places["CL"])
    assert names(coordinator_client.get(LIST, {"q": "иванов"})) == ["Иванов"]
    assert names(coordinator_client.get(LIST, {"q": "ivanov"})) == ["Иванов"]


def test_evidence_a_decision_relied_on_cannot_be_deleted_in_the_admin(
    coordinator, administrator, administrator_client, places
):
    workshop = WorkshopFactory()
    expert = make_expert("Candidate", country=places["BE"], status=S.IN_WORKSHOP)
    evidence = record_workshop_result(expert=expert, event=workshop, attended=True, result="passed")
    proposal = propose_step(expert=expert, to_status=S.PRE_ACCREDITED, rationale="x", by=coordinator)
    decide_proposal(proposal=proposal, approve=True, rationale="ok", by=administrator)
    url = reverse("admin:accreditation_evidence_delete", args=[evidence.pk])
    assert administrator_client.post(url, {"post": "yes"}).status_code == 403
    assert Decision.objects.get().evidence.get() == evidence


def test_erasing_an_expert_blanks_their_profile_and_its_history(administrator, places):
    from people.privacy import erase_person

    expert = make_expert("Erasable", country=places["BE"])
    expert.profile = "Twenty years at the port of Antwerp; speaks Dutch."
    expert.save()
    erase_person(person=expert.person, reason="Request of 1 May", erased_by=administrator)
    expert.refresh_from_db()
    assert expert.profile == ""
    assert expert.status == S.ACCREDITED
    assert not expert.history.exclude(profile="").exists()


def test_an_erased_expert_leaves_the_directory(coordinator_client, administrator, places):
    from people.privacy import erase_person

    make_expert("Staying", country=places["BE"])
    leaving = make_expert("Leaving", country=places["BE"])
    erase_person(person=leaving.person, reason="Request of 1 May", erased_by=administrator)
    assert names(coordinator_client.get(LIST)) == ["Staying"]
    assert names(coordinator_client.get(LIST, {"status": "all"})) == ["Staying"]
