from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from accreditation.models import ExpertStatus


class ProposalForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Proposed step"))
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, steps, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [
            (s.to_status, f"{s.label} → {ExpertStatus(s.to_status).label}") for s in steps
        ]
        self.helper = FormHelper()
        self.helper.layout = Layout("to_status", "rationale", Submit("save", _("Propose")))


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"), coerce=lambda v: v == "yes",
        choices=[("yes", _("Approve")), ("no", _("Reject"))], widget=forms.RadioSelect,
    )
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 2}))
