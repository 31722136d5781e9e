from django import forms
from django.utils.translation import gettext_lazy as _


class ErasureForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=80,
        help_text=_("For example: the person's request of 3 March, reference DP-2026-014."),
    )
    confirm = forms.BooleanField(
        label=_("I understand that the name, e-mail address and position are removed for good."),
    )
