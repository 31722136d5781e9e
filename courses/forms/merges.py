"""Forms for scheduling events: the event, its dates, agenda, trainers and participants."""


from django import forms
from django.utils.translation import gettext_lazy as _

from people.models import Person


class MergeForm(forms.Form):
    other = forms.ModelChoiceField(
        Person.objects.filter(erased_at__isnull=True), widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("That record no longer exists.")},
    )
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
