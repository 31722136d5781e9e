"""The reference list of operative paragraphs, kept by coordinators."""

from collections.abc import Mapping

from django.db import transaction
from django.utils.translation import gettext as _

from frameworks.models import LANGUAGES, OperativeParagraph, ParagraphTranslation, Resolution
from people.errors import DomainError


@transaction.atomic
def save_paragraph(
    *, paragraph: OperativeParagraph | None = None, resolution: Resolution, number: int, text: str,
    is_summary: bool, translations: Mapping[str, str], by=None,
) -> OperativeParagraph:
    """Add an operative paragraph (when `paragraph` is None) or change one: its number, its
    English text, whether that text is only a summary, and its fr/es/ru texts (an empty text
    removes the translation, which is then shown as missing)."""
    clash = OperativeParagraph.objects.filter(resolution=resolution, number=number)
    if paragraph is not None:
        clash = clash.exclude(pk=paragraph.pk)
    if clash.exists():
        raise DomainError(_("This resolution already has an operative paragraph with this number."),
                          field="number")
    if not text.strip():
        raise DomainError(_("Give the paragraph's text in English."), field="text")
    paragraph = paragraph or OperativeParagraph()
    paragraph.resolution, paragraph.number = resolution, number
    paragraph.text, paragraph.is_summary = text.strip(), is_summary
    if by is not None:
        paragraph._history_user = by
    paragraph.save()
    for language, _name in LANGUAGES:
        value = (translations.get(language) or "").strip()
        existing = ParagraphTranslation.objects.filter(paragraph=paragraph, language=language).first()
        if existing and not value:
            existing.delete()
        elif value and (existing is None or existing.text != value):
            item = existing or ParagraphTranslation(paragraph=paragraph, language=language)
            item.text = value
            if by is not None:
                item._history_user = by
            item.save()
    return paragraph
