from django import forms
from django.utils.translation import gettext_lazy as _

from accreditation.models import ExpertStatus
from courses.models import Module, TrainerAssignment, TrainingEvent
from people.forms.widgets import DateInput
from people.models import Country, Gender, Language, Region


class ExpertFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Accredited and pre-accredited"))]
                               + [("all", _("Any status"))] + list(ExpertStatus.choices))
    language = forms.ModelChoiceField(Language.objects.all(), required=False, label=_("Language"))
    region = forms.ModelChoiceField(Region.objects.all(), required=False, label=_("WCO region"))
    country = forms.ModelChoiceField(Country.objects.all(), required=False, label=_("Country"))
    module = forms.ModelChoiceField(Module.objects.filter(active=True), required=False,
                                    label=_("Module"))
    gender = forms.ChoiceField(choices=[("", _("Any gender"))] + list(Gender.choices),
                               required=False, label=_("Gender"))
    available_from = forms.DateField(label=_("Available from"), required=False, widget=DateInput)
    available_to = forms.DateField(label=_("to"), required=False, widget=DateInput)

    def clean(self):
        data = super().clean()
        start, end = data.get("available_from"), data.get("available_to")
        if bool(start) != bool(end):
            raise forms.ValidationError(_("Give both dates to check availability."))
        if start and end and end < start:
            raise forms.ValidationError(_("The end date is before the start date."))
        return data


class AssignForm(forms.Form):
    event = forms.ModelChoiceField(TrainingEvent.objects.none(), widget=forms.HiddenInput)
    role = forms.ChoiceField(choices=TrainerAssignment.Role.choices, initial="co_trainer")
    override_reason = forms.CharField(required=False, label=_("Reason to override a double booking"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = TrainingEvent.objects.visible_to(user)
