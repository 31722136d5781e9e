"""A coordinator invites an expert to deliver an event; the expert signs in and accepts, which
puts them on the event; after the event they file their co-delivery report with its PDF, and
the administrators find it in the review queue."""

import json

from playwright.sync_api import Page, expect

from e2e.helpers import assert_accessible, shot, sign_in, sign_out

PASSWORD = "Kilimanjaro-Trainer-2026-e2e"
TITLE = "Invited delivery e2e"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

SETUP = f"""
import datetime, json
from django.contrib.auth import get_user_model
from accreditation.models import Expert, ExpertStatus
from courses.models import Module, TrainerAssignment, TrainingEvent
from people.models import Person
start = datetime.date.today() + datetime.timedelta(days=200)
address = "amina.expert@customs.example.org"
user = get_user_model().objects.create_user("amina.expert", address, "{PASSWORD}")
expert = Expert.objects.create(status=ExpertStatus.PRE_ACCREDITED, person=Person.objects.create(
    given_name="Amina", family_name="Trainerova", email=address, user=user))
mentor = Person.objects.create(given_name="Maurice", family_name="Mentorsson")
Expert.objects.create(person=mentor, status=ExpertStatus.ACCREDITED)
event = TrainingEvent.objects.create(title="{TITLE}", start_date=start,
                                     end_date=start + datetime.timedelta(days=2),
                                     status=TrainingEvent.Status.CONFIRMED)
TrainerAssignment.objects.create(event=event, person=mentor, role="assessor")
print(json.dumps({{"event": event.pk, "expert": expert.pk}}))
"""

# The event takes place: its dates move into the past and it is completed, as the nightly task does.
AFTER_THE_EVENT = f"""
import datetime
from courses.models import TrainerAssignment, TrainingEvent
event = TrainingEvent.objects.get(title="{TITLE}")
assigned = TrainerAssignment.objects.filter(event=event, person__family_name="Trainerova", role="co_trainer")
assert assigned.exists()
start = datetime.date.today() - datetime.timedelta(days=10)
TrainingEvent.objects.filter(pk=event.pk).update(
    start_date=start, end_date=start + datetime.timedelta(days=2), status=TrainingEvent.Status.COMPLETED)
"""


def visit(page: Page, name: str) -> None:
    shot(page, name)
    assert_accessible(page)


# The steps are functions so that a longer journey (issue 17's whole acceptance test) can chain
# them with the other parts' steps.
def set_up_expert_and_event(django_script) -> dict:
    """A pre-accredited expert with an account, an event in 200 days and its assessor."""
    return json.loads(django_script(SETUP))


def coordinator_invites(page: Page, ids: dict) -> None:
    sign_in(page, "coordinator")
    page.goto(f"/accreditation/events/{ids['event']}/invite/?expert={ids['expert']}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Invite experts to deliver")
    expect(page.get_by_label("Amina Trainerova (Pre-accredited)")).to_be_checked()
    page.get_by_label("Role").select_option("co_trainer")
    page.get_by_label("Message to the experts").fill("Please co-deliver modules 1 to 3.")
    visit(page, "delivery-invite")
    page.get_by_role("button", name="Send the invitations").click()
    expect(page.locator("#invitations")).to_contain_text("Amina Trainerova")
    expect(page.locator("#invitations")).to_contain_text("Awaiting an answer")
    sign_out(page)


def expert_signs_in(page: Page) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("amina.expert")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("#invitations-title")).to_be_visible()


def expert_accepts(page: Page) -> None:
    visit(page, "expert-home-invited")
    page.get_by_role("link", name="Answer").click()
    expect(page.locator("main")).to_contain_text("Please co-deliver modules 1 to 3.")
    visit(page, "expert-invitation")
    page.get_by_role("button", name="Accept").click()
    expect(page.locator("main")).to_contain_text("You are on the event.")


def expert_files_co_delivery_report(page: Page, django_script) -> None:
    """The event takes place (in the database), then the signed-in expert files the report."""
    django_script(AFTER_THE_EVENT)
    page.goto("/accreditation/me/")
    page.get_by_role("link", name="Co-delivery report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Co-delivery report")
    page.get_by_label("Assessor").select_option(label="Maurice Mentorsson")
    page.locator("input[name=modules]").first.check()
    page.get_by_label("What you delivered").fill("Modules 1 to 3, with the case study.")
    page.get_by_label("Report (PDF)").set_input_files(
        {"name": "report.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    visit(page, "expert-co-delivery")
    page.get_by_role("button", name="File the report").click()
    expect(page.locator("main")).to_contain_text("The co-delivery report is filed.")


def review_queue_shows_the_report(page: Page) -> None:
    sign_in(page, "admin")
    page.goto("/accreditation/review/")
    reports = page.locator("#co-delivery-reports")
    expect(reports).to_contain_text("Amina Trainerova")
    expect(reports).to_contain_text(TITLE)
    visit(page, "review-queue-co-delivery")


def test_an_invited_expert_accepts_delivers_and_files_a_co_delivery_report(page: Page, django_script):
    ids = set_up_expert_and_event(django_script)
    coordinator_invites(page, ids)
    expert_signs_in(page)
    expert_accepts(page)
    expert_files_co_delivery_report(page, django_script)
    sign_out(page)
    review_queue_shows_the_report(page)
