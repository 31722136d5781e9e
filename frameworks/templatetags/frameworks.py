from django import template

from frameworks.models import EventFramework, FundingSource, OperativeParagraph

register = template.Library()


@register.simple_tag
def event_frameworks(event) -> dict:
    """What the event page shows: the programme area, the paragraphs served, the funding."""
    framework = EventFramework.objects.filter(event=event).first()
    paragraphs = (
        list(OperativeParagraph.objects.filter(event_frameworks=framework).select_related("resolution"))
        if framework else []
    )
    sources = list(FundingSource.objects.filter(event=event).select_related("donor"))
    return {"framework": framework, "paragraphs": paragraphs, "sources": sources}


@register.simple_tag
def localised_paragraph(paragraph: OperativeParagraph) -> dict:
    text, language, fallback = paragraph.localised()
    return {"text": text, "language": language, "is_fallback": fallback}
