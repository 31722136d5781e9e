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
    language = django_filters.ModelChoiceFilter(
        queryset=Language.objects.all(), field_name="languages", label=_("Language")
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

    class Meta:
        model = Expert
        fields = [
            "q", "status", "language", "region", "country", "module", "gender", "available_from",
            "available_to",
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
