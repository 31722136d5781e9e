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


class ErasureForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=80,
        help_text=_("For example: the person's request of 3 March, reference DP-2026-014."),
    )
    confirm = forms.BooleanField(
        label=_("I understand that the name, e-mail address and position are removed for good."),
    )


DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AuditFilterForm(forms.Form):
    model = forms.ChoiceField(label=_("Kind of record"), required=False)
    user = forms.ModelChoiceField(label=_("Changed by"), queryset=None, required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE_INPUT)
    date_to = forms.DateField(label=_("To"), required=False, widget=DATE_INPUT)

    def __init__(self, *args, models=(), **kwargs):
        from django.contrib.auth.models import User

        super().__init__(*args, **kwargs)
        self.fields["model"].choices = [("", _("All kinds"))] + [
            (m._meta.label_lower, str(m._meta.verbose_name).capitalize()) for m in models
        ]
        self.fields["user"].queryset = User.objects.order_by("username")


class UnlockForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    ip_address = forms.GenericIPAddressField(
        label=_("Address"), required=False,
        help_text=_("Leave empty to clear the attempts from every address."),
    )
