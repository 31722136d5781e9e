import datetime

from django import template

from courses.dates import format_date_range

register = template.Library()


@register.filter
def daterange(start: datetime.date, end: datetime.date) -> str:
    """ "18–22 October 2021", "28 June – 2 July 2021", in the active language."""
    return format_date_range(start, end)
