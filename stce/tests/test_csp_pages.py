"""Every page of the permission matrix satisfies the Content Security Policy it is sent with.

The policy forbids inline scripts and inline styles; a browser would silently drop them, so a
template that uses one is broken for users. This crawls every GET row of the matrix as every
persona that may open it (pages that other issues add are covered as soon as they get a row).
"""

from html.parser import HTMLParser

import pytest

from people.tests.permissions import PERSONAS
from stce.tests.test_permission_matrix import ALL_CASES
from stce.tests.world import build_world

# Exports (rows with a query string) are files, not pages.
PAGE_CASES = [
    case for case in ALL_CASES if case.method == "get" and 200 in case.expect.values() and not case.query
]


class InlineCodeFinder(HTMLParser):
    """Collects what the policy would block: inline <script>, <style> and style="" attributes."""

    def __init__(self):
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "script" and not names.get("src") and names.get("type") != "application/json":
            self.problems.append(f"inline <script> at line {self.getpos()[0]}")
        if tag == "style":
            self.problems.append(f"<style> at line {self.getpos()[0]}")
        if "style" in names:
            self.problems.append(f'style="" on <{tag}> at line {self.getpos()[0]}')
        for name in names:
            if name.startswith("on"):
                self.problems.append(f"inline handler {name} on <{tag}> at line {self.getpos()[0]}")

    handle_startendtag = handle_starttag


def inline_code(html: str) -> list[str]:
    finder = InlineCodeFinder()
    finder.feed(html)
    return finder.problems


@pytest.fixture
def world(trainer, other_trainer):
    return build_world(trainer=trainer, other_trainer=other_trainer)


@pytest.mark.parametrize("case", PAGE_CASES, ids=lambda c: c.id)
def test_page_has_no_inline_script_or_style(case, world, persona_client):
    url = case.url(world)
    for persona in PERSONAS:
        if case.expect[persona] != 200:
            continue
        response = persona_client(persona).get(url)
        if "text/html" not in response.get("Content-Type", ""):
            continue
        assert "unsafe-inline" not in response["Content-Security-Policy"]
        problems = inline_code(response.content.decode())
        assert not problems, f"{case.id} as {persona}: {problems}"


def test_the_finder_catches_what_the_policy_blocks():
    html = '<script>alert(1)</script><p style="color:red" onclick="x()"></p><style>p{}</style>'
    assert len(inline_code(html)) == 4
    assert inline_code('<script src="/static/js/stce.js"></script><p class="x"></p>') == []
