import datetime

from django import template
from django.utils.formats import date_format

register = template.Library()


@register.filter
def daterange(start: datetime.date, end: datetime.date) -> str:
    """"21–25 June 2021", "28 June – 2 July 2021", "30 December 2021 – 2 January 2022".

    E, not F: after a day number Russian needs the genitive month ("18–22 октября 2021"),
    not the nominative "Октябрь"; languages without such a form get the usual name."""
    if not start:
        return ""
    if not end or start == end:
        return date_format(start, "j E Y")
    if start.year != end.year:
        return f"{date_format(start, 'j E Y')} – {date_format(end, 'j E Y')}"
    if start.month != end.month:
        return f"{date_format(start, 'j E')} – {date_format(end, 'j E Y')}"
    return f"{date_format(start, 'j')}–{date_format(end, 'j E Y')}"
