from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from accreditation.models import EvaluationResult, Expert
from courses.models import Module, TrainerAssignment, TrainingEvent
from people.forms.widgets import DateInput
from people.models import Organisation, Person


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
