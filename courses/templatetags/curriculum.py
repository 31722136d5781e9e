"""Curriculum module titles and summaries in the reader's language.

A module's French, Spanish or Russian title is shown where it has one; where it has not, the
English stands in, marked as English (lang="en", so that screen readers and hyphenation
switch language, and a small "EN" badge, so that readers know it is not an oversight).
Prefetch `translations` (or `module__translations`) in lists: `Module.localised` reads them.
"""

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


def _in_english(text, *, block: bool = False):
    badge = format_html(
        ' <span class="badge text-bg-light border fw-normal" title="{}">EN</span>',
        _("Not translated yet: shown in English"),
    )
    if block:
        return format_html('<span lang="en">{}</span>{}', linebreaksbr(text, autoescape=True), badge)
    return format_html('<span lang="en">{}</span>{}', text, badge)


@register.filter
def module_title(module) -> str:
    """The module's title in the active language, or its English title marked as English."""
    if module is None:
        return ""
    localised = module.localised()
    return _in_english(localised.title) if localised.is_fallback else localised.title


@register.filter
def module_summary(module) -> str:
    """The module's summary (line breaks kept) in the active language, or in marked English."""
    localised = module.localised()
    if not localised.summary:
        return ""
    if localised.is_fallback or (
        localised.language != "en" and not _has_own_summary(module, localised.language)
    ):
        return _in_english(localised.summary, block=True)
    return linebreaksbr(localised.summary, autoescape=True)


def _has_own_summary(module, language: str) -> bool:
    # A translation may give a title only; its summary is then the English one.
    return any(item.language == language and item.summary for item in module.translations.all())


@register.filter
def item_title(item) -> str:
    """An agenda item's own title, else its module's title as `module_title` shows it."""
    if item.title or not item.module_id:
        return item.title
    return module_title(item.module)


@register.filter
def item_title_text(item) -> str:
    """The same as plain text, for attributes (aria-label, title) where markup cannot go."""
    if item.title or not item.module_id:
        return item.title
    return item.module.localised().title
