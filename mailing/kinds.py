"""The kinds of message the application sends, registered by the apps that send them.

This app may not import the apps above it, so each of them registers its kinds (in its
AppConfig.ready): the built-in wording (translated like any other text), the placeholders a
coordinator may use when editing it, and sample values for the editor's preview.
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class MessageKind:
    key: str
    label: str
    description: str
    subject: str
    body: str
    # name -> what it holds; the text uses them as {{ name }}.
    placeholders: dict[str, str]
    sample: Callable[[], dict[str, str]] = field(default=lambda: {})
    order: int = 100


_kinds: dict[str, MessageKind] = {}


# Every kind addressed to a named person may open with the greeting the sender works out for
# the recipient's language and recorded gender (see mailing.rendering.greeting).
GREETING = "greeting"


def register_kind(kind: MessageKind) -> None:
    if "name" in kind.placeholders and GREETING not in kind.placeholders:
        from django.utils.translation import gettext_lazy

        placeholders = {
            GREETING: gettext_lazy("“Dear …,” in the recipient's language, agreeing with their gender"),
            **kind.placeholders,
        }
        kind = replace(kind, placeholders=placeholders)
    _kinds[kind.key] = kind


def kind_for(key: str) -> MessageKind | None:
    return _kinds.get(key)


def all_kinds() -> list[MessageKind]:
    return sorted(_kinds.values(), key=lambda k: (k.order, k.key))
