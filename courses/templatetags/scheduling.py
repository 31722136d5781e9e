import datetime

from django import template
from django.utils.formats import date_format

register = template.Library()


@register.filter
def daterange(start: datetime.date, end: datetime.date) -> str:
    """"21–25 June 2021", "28 June – 2 July 2021", "30 December 2021 – 2 January 2022"."""
    if not start:
        return ""
    if not end or start == end:
        return date_format(start, "j F Y")
    if start.year != end.year:
        return f"{date_format(start, 'j F Y')} – {date_format(end, 'j F Y')}"
    if start.month != end.month:
        return f"{date_format(start, 'j F')} – {date_format(end, 'j F Y')}"
    return f"{date_format(start, 'j')}–{date_format(end, 'j F Y')}"
