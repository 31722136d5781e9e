import django_filters
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from accreditation.models import HomeTraining, HomeTrainingStatus
from courses.models import Module
from people.forms.widgets import DateInput
from people.models import Country, Organisation
from people.models.people import fold_for_search


class HomeTrainingForm(forms.ModelForm):
    """What the expert says of a training they delivered: the participants come apart, by the
    import or as the counts at the end of this form."""

    class Meta:
        model = HomeTraining
        fields = [
            "title",
            "start_date",
            "end_date",
            "format",
            "place",
            "country",
            "language",
            "host_administration",
            "modules",
            "participants_given",
            "women",
            "men",
            "another_gender",
            "gender_not_recorded",
        ]
        widgets = {
            "start_date": DateInput,
            "end_date": DateInput,
            "modules": forms.SelectMultiple(attrs={"size": 8}),
            "participants_given": forms.RadioSelect,
        }
        help_texts = {
            "place": _("The town and venue, or the platform of a virtual training."),
            "modules": _("The WCO curriculum modules you taught."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["modules"].queryset = Module.objects.filter(active=True)
        self.fields["host_administration"].queryset = Organisation.objects.select_related("country")
        self.fields["country"].queryset = Country.objects.all()
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "title",
            Row(Column("start_date"), Column("end_date"), Column("format")),
            Row(Column("place"), Column("country")),
            Row(Column("language"), Column("host_administration")),
            "modules",
            "participants_given",
            Fieldset(
                _("Participants by gender (only when names cannot be shared)"),
                Row(Column("women"), Column("men"), Column("another_gender"), Column("gender_not_recorded")),
            ),
            Submit("save", _("Save the report")),
        )


class ReviewForm(forms.Form):
    ACCEPT, CHANGES, DECLINE = "accept", "changes", "decline"
    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[(ACCEPT, _("Accept")), (CHANGES, _("Ask for changes")), (DECLINE, _("Decline"))],
    )
    reason = forms.CharField(
        label=_("Notes for the expert"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when you ask for changes or decline: the expert reads it."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout("decision", "reason", Submit("decide", _("Record the decision")))


def _years():
    return [(year, str(year)) for year in range(2010, 2041)]


class HomeTrainingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Expert"), method="search")
    status = django_filters.ChoiceFilter(
        choices=HomeTrainingStatus.choices, empty_label=_("Any status"), label=_("Status")
    )
    country = django_filters.ModelChoiceFilter(queryset=Country.objects.all(), label=_("Country"))
    year = django_filters.ChoiceFilter(
        choices=_years, field_name="start_date__year", empty_label=_("Any year"), label=_("Year")
    )

    class Meta:
        model = HomeTraining
        fields = ["q", "status", "country", "year"]

    def search(self, queryset, name, value):
        for word in fold_for_search(value).split():
            queryset = queryset.filter(expert__person__search_text__contains=word)
        return queryset


class OwnHomeTrainingFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=HomeTrainingStatus.choices, empty_label=_("Any status"), label=_("Status")
    )

    class Meta:
        model = HomeTraining
        fields = ["status"]
