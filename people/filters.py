"""Filters shared by the lists of several apps."""

import django_filters
from django import forms

# Dates in the database run from year 1 to 9999; a year outside the programme's lifetime is a
# typo or a crafted URL, and a year past 9999 crashes the date lookup (a 500, not a message).
FIRST_YEAR, LAST_YEAR = 1900, 2100


class YearFilter(django_filters.NumberFilter):
    """A whole year; anything else is a form error shown next to the field, never a crash."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", FIRST_YEAR)
        kwargs.setdefault("max_value", LAST_YEAR)
        super().__init__(*args, **kwargs)
