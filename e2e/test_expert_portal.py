"""Issue 17's whole journey: a coordinator invites an expert to the portal; the expert chooses a
password, declares a period of unavailability (Find trainers then leaves them out for an event
in it, and still offers them for another), accepts an invitation to assess a delivery, files the
co-delivery evaluation that the review queue shows as evidence, and reports a training delivered
at home with 25 officials by import; the coordinator accepts it and only the expert-delivered
figures grow, by exactly that training and its officials."""

import datetime
import json
import re

from playwright.sync_api import Page, expect

from e2e.helpers import assert_accessible, shot, sign_in, sign_out
from e2e.test_home_training import PARTICIPANTS, accept_the_report, delivery_figures, report_a_home_training

ADDRESS = "amani.otieno@kra.example.org"
PASSWORD = "Portal-Journey-2026-e2e"
TODAY = datetime.date.today()
AWAY = (TODAY + datetime.timedelta(days=55), TODAY + datetime.timedelta(days=70))

SETUP = """
import datetime, json
from accreditation.models import Expert, ExpertStatus
from courses.models import TrainerAssignment, TrainingEvent
from people.models import Gender, Person
today = datetime.date.today()
amani = Expert.objects.create(
    person=Person.objects.create(given_name="Amani", family_name="Otieno", gender=Gender.FEMALE,
                                 country_id="KE", email=ADDRESS),
    status=ExpertStatus.ACCREDITED, accredited_on=datetime.date(2024, 1, 10),
    valid_until=datetime.date(2030, 1, 10))
baraka = Person.objects.create(given_name="Baraka", family_name="Mwita", country_id="KE")
Expert.objects.create(person=baraka, status=ExpertStatus.PRE_ACCREDITED)
def event(title, days):
    start = today + datetime.timedelta(days=days)
    end = start + datetime.timedelta(days=2)
    return TrainingEvent.objects.create(title=title, start_date=start, end_date=end,
                                        status=TrainingEvent.Status.CONFIRMED)
away = event("Training while Amani is away", 60)
later = event("Training after Amani is back", 100)
assessed = event("Delivery Amani assesses", 200)
TrainerAssignment.objects.create(event=assessed, person=baraka, role="co_trainer")
print(json.dumps({"expert": amani.pk, "away": away.pk, "later": later.pk, "assessed": assessed.pk}))
""".replace("ADDRESS", repr(ADDRESS))

# The assessed delivery takes place: its dates move into the past and it is completed.
AFTER_THE_DELIVERY = """
import datetime
from courses.models import TrainingEvent
start = datetime.date.today() - datetime.timedelta(days=10)
TrainingEvent.objects.filter(title="Delivery Amani assesses").update(
    start_date=start, end_date=start + datetime.timedelta(days=2), status=TrainingEvent.Status.COMPLETED)
"""


def visit(page: Page, name: str) -> None:
    shot(page, name)
    assert_accessible(page)


def coordinator_invites_to_the_portal(page: Page, ids: dict, smtp_server) -> str:
    """The coordinator opens the account from the expert's record; returns the welcome link."""
    sign_in(page, "coordinator")
    page.goto(f"/accreditation/experts/{ids['expert']}/")
    page.get_by_role("link", name="Invite to the portal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Invite to the experts' portal")
    before = smtp_server.count()
    page.get_by_role("button", name="Invite").click()
    smtp_server.wait_for(before + 1)
    [email] = [m for m in smtp_server.messages[before:] if m["To"] == ADDRESS]
    body = email.get_body(("plain",)).get_content()
    return re.search(r"http://\S+/accreditation/welcome/\S+/", body).group(0)


def coordinator_invites_to_assess(page: Page, ids: dict) -> None:
    page.goto(f"/accreditation/events/{ids['assessed']}/invite/?expert={ids['expert']}")
    expect(page.get_by_label("Amani Otieno (Accredited)")).to_be_checked()
    page.get_by_label("Role").select_option("assessor")
    page.get_by_role("button", name="Send the invitations").click()
    expect(page.locator("#invitations")).to_contain_text("Amani Otieno")


def expert_chooses_a_password(page: Page, link: str) -> None:
    page.goto(link)
    page.locator("#id_new_password1").fill(PASSWORD)
    page.locator("#id_new_password2").fill(PASSWORD)
    page.get_by_role("button", name="Set my password").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Amani Otieno")
    visit(page, "portal-expert-home")


def expert_declares_unavailability(page: Page) -> None:
    page.get_by_role("link", name="My profile").click()
    page.get_by_label("From").fill(AWAY[0].isoformat())
    page.get_by_label("Until").fill(AWAY[1].isoformat())
    page.get_by_role("button", name="Declare").click()
    expect(page.locator("#unavailability tbody tr")).to_have_count(1)
    visit(page, "portal-expert-profile")


def expert_accepts_to_assess(page: Page) -> None:
    page.goto("/accreditation/me/")
    page.get_by_role("link", name="Answer").click()
    page.get_by_role("button", name="Accept").click()
    expect(page.locator("main")).to_contain_text("You are on the event.")


def find_trainers_leaves_out_who_is_away(page: Page, ids: dict) -> None:
    page.goto(f"/accreditation/experts/?event={ids['away']}")
    expect(page.locator("main")).to_contain_text("1 expert declared themselves unavailable")
    visit(page, "portal-find-trainers-away")
    # The same dates, narrowed to her name (the directory has more experts than one page holds).
    start, end = AWAY[0] + datetime.timedelta(days=5), AWAY[0] + datetime.timedelta(days=7)
    page.goto(f"/accreditation/experts/?q=Otieno&available_from={start}&available_to={end}")
    expect(page.locator("main")).not_to_contain_text("Amani Otieno")
    back = AWAY[1] + datetime.timedelta(days=30)
    page.goto(f"/accreditation/experts/?q=Otieno&available_from={back}&available_to={back}")
    expect(page.locator("tbody")).to_contain_text("Amani Otieno")


def expert_files_the_evaluation(page: Page, django_script) -> None:
    django_script(AFTER_THE_DELIVERY)
    page.goto("/accreditation/me/")
    page.get_by_role("link", name="Co-delivery report").click()
    page.get_by_label("Passed: recommended for the next step").check()
    page.get_by_label("Your evaluation").fill("Baraka delivered modules 1 to 3 clearly and kept to time.")
    visit(page, "portal-co-delivery-evaluation")
    page.get_by_role("button", name="File the report").click()
    expect(page.locator("main")).to_contain_text("The co-delivery report is filed.")


def review_queue_shows_the_evidence(page: Page) -> None:
    sign_in(page, "admin")
    page.goto("/accreditation/review/")
    reports = page.locator("#co-delivery-reports")
    expect(reports).to_contain_text("Baraka Mwita")
    expect(reports).to_contain_text("assessed by Amani Otieno")
    visit(page, "portal-review-queue-evidence")


def test_an_invited_expert_keeps_their_profile_assesses_and_reports_a_training_at_home(
    page: Page, django_script, smtp_server
):
    ids = json.loads(django_script(SETUP))
    link = coordinator_invites_to_the_portal(page, ids, smtp_server)
    coordinator_invites_to_assess(page, ids)
    sign_out(page)

    expert_chooses_a_password(page, link)
    expert_declares_unavailability(page)
    expert_accepts_to_assess(page)
    sign_out(page)

    sign_in(page, "coordinator")
    find_trainers_leaves_out_who_is_away(page, ids)
    sign_out(page)

    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(ADDRESS)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expert_files_the_evaluation(page, django_script)
    sign_out(page)
    review_queue_shows_the_evidence(page)
    # Counted once the assessed delivery has taken place (a WCO-run training, which it is).
    figures_before = delivery_figures(page)
    page.context.clear_cookies()  # signed out: the expert signs in next

    title = "STCE national course, Kisumu"  # the other journeys' report is in the same database
    report_a_home_training(page, username=ADDRESS, password=PASSWORD, title=title)
    sign_in(page, "coordinator")
    accept_the_report(page, title=title)
    figures_after = delivery_figures(page)
    assert figures_after["WCO-run"] == figures_before["WCO-run"]
    grown = [a - b for a, b in zip(figures_after["Expert-delivered"], figures_before["Expert-delivered"],
                                   strict=True)]
    assert grown[0] == 1 and grown[-1] == PARTICIPANTS
    assert grown[1:5] == [12, 13, 0, 0]  # by gender: women, men, another, not recorded
