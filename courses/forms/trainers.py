"""Forms for scheduling events: the event, its dates, agenda, trainers and participants."""


from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import TrainerAssignment
from people.models import Person


class AssignTrainerForm(forms.Form):
    person = forms.ModelChoiceField(Person.objects.none(), label=_("Person"), widget=forms.HiddenInput)
    role = forms.ChoiceField(choices=TrainerAssignment.Role.choices, label=_("Role"))
    override_reason = forms.CharField(
        label=_("Reason for overriding a double booking"), required=False,
        help_text=_("Only when the person is booked on an overlapping event and should be assigned anyway."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(erased_at__isnull=True).order_by(
            "family_name", "given_name"
        )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "person", "role", "override_reason", Submit("save", _("Assign")),
        )
