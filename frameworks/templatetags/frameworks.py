from django import template
from django.db.models import Prefetch

from frameworks.models import EventFramework, FundingSource, OperativeParagraph

register = template.Library()


@register.simple_tag
def event_frameworks(event) -> dict:
    """What the event page shows: the programme area, the paragraphs served, the funding."""
    framework = (
        EventFramework.objects.filter(event=event)
        .prefetch_related(Prefetch("paragraphs", OperativeParagraph.objects.select_related("resolution")))
        .first()
    )
    paragraphs = list(framework.paragraphs.all()) if framework else []
    sources = list(FundingSource.objects.filter(event=event).select_related("donor"))
    return {"framework": framework, "paragraphs": paragraphs, "sources": sources}


@register.simple_tag
def localised_paragraph(paragraph: OperativeParagraph) -> dict:
    text, language, fallback = paragraph.localised()
    return {"text": text, "language": language, "is_fallback": fallback}
