"""Widgets shared by the forms of every app."""

from django import forms


class DateInput(forms.DateInput):
    """The browser's date picker; the value is always ISO (YYYY-MM-DD) whatever the language."""

    input_type = "date"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%Y-%m-%d")
        super().__init__(**kwargs)
