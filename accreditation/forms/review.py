import django_filters
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accreditation.models import Expert, ExpertStatus, Proposal
from people.models import Country
from people.models.people import fold_for_search


def _search_experts(queryset, prefix: str, value: str):
    for word in fold_for_search(value).split():
        queryset = queryset.filter(**{f"{prefix}person__search_text__contains": word})
    return queryset


class ProposalFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Expert"), method="search")
    to_status = django_filters.ChoiceFilter(
        choices=ExpertStatus.choices, empty_label=_("Any step"), label=_("Proposed step")
    )

    class Meta:
        model = Proposal
        fields = ["q", "to_status"]

    def search(self, queryset, name, value):
        return _search_experts(queryset, "expert__", value)


ENDING, ENDED = "ending", "ended"


class ExpiringFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Expert"), method="search")
    standing = django_filters.ChoiceFilter(
        label=_("Accreditation"), method="by_standing", empty_label=_("Ending soon or ended"),
        choices=[
            (ENDING, _("Ending in the next 6 months")),
            (ENDED, _("Ended: to renew or record as lapsed")),
        ],
    )
    country = django_filters.ModelChoiceFilter(
        queryset=Country.objects.all(), field_name="person__country", label=_("Country")
    )

    class Meta:
        model = Expert
        fields = ["q", "standing", "country"]

    def search(self, queryset, name, value):
        return _search_experts(queryset, "", value)

    def by_standing(self, queryset, name, value):
        today = timezone.localdate()
        if value == ENDING:
            return queryset.filter(valid_until__gte=today)
        return queryset.filter(valid_until__lt=today)


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
