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


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False,
                        widget=forms.TextInput(attrs={"placeholder": _("Name, transliteration or e-mail")}))
    country = forms.ModelChoiceField(Country.objects.all(), required=False, label=_("Country"))
    organisation = forms.ModelChoiceField(Organisation.objects.all(), required=False,
                                          label=_("Organisation"))
    gender = forms.ChoiceField(choices=[("", _("Any gender"))] + list(Gender.choices),
                               required=False, label=_("Gender"))
