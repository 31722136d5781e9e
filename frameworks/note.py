"""The Information Note's relevance section: the operative paragraphs the event serves, with
their text, as the 1540 Committee's notes list them."""

from django.utils import translation
from django.utils.translation import gettext as _

from courses.information_note import NoteSection
from courses.models import TrainingEvent
from frameworks.models import OperativeParagraph


def served_paragraphs(event: TrainingEvent) -> list[OperativeParagraph]:
    return list(
        OperativeParagraph.objects.filter(event_frameworks__event=event)
        .select_related("resolution")
        .prefetch_related("translations")
        .order_by("resolution__number", "number")
    )


def note_section(event: TrainingEvent) -> NoteSection | None:
    paragraphs = served_paragraphs(event)
    if not paragraphs:
        return None
    language = translation.get_language() or "en"
    section = NoteSection(heading=_("Relevance"))
    for resolution in dict.fromkeys(p.resolution for p in paragraphs):
        section.paragraphs.append(
            _("This event was of direct relevance to the following operative paragraphs (OPs) of "
              "%(resolution)s:") % {"resolution": resolution}
        )
        for paragraph in (p for p in paragraphs if p.resolution == resolution):
            text, _language, _fallback = paragraph.localised(language)
            line = f"{paragraph.number}. {text}"
            if paragraph.is_summary:
                line += " " + _("(summary, not the resolution's text)")
            section.paragraphs.append(line)
    return section
