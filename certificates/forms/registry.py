import django_filters
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from certificates.models import Certificate
from certificates.snapshot import CERTIFICATE_LANGUAGES
from people.filters import YearFilter
from people.models.people import fold_for_search

STATUS_FILTERS = {
    Certificate.Status.VALID: Q(revoked_at__isnull=True, superseded_at__isnull=True),
    Certificate.Status.REVOKED: Q(revoked_at__isnull=False),
    Certificate.Status.SUPERSEDED: Q(superseded_at__isnull=False),
}


class CertificateFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name or serial number"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Certificate.Kind.choices)
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Certificate.Status.choices, method="by_status"
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=[(c, c.upper()) for c in CERTIFICATE_LANGUAGES]
    )
    event = django_filters.ModelChoiceFilter(
        label=_("Training"), queryset=None, method="by_event", empty_label=_("All trainings")
    )
    year = YearFilter(label=_("Year issued"), field_name="issued_at", lookup_expr="year")

    class Meta:
        model = Certificate
        fields = ["q", "kind", "status", "language", "event", "year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from courses.models import TrainingEvent

        self.filters["event"].queryset = TrainingEvent.objects.delivered().order_by("-start_date", "title")

    def by_event(self, queryset, name, value):
        return queryset.filter(event=value) if value else queryset

    def search(self, queryset, name, value):
        value = value.strip()
        folded = fold_for_search(value)
        return queryset.filter(
            Q(serial__icontains=value)
            | Q(holder__search_text__contains=folded)
            | Q(holder_name__icontains=value)
        )

    def by_status(self, queryset, name, value):
        return queryset.filter(STATUS_FILTERS[value]) if value in STATUS_FILTERS else queryset


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revocation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Kept in the registry. The public verify page says only that and when it was revoked."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("revoke", _("Revoke the certificate"), css_class="btn-danger"))


class IssueOneForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of certificate"),
        choices=[
            (k, label)
            for k, label in Certificate.Kind.choices
            if k not in (Certificate.Kind.ACCREDITATION, Certificate.Kind.HOME_TRAINING)
        ],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("issue", _("Issue the certificate")))


class PreviewForm(forms.Form):
    name = forms.CharField(label=_("Sample name"), max_length=200, initial="José Núñez Peña")
    language = forms.ChoiceField(
        label=_("Language"), choices=[(c, c.upper()) for c in CERTIFICATE_LANGUAGES], initial="en"
    )
