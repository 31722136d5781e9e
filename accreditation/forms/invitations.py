from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from accreditation.models import EvaluationResult, Expert
from courses.models import Module, TrainerAssignment
from documents.uploads import UploadValidator

# A co-delivery report goes through the shared upload gate (documents/uploads.py) like a
# nomination letter: its magic bytes and size are read before anything is stored.
REPORT_CHECK = UploadValidator(kinds={"pdf"}, max_bytes=10 * 1024 * 1024)


class _NoTag:
    def _helper(self):
        self.helper = FormHelper()
        self.helper.form_tag = False


class InviteForm(_NoTag, forms.Form):
    experts = forms.ModelMultipleChoiceField(
        Expert.objects.none(), label=_("Experts"), widget=forms.CheckboxSelectMultiple
    )
    role = forms.ChoiceField(label=_("Role"), choices=TrainerAssignment.Role.choices, initial="co_trainer")
    message = forms.CharField(
        label=_("Message to the experts"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, experts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["experts"].queryset = experts
        self.fields["experts"].label_from_instance = lambda e: (
            f"{e.person.full_name} ({e.get_status_display()})"
        )
        self._helper()


class DeclineForm(_NoTag, forms.Form):
    reason = forms.CharField(label=_("Why do you decline?"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper()


class CoDeliveryForm(_NoTag, forms.Form):
    delivered_from = forms.DateField(
        label=_("Delivered from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    delivered_to = forms.DateField(label=_("Delivered to"), widget=forms.DateInput(attrs={"type": "date"}))
    modules = forms.ModelMultipleChoiceField(
        Module.objects.all(), label=_("Modules delivered"), widget=forms.CheckboxSelectMultiple
    )
    assessor = forms.ModelChoiceField(None, label=_("Assessor"))
    summary = forms.CharField(
        label=_("What you delivered"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    attachment = forms.FileField(label=_("Report (PDF)"), required=False, validators=[REPORT_CHECK])

    def __init__(self, *args, assessors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessor"].queryset = assessors
        self.fields["assessor"].label_from_instance = lambda p: p.full_name
        self._helper()


class AssessmentForm(_NoTag, forms.Form):
    result = forms.ChoiceField(
        label=_("Result"),
        widget=forms.RadioSelect,
        choices=[
            (EvaluationResult.PASSED, EvaluationResult.PASSED.label),
            (EvaluationResult.FAILED, EvaluationResult.FAILED.label),
        ],
    )
    evaluation = forms.CharField(label=_("Your evaluation"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper()
