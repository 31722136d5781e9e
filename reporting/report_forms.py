"""What a donor or programme report is for: whom, which period, which language."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from people.models import Organisation

from .models import REPORT_LANGUAGES, ReportFrequency, ReportKind


class EndonymSelect(forms.Select):
    """Languages named in themselves, each option marked with its language (lang="fr")."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        if value:
            option["attrs"]["lang"] = str(value)
        return option


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    language = forms.ChoiceField(
        label=_("Language of the PDF and XLSX"),
        choices=[("", "—"), *REPORT_LANGUAGES],
        required=False,
        widget=EndonymSelect,
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("The period starts after it ends."))
        return data

    def chosen_language(self, default: str) -> str:
        language = (self.cleaned_data.get("language") if self.is_valid() else "") or default
        return language if language in dict(settings.LANGUAGES) else "en"


class DonorReportForm(PeriodForm):
    donor = forms.ModelChoiceField(label=_("Donor"), queryset=Organisation.objects.none())
    grant = forms.CharField(label=_("Grant or project (optional)"), required=False, max_length=200)
    field_order = ["donor", "grant", "start", "end", "language"]

    def __init__(self, *args, donors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["donor"].queryset = donors


class ScheduleForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=ReportKind.choices)
    frequency = forms.ChoiceField(label=_("Frequency"), choices=ReportFrequency.choices)
    donor = forms.ModelChoiceField(
        label=_("Donor (donor reports)"), queryset=Organisation.objects.none(), required=False
    )
    grant = forms.CharField(label=_("Grant or project (optional)"), required=False, max_length=200)
    language = forms.ChoiceField(label=_("Language"), choices=REPORT_LANGUAGES, widget=EndonymSelect)
    recipients = forms.CharField(
        label=_("Recipients"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E-mail addresses, one a line."),
    )

    def __init__(self, *args, donors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["donor"].queryset = donors
