"""A participant answers the pre-test before the training and the post-test and the feedback
after it, on a phone, from their own link; the coordinator's results page counts their answers
with four classmates', and the gain per module is the one counted by hand.

Hand count (module "E2E knowledge module", two questions): four classmates answer both wrong
before and both right after; our participant answers one of two right before and both after.
Before: 1 of 10 answers correct (10.0%); after: 10 of 10 (100.0%); gain 90.0 points, five
respondents each time."""

from playwright.sync_api import Page, expect

from e2e.helpers import assert_accessible, shot, sign_in

PHONE = {"width": 390, "height": 844}
TITLE = "E2E evaluation training, Nairobi"

SCENARIO = f"""
import datetime
from courses.models import AgendaItem, EventDay, TrainingEvent, Enrolment
from courses.services.personal_links import personal_token
from courses.tests.factories import ModuleFactory
from evaluation.models import Kind
from evaluation.services import answering
from evaluation.services.bank import save_question
from evaluation.standard import load_standard_questions
from people.models import Gender, Person
load_standard_questions()
module = ModuleFactory(code="E2E-EVAL", title="E2E knowledge module")
save_question(module=module, question=None, text={{"en": "Which convention bans chemical weapons?"}},
              choices=[{{"en": "The Chemical Weapons Convention"}}, {{"en": "The Arms Trade Treaty"}}],
              correct=[0], by=None)
save_question(module=module, question=None, text={{"en": "What is a dual-use item?"}},
              choices=[{{"en": "An item imported twice"}},
                       {{"en": "An item with civilian and military uses"}}],
              correct=[1], by=None)
start = datetime.date.today() + datetime.timedelta(days=5)
event = TrainingEvent.objects.create(title={TITLE!r}, start_date=start,
                                     end_date=start + datetime.timedelta(days=1),
                                     status=TrainingEvent.Status.CONFIRMED, time_zone="UTC")
for offset in range(2):
    day = EventDay.objects.create(event=event, date=start + datetime.timedelta(days=offset))
AgendaItem.objects.create(day=event.days.order_by("date").first(), module=module, position=1)
def enrol(given, gender):
    person = Person.objects.create(given_name=given, family_name="Evaluation", gender=gender, country_id="KE",
                                   email=f"{{given.lower()}}.evaluation@example.org")
    return Enrolment.objects.create(event=event, person=person)
amina = enrol("Amina", Gender.FEMALE)
for n, gender in enumerate([Gender.FEMALE, Gender.MALE, Gender.MALE, Gender.FEMALE]):
    classmate = enrol(f"Classmate{{n}}", gender)
    screens = answering.screens_for(event, Kind.PRE, "en")
    wrong = {{s.key: (1 if n2 == 0 else 0) for n2, s in enumerate(screens)}}
    answering.submit(event=event, kind=Kind.PRE, enrolment=classmate, screens=screens, answers=wrong,
                     today=start - datetime.timedelta(days=1))
print(event.pk, personal_token(event, amina.person))
"""

AFTER_THE_TRAINING = """
import datetime
from courses.models import Enrolment, EventDay, TrainingEvent
from evaluation.models import Kind
from evaluation.services import answering
event = TrainingEvent.objects.get(pk={pk})
shift = (datetime.date.today() - datetime.timedelta(days=2)) - event.start_date
for day in EventDay.objects.filter(event=event).order_by("-date"):
    day.date += shift
    day.save()
event.start_date += shift
event.end_date += shift
event.save()
for classmate in Enrolment.objects.filter(event=event, person__given_name__startswith="Classmate"):
    screens = answering.screens_for(event, Kind.POST, "en")
    right = {{s.key: s.item.version.correct[0] for s in screens}}
    answering.submit(event=event, kind=Kind.POST, enrolment=classmate, screens=screens, answers=right,
                     today=event.end_date)
print("moved")
"""


def _answer(page: Page, choice: str, button: str = "Next") -> None:
    page.get_by_text(choice, exact=True).click()
    page.get_by_role("button", name=button).click()


def _send(page: Page, part: str) -> None:
    expect(page.get_by_role("heading", name=f"{part}: your answers")).to_be_visible()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.locator(f"#part-{part.lower().replace('-test', '')}")).to_contain_text("Sent. Thank you.")


def test_a_participant_answers_on_a_phone_and_the_results_count_them(page: Page, django_script):
    pk, token = django_script(SCENARIO).strip().splitlines()[-1].split()
    page.set_viewport_size(PHONE)

    # Before the training: the pre-test, one question per screen.
    page.goto(f"/evaluation/p/{token}/")
    expect(page.locator("#part-post")).to_contain_text("Opens on the last day")
    shot(page, "phone-overview-before")
    assert_accessible(page)
    page.locator("#part-pre").get_by_role("link", name="Start").click()
    expect(page.get_by_role("heading", name="Pre-test · Question 1 of 2")).to_be_visible()
    expect(page.get_by_text("What is a dual-use item?")).to_have_count(0)
    shot(page, "phone-pre-test-question")
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    _answer(page, "The Chemical Weapons Convention")
    _answer(page, "An item imported twice", "Review")
    shot(page, "phone-pre-test-review")
    _send(page, "Pre-test")

    # After it (the training is moved into the past; the classmates answer the post-test too).
    django_script(AFTER_THE_TRAINING.format(pk=pk))
    page.goto(f"/evaluation/p/{token}/")
    page.locator("#part-post").get_by_role("link", name="Start").click()
    _answer(page, "The Chemical Weapons Convention")
    _answer(page, "An item with civilian and military uses", "Review")
    _send(page, "Post-test")

    page.locator("#part-feedback").get_by_role("link", name="Start").click()
    expect(page.get_by_text("How satisfied were you with this day?")).to_be_visible()
    page.locator("label[for$='-5']").first.click()  # day 1: 5
    page.locator("label[for$='-4']").nth(1).click()  # day 2: 4
    shot(page, "phone-feedback-days")
    assert_accessible(page)
    page.get_by_role("button", name="Next").click()
    page.locator("label[for$='-4']").first.click()  # the module: 4
    page.get_by_role("button", name="Next").click()
    page.locator("label[for$='-5']").first.click()  # relevance: 5
    page.get_by_role("button", name="Next").click()
    page.get_by_label("What did you find most useful?").fill("The exercise with real shipping documents.")
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Review").click()
    _send(page, "Feedback")
    # Sent once: the part offers no second start.
    expect(page.locator("#part-feedback").get_by_role("link", name="Start")).to_have_count(0)

    # The coordinator reads the results on a desktop.
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, "coordinator")
    page.goto(f"/evaluation/events/{pk}/results/")
    module_row = page.locator("#modules tbody tr", has_text="E2E knowledge module")
    expect(module_row.locator("td")).to_have_text(["5", "10.0", "5", "100.0", "90.0"])
    rates = page.locator("table", has_text="Response rate").first
    expect(rates.locator("tbody tr", has_text="Pre-test").locator("td")).to_have_text(["5", "5", "100.0"])
    expect(rates.locator("tbody tr", has_text="Feedback").locator("td")).to_have_text(["1", "5", "20.0"])
    ratings = page.locator("#ratings tbody tr", has_text="Day 1")
    expect(ratings.locator("td")).to_have_text(["Day 1", "1", "5.0"])
    expect(page.locator("#comments")).to_contain_text("The exercise with real shipping documents.")
    expect(page.locator("#comments")).not_to_contain_text("Amina")
    shot(page, "results")
    assert_accessible(page)
