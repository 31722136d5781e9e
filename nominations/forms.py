from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from courses.forms.participants import ImportUploadForm
from documents.uploads import UploadValidator
from people.models import Country

from .models import Nomination

# The one place that checks a nomination letter: the shared upload gate (documents/uploads.py)
# reads its magic bytes and size.
LETTER_MAX_BYTES = 5 * 1024 * 1024
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
