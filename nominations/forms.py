import django_filters
from crispy_forms.helper import FormHelper
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from courses.forms.participants import ImportUploadForm
from documents.uploads import UploadValidator
from people.models import Country, Organisation, Person

from .models import LETTER_MAX_BYTES, FocalPoint, Nomination

# The one place that checks a nomination letter: the shared upload gate (documents/uploads.py)
# reads its magic bytes and size.
LETTER_CHECK = UploadValidator(kinds={"pdf"}, max_bytes=LETTER_MAX_BYTES)


class _Crispy:
    def _helper(self):
        self.helper = FormHelper()
        self.helper.form_tag = False


class InvitationForm(_Crispy, forms.Form):
    country = forms.ModelChoiceField(queryset=Country.objects.all(), label=_("Country"))
    seats = forms.IntegerField(min_value=1, max_value=500, label=_("Seats"))
    deadline = forms.DateField(label=_("Nomination deadline"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper()


class DecisionForm(_Crispy, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper()


class NominationForm(_Crispy, forms.ModelForm):
    consent = forms.BooleanField(
        label=_("The nominee has read the privacy notice and agrees to their data being processed."),
        required=True,
    )
    letter_file = forms.FileField(
        label=_("Nomination letter (PDF)"),
        required=False,
        validators=[LETTER_CHECK],
    )

    class Meta:
        model = Nomination
        fields = [
            "given_name",
            "family_name",
            "latin_name",
            "gender",
            "position",
            "organisation",
            "email",
            "preferred_language",
        ]

    def __init__(self, *args, countries=(), **kwargs):
        super().__init__(*args, **kwargs)
        organisations = self.fields["organisation"].queryset
        self.fields["organisation"].queryset = organisations.filter(country__in=countries)
        self._helper()


class NominationListForm(ImportUploadForm):
    """The participant import's upload (and its upload gate) with the nominations' columns."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = _("List of nominees (.csv or .xlsx)")
        self.fields["file"].help_text = _(
            "First row: column names. Needed: given name, family name, e-mail. Optional: gender, "
            "position, organisation, name in Latin script, preferred language, country (yours if empty)."
        )


class NominationListCommitForm(_Crispy, forms.Form):
    """What the list's rows cannot say: one consent for all, and the letter that names them."""

    consent = forms.BooleanField(
        label=_(
            "Every official on this list has read the privacy notice and agrees to their data being "
            "processed."
        ),
        required=True,
    )
    letter_file = forms.FileField(
        label=_("Nomination letter for the whole list (PDF)"),
        help_text=_("The letter is attached to every official nominated from this list."),
        required=False,
        validators=[LETTER_CHECK],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper()


class FocalPointInviteForm(_Crispy, forms.Form):
    given_name = forms.CharField(label=_("Given name"), max_length=150, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail"), max_length=254,
        help_text=_("The invitation, with the link to choose a password, goes to this address."),
    )
    countries = forms.ModelMultipleChoiceField(
        queryset=Country.objects.all(), label=_("Countries"),
        help_text=_(
            "The focal point nominates officials of these countries and sees only their invitations."
        ),
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.select_related("country"), required=False,
        label=_("Administration (optional)"),
        help_text=_("Only when the focal point nominates for one administration of their country."),
    )
    preferred_language = forms.ChoiceField(
        choices=Person.PreferredLanguage.choices, initial=Person.PreferredLanguage.EN,
        label=_("Language of the e-mails"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper()


class FocalPointFilter(django_filters.FilterSet):
    ACTIVE, WITHDRAWN, ANY = "active", "withdrawn", "any"

    q = django_filters.CharFilter(label=_("Search"), method="search")
    country = django_filters.ModelChoiceFilter(
        queryset=Country.objects.all(), field_name="countries", label=_("Country"), distinct=False,
        empty_label=_("Any country"),
    )
    standing = django_filters.ChoiceFilter(
        label=_("Role"), method="by_standing", empty_label=_("Focal points now"),
        choices=[(WITHDRAWN, _("Withdrawn")), (ANY, _("Now or withdrawn"))],
    )

    class Meta:
        model = FocalPoint
        fields = ["q", "country", "standing"]

    def search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(user__first_name__icontains=word) | Q(user__last_name__icontains=word)
                | Q(user__email__icontains=word) | Q(organisation__name__icontains=word)
            )
        return queryset

    def by_standing(self, queryset, name, value):
        # Called for the empty choice too (see filter_queryset): no choice means "now".
        if value == self.ANY:
            return queryset
        return queryset.filter(withdrawn_at__isnull=value != self.WITHDRAWN)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("standing"):
            queryset = queryset.filter(withdrawn_at__isnull=True)
        return queryset
