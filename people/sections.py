"""What the person page shows about a person, contributed by the apps above `people`.

`people` may not import the apps that hold a person's training history, certificates or
expert profile, so they register a section here when they load (in their AppConfig.ready)
and the page renders whatever is registered, in order. Each section's `context` builds its
own data with a fixed number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest
from django.template.loader import render_to_string


@dataclass(frozen=True)
class PersonSection:
    key: str
    template: str
    order: int = 100
    context: Callable[[HttpRequest, object], dict] = field(default=lambda request, person: {})


@dataclass(frozen=True)
class PersonAction:
    """A button in the person page's header, e.g. 'Merge a duplicate into this record'."""

    key: str
    label: str
    url_name: str
    order: int = 100
    shown: Callable[[HttpRequest, object], bool] = field(default=lambda request, person: True)


_sections: dict[str, PersonSection] = {}
_actions: dict[str, PersonAction] = {}


def register_section(section: PersonSection) -> None:
    _sections[section.key] = section


def register_action(action: PersonAction) -> None:
    _actions[action.key] = action


def sections_for(request: HttpRequest, person) -> list[str]:
    """Every registered section rendered to HTML, in order."""
    return [
        render_to_string(section.template, {"person": person, **section.context(request, person)}, request)
        for section in sorted(_sections.values(), key=lambda s: (s.order, s.key))
    ]


def actions_for(request: HttpRequest, person) -> list[PersonAction]:
    return [
        action for action in sorted(_actions.values(), key=lambda a: (a.order, a.key))
        if action.shown(request, person)
    ]
