from django import forms
from django.utils.translation import gettext_lazy as _


class TemplateForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=300)
    body = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 16, "class": "font-monospace"})
    )
