import django_filters
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from people.models import Country, Gender, Organisation, Person


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "given_name", "family_name", "latin_name", "gender", "country", "organisation",
            "position", "email", "preferred_language",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.select_related("country")
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Row(Column("given_name"), Column("family_name")),
            "latin_name",
            Row(Column("gender"), Column("preferred_language")),
            Row(Column("country"), Column("organisation")),
            Row(Column("position"), Column("email")),
            Submit("save", _("Save")),
        )

    def clean_email(self):
        email = (self.cleaned_data.get("email") or "").strip()
        if not email:
            return None
        clash = Person.objects.filter(email__iexact=email)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(
                _("Another person already has this e-mail address: %(name)s."),
                params={"name": clash.first().full_name},
                code="duplicate_email",
            )
        return email


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"), method="search",
        widget=forms.TextInput(attrs={"placeholder": _("Name, transliteration or e-mail")}),
    )
    country = django_filters.ModelChoiceFilter(queryset=Country.objects.all(), label=_("Country"))
    organisation = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.all(), label=_("Organisation")
    )
    gender = django_filters.ChoiceFilter(
        choices=Gender.choices, empty_label=_("Any gender"), label=_("Gender")
    )

    class Meta:
        model = Person
        fields = ["q", "country", "organisation", "gender"]

    def search(self, queryset, name, value):
        return queryset.search(value)
