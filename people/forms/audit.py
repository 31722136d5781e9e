from django import forms
from django.utils.translation import gettext_lazy as _

from people.forms.widgets import DateInput


class AuditFilterForm(forms.Form):
    model = forms.ChoiceField(label=_("Kind of record"), required=False)
    user = forms.ModelChoiceField(label=_("Changed by"), queryset=None, required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput)
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput)

    def __init__(self, *args, models=(), **kwargs):
        from django.contrib.auth.models import User

        super().__init__(*args, **kwargs)
        self.fields["model"].choices = [("", _("All kinds"))] + [
            (m._meta.label_lower, str(m._meta.verbose_name).capitalize()) for m in models
        ]
        self.fields["user"].queryset = User.objects.order_by("username")
