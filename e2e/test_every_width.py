"""The pages of the three daily journeys in every language, on a phone (390 px) and a laptop
(1366 px): no page is wider than the screen, so nothing is reached by scrolling sideways, and
the navigation collapses to its menu button rather than overflow."""

import json

import pytest
from playwright.sync_api import Page

from e2e.helpers import shot, sign_in

LANGUAGES = ("en", "fr", "es", "ru")
WIDTHS = (390, 1366)


@pytest.fixture(scope="module")
def demo(django_script):
    return json.loads(
        django_script(
            "import json\n"
            "from courses.models import TrainingEvent\n"
            "event = TrainingEvent.objects.filter(enrolments__isnull=False, days__items__isnull=False)"
            ".order_by('-start_date').first()\n"
            "print(json.dumps({'event': event.pk}))"
        )
    )


def _pages(persona: str, demo: dict) -> list[str]:
    event = demo["event"]
    common = ["/", "/courses/events/", f"/courses/events/{event}/", f"/courses/events/{event}/agenda/"]
    return {
        "coordinator": [
            *common,
            f"/courses/events/{event}/participants/",
            f"/courses/events/{event}/participants/import/",
            "/people/",
            "/certificates/",
            "/accreditation/experts/",
        ],
        "trainer": ["/", "/courses/events/", "/courses/curriculum/"],
        "admin": [*common, "/dashboards/gender/", "/dashboards/programme/", "/accreditation/review/"],
    }[persona]


def _choose_language(page: Page, language: str) -> None:
    page.set_viewport_size({"width": 1920, "height": 900})
    page.goto("/")
    if page.locator("html").get_attribute("lang") != language:
        with page.expect_navigation():
            page.locator("#language-switcher").select_option(language)


@pytest.mark.parametrize("persona", ["coordinator", "trainer", "admin"])
def test_no_page_of_the_journeys_scrolls_sideways_in_any_language(page: Page, demo, persona):
    sign_in(page, persona)
    too_wide = []
    for language in LANGUAGES:
        _choose_language(page, language)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            for url in _pages(persona, demo):
                response = page.goto(url)
                assert response.status == 200, (url, response.status)
                scroll = page.evaluate("document.documentElement.scrollWidth")
                if scroll > width:
                    too_wide.append(f"{language} {width}px {url}: {scroll}px")
                    shot(page, f"too-wide-{language}-{width}-{url.strip('/').replace('/', '-') or 'home'}")
    _choose_language(page, "en")
    assert not too_wide, "Pages wider than the screen:\n" + "\n".join(too_wide)
