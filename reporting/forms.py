"""The filters that apply to a whole dashboard."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import TrainingEvent

from .figures import Filters

FIRST_YEAR = 2010  # the STCE Programme started well after this


class DashboardFilterForm(forms.Form):
    year_from = forms.TypedChoiceField(label=_("From year"), coerce=int, required=False, empty_value=None)
    year_to = forms.TypedChoiceField(label=_("To year"), coerce=int, required=False, empty_value=None)
    region = forms.ChoiceField(label=_("WCO region"), required=False)
    kind = forms.ChoiceField(label=_("Kind of training"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args, labels, **kwargs):
        """`labels` (reporting.tables.Labels) provides the choices without more queries."""
        super().__init__(*args, **kwargs)
        years = [("", _("Any"))] + [
            (str(y), str(y)) for y in range(timezone.localdate().year + 1, FIRST_YEAR - 1, -1)
        ]
        self.fields["year_from"].choices = years
        self.fields["year_to"].choices = years
        self.fields["region"].choices = [("", _("Any region"))] + list(labels.regions.items())
        self.fields["kind"].choices = [("", _("Any kind"))] + list(TrainingEvent.Kind.choices)
        self.fields["language"].choices = [("", _("Any language"))] + list(labels.languages.items())

    def clean(self):
        data = super().clean()
        start, end = data.get("year_from"), data.get("year_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The first year of the period comes after the last."))
        return data

    def filters(self) -> Filters:
        """The chosen filters, or none at all when the form is not valid."""
        if not self.is_bound or not self.is_valid():
            return Filters()
        data = self.cleaned_data
        return Filters(
            year_from=data.get("year_from"),
            year_to=data.get("year_to"),
            region=data.get("region") or None,
            kind=data.get("kind") or None,
            language=data.get("language") or None,
        )
