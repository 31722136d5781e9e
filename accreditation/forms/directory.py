import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from accreditation.models import Expert, ExpertStatus
from courses.models import Module, TrainerAssignment, TrainingEvent
from people.forms.widgets import DateInput
from people.models import Country, Gender, Language, Region
from people.models.people import fold_for_search


class ExpertFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        start, end = data.get("available_from"), data.get("available_to")
        if bool(start) != bool(end):
            raise forms.ValidationError(_("Give both dates to check availability."))
        if start and end and end < start:
            raise forms.ValidationError(_("The end date is before the start date."))
        return data


# Who "Find trainers" offers unless the user asks for another status.
TRAINER_STATUSES = (ExpertStatus.ACCREDITED, ExpertStatus.PRE_ACCREDITED)


class ExpertFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(
        label=_("Status"), method="by_status", empty_label=_("Accredited and pre-accredited"),
        choices=[("all", _("Any status")), *ExpertStatus.choices],
    )
    # Each filter on a many-to-many matches one value, so no expert appears twice: no DISTINCT.
    # Several languages are conjoined: an event taught in English and Russian needs trainers who
    # teach in both, and each language is its own join, so still one row per expert.
    language = django_filters.ModelMultipleChoiceFilter(
        queryset=Language.objects.all(), field_name="languages", label=_("Languages (all of)"),
        conjoined=True, distinct=False,
    )
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.all(), field_name="person__country__region", label=_("WCO region")
    )
    country = django_filters.ModelChoiceFilter(
        queryset=Country.objects.all(), field_name="person__country", label=_("Country")
    )
    module = django_filters.ModelChoiceFilter(
        queryset=Module.objects.filter(active=True), field_name="modules", label=_("Module")
    )
    gender = django_filters.ChoiceFilter(
        choices=Gender.choices, empty_label=_("Any gender"), field_name="person__gender", label=_("Gender")
    )
    available_from = django_filters.DateFilter(
        label=_("Available from"), method="available", widget=DateInput
    )
    available_to = django_filters.DateFilter(label=_("to"), method="available", widget=DateInput)
    valid_through = django_filters.DateFilter(
        label=_("Accredited through"), method="by_validity", widget=DateInput,
        help_text=_("Leaves out experts whose accreditation ends before this day."),
    )
    include_ending = django_filters.BooleanFilter(
        label=_("Also show experts whose accreditation ends before then"), method="keep",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Expert
        fields = [
            "q", "status", "language", "region", "country", "module", "gender", "available_from",
            "available_to", "valid_through", "include_ending",
        ]
        form = ExpertFilterForm

    def filter_queryset(self, queryset):
        if not self.form.is_valid():
            # Wrong dates would offer trainers who may be busy: show nobody, and say why.
            return queryset.none()
        if not self.form.cleaned_data.get("status"):
            queryset = queryset.filter(status__in=TRAINER_STATUSES)
        return super().filter_queryset(queryset)

    def search(self, queryset, name, value):
        for word in fold_for_search(value).split():
            queryset = queryset.filter(person__search_text__contains=word)
        return queryset

    def by_status(self, queryset, name, value):
        return queryset if value == "all" else queryset.filter(status=value)

    def by_validity(self, queryset, name, value):
        # A validity date is all that tells apart an accredited expert who can still teach on the
        # event's last day; lapsed, suspended and withdrawn experts are already left out by status.
        if self.form.cleaned_data.get("include_ending"):
            return queryset
        return queryset.valid_through(value)

    def keep(self, queryset, name, value):
        # Only changes what valid_through does.
        return queryset

    def available(self, queryset, name, value):
        # Both dates together make one filter; the form's clean() insists on both.
        if name == "available_from":
            return queryset.available_between(value, self.form.cleaned_data["available_to"])
        return queryset


class AssignForm(forms.Form):
    event = forms.ModelChoiceField(TrainingEvent.objects.none(), widget=forms.HiddenInput)
    role = forms.ChoiceField(choices=TrainerAssignment.Role.choices, initial="co_trainer")
    override_reason = forms.CharField(required=False, label=_("Reason to override a double booking"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = TrainingEvent.objects.visible_to(user)
