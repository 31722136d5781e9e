from django import forms
from django.utils.translation import gettext_lazy as _

from accreditation.models import UnavailabilityPeriod
from people.forms.widgets import DateInput


class UnavailabilityForm(forms.ModelForm):
    class Meta:
        model = UnavailabilityPeriod
        fields = ["start_date", "end_date", "note"]
        widgets = {"start_date": DateInput, "end_date": DateInput}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The period must end on or after the day it starts."))
        return cleaned

    def validate_constraints(self, exclude=None):
        # The check constraint is reported by clean() on the field, in the user's words.
        pass
