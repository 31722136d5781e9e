"""Forms for scheduling events: the event, its dates, agenda, trainers and participants."""

import django_filters
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from courses.models import Enrolment
from documents.uploads import sniff_upload
from people.models import Country, Organisation, Person


class ParticipantFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"), method="search",
        widget=forms.TextInput(attrs={"placeholder": _("Name, transliteration or e-mail")}),
    )
    status = django_filters.ChoiceFilter(
        choices=Enrolment.Status.choices, empty_label=_("Enrolled and withdrawn"), label=_("Status")
    )

    class Meta:
        model = Enrolment
        fields = ["q", "status"]

    def search(self, queryset, name, value):
        return queryset.filter(person__in=Person.objects.search(value))


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=250)


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Participant list (.csv or .xlsx)"),
        help_text=_("First row: column names. Needed: given name, family name, country. Optional: "
                    "e-mail, gender, organisation, position, name in Latin script, preferred language."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.STCE_MAX_IMPORT_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size).1f MB; files up to %(limit).0f MB can be imported. "
                  "Split the list into several files.")
                % {"size": upload.size / 1024 / 1024, "limit": limit / 1024 / 1024}
            )
        # The upload gate: the real type from the bytes, and an archive's unpacked size read from
        # its directory, before anything is parsed (a 1 KB .xlsx can unpack to gigabytes).
        sniff_upload(
            upload,
            kinds={"csv", "xlsx"},
            max_bytes=limit,
            max_rows=settings.STCE_MAX_IMPORT_ROWS,
            max_columns=settings.STCE_MAX_IMPORT_COLUMNS,
        )
        return upload


class JoiningInstructionsForm(forms.Form):
    message = forms.CharField(
        label=_("Message added to the e-mail"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example the Zoom link and passcode, or the venue's address."),
    )


class ImportResolutionForm(forms.Form):
    """A choice made in the import report for every row with the same unknown value."""

    token = forms.CharField(widget=forms.HiddenInput)
    column = forms.ChoiceField(
        choices=[("country", "country"), ("organisation", "organisation")], widget=forms.HiddenInput
    )
    value = forms.CharField(widget=forms.HiddenInput, max_length=500)
    country = forms.ModelChoiceField(
        queryset=Country.objects.order_by("name"),
        required=False,
        label=_("Country"),
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.select_related("country").order_by("country__name", "name"),
        required=False,
        label=_("Organisation"),
    )
    create = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        column = cleaned.get("column")
        if column == "country" and not cleaned.get("country"):
            self.add_error("country", _("Choose the country these rows mean."))
        if column == "organisation" and not (cleaned.get("organisation") or cleaned.get("create")):
            self.add_error("organisation", _("Choose the organisation these rows mean, or create it."))
        return cleaned
