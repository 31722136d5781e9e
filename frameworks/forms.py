from django import forms
from django.utils.translation import gettext_lazy as _

from frameworks.models import LANGUAGES, OperativeParagraph, ProgrammeArea, Resolution
from people.models import Organisation


class ParagraphForm(forms.Form):
    resolution = forms.ModelChoiceField(Resolution.objects.all(), label=_("Resolution"))
    number = forms.IntegerField(label=_("Number"), min_value=1)
    text = forms.CharField(label=_("Text (English)"), widget=forms.Textarea(attrs={"rows": 5}))
    is_summary = forms.BooleanField(
        label=_("Summary only"), required=False,
        help_text=_("The text is a short neutral summary, not the resolution's own words."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, name in LANGUAGES:
            self.fields[f"text_{code}"] = forms.CharField(
                label=name, required=False, widget=forms.Textarea(attrs={"rows": 4, "lang": code}),
                help_text=_("Leave empty where no faithful translation is at hand: English is shown, "
                            "marked as such."),
            )

    @staticmethod
    def initial_for(paragraph: OperativeParagraph) -> dict:
        initial = {"resolution": paragraph.resolution, "number": paragraph.number, "text": paragraph.text,
                   "is_summary": paragraph.is_summary}
        for item in paragraph.translations.all():
            initial[f"text_{item.language}"] = item.text
        return initial

    def translations(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"text_{code}", "") for code, _name in LANGUAGES}


class EventFrameworkForm(forms.Form):
    programme_area = forms.ChoiceField(
        label=_("Programme area"), required=False, choices=[("", "—"), *ProgrammeArea.choices]
    )
    paragraphs = forms.ModelMultipleChoiceField(
        OperativeParagraph.objects.select_related("resolution"), label=_("Operative paragraphs served"),
        required=False, widget=forms.CheckboxSelectMultiple,
    )


class FundingSourceForm(forms.Form):
    donor = forms.ModelChoiceField(Organisation.objects.order_by("name"), label=_("Donor"))
    grant = forms.CharField(label=_("Grant or project"), required=False, max_length=200)
    amount = forms.DecimalField(
        label=_("Amount"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    currency = forms.CharField(label=_("Currency"), required=False, max_length=3,
                               help_text=_("For example EUR, USD, CHF."))
