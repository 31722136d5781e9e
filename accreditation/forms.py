from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from accreditation.models import EvaluationResult, Expert, ExpertStatus
from courses.models import Module, TrainerAssignment, TrainingEvent
from people.models import Country, Gender, Language, Organisation, Person, Region


class DateInput(forms.DateInput):
    input_type = "date"


class ExpertProfileForm(forms.ModelForm):
    class Meta:
        model = Expert
        fields = ["nominating_administration", "languages", "modules", "profile"]
        widgets = {"languages": forms.CheckboxSelectMultiple,
                   "modules": forms.SelectMultiple(attrs={"size": 10})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominating_administration"].queryset = Organisation.objects.filter(
            kind=Organisation.Kind.CUSTOMS
        ).select_related("country")
        self.fields["modules"].queryset = Module.objects.filter(active=True)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "nominating_administration", Row(Column("languages", css_class="col-md-4"),
                                             Column("modules", css_class="col-md-8")),
            "profile", Submit("save", _("Save")),
        )


class NominationForm(ExpertProfileForm):
    person = forms.ModelChoiceField(
        Person.objects.none(), label=_("Person"),
        help_text=_("Add them in People first if they are not listed."),
    )
    nominated_on = forms.DateField(label=_("Nominated on"), widget=DateInput, required=False)

    class Meta(ExpertProfileForm.Meta):
        fields = ["nominating_administration", "languages", "modules", "profile"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(
            erased_at__isnull=True, expert__isnull=True
        ).select_related("country")
        self.helper.layout = Layout(
            Row(Column("person"), Column("nominated_on")),
            "nominating_administration", Row(Column("languages", css_class="col-md-4"),
                                             Column("modules", css_class="col-md-8")),
            "profile", Submit("save", _("Nominate")),
        )


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


class WorkshopPlaceForm(forms.Form):
    event = forms.ModelChoiceField(TrainingEvent.objects.none(), label=_("Workshop"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = TrainingEvent.objects.filter(
            kind=TrainingEvent.Kind.TTT
        ).exclude(status=TrainingEvent.Status.CANCELLED).order_by("-start_date")


class WorkshopResultForm(forms.Form):
    event = forms.ModelChoiceField(TrainingEvent.objects.none(), label=_("Workshop"))
    attended = forms.BooleanField(label=_("Attended the workshop"), required=False, initial=True)
    result = forms.ChoiceField(label=_("Evaluation result"), choices=EvaluationResult.choices)
    evaluation = forms.CharField(label=_("Evaluation"), widget=forms.Textarea(attrs={"rows": 3}),
                                 required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = TrainingEvent.objects.filter(
            kind=TrainingEvent.Kind.TTT
        ).exclude(status__in=[TrainingEvent.Status.CANCELLED, TrainingEvent.Status.DRAFT]).order_by(
            "-start_date"
        )
        self.helper = FormHelper()
        self.helper.layout = Layout("event", "attended", "result", "evaluation",
                                    Submit("save", _("Record")))


class CoDeliveryForm(forms.Form):
    assignment = forms.ModelChoiceField(TrainerAssignment.objects.none(),
                                        label=_("Training co-delivered"))
    assessor = forms.ModelChoiceField(Person.objects.none(), label=_("Assessor"))
    result = forms.ChoiceField(label=_("Assessor's evaluation"), choices=EvaluationResult.choices)
    evaluation = forms.CharField(label=_("Evaluation"), widget=forms.Textarea(attrs={"rows": 3}),
                                 required=False)

    def __init__(self, *args, expert: Expert, **kwargs):
        super().__init__(*args, **kwargs)
        from accreditation.workflow import co_delivery_assignments

        self.fields["assignment"].queryset = co_delivery_assignments(expert)
        self.fields["assignment"].label_from_instance = lambda a: (
            f"{a.event.title} ({a.event.start_date:%d %b %Y}) – {a.get_role_display()}"
        )
        # Assessors are people assigned as mentor / assessor on an event the expert trained on.
        self.fields["assessor"].queryset = Person.objects.filter(
            assignments__role=TrainerAssignment.Role.ASSESSOR,
            assignments__event__assignments__person=expert.person_id,
        ).exclude(pk=expert.person_id).distinct()
        self.helper = FormHelper()
        self.helper.layout = Layout("assignment", "assessor", "result", "evaluation",
                                    Submit("save", _("Record")))


class RefresherForm(forms.Form):
    event = forms.ModelChoiceField(TrainingEvent.objects.none(), label=_("Event delivered or attended"))
    evaluation = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}),
                                 required=False)

    def __init__(self, *args, expert: Expert, **kwargs):
        super().__init__(*args, **kwargs)
        from django.db.models import Q

        self.fields["event"].queryset = TrainingEvent.objects.filter(
            Q(assignments__person=expert.person_id) | Q(enrolments__person=expert.person_id),
            status=TrainingEvent.Status.COMPLETED,
        ).distinct().order_by("-start_date")
        self.helper = FormHelper()
        self.helper.layout = Layout("event", "evaluation", Submit("save", _("Record")))


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


class AssignForm(forms.Form):
    event = forms.ModelChoiceField(TrainingEvent.objects.none(), widget=forms.HiddenInput)
    role = forms.ChoiceField(choices=TrainerAssignment.Role.choices, initial="co_trainer")
    override_reason = forms.CharField(required=False, label=_("Reason to override a double booking"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = TrainingEvent.objects.visible_to(user)
