"""Forms for scheduling events: the event, its dates, agenda, trainers and participants."""

import zoneinfo

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from courses.models import AgendaItem, EventDay, Module, TrainerAssignment, TrainingEvent
from people.models import Country, Organisation, Person


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _day_label(day: EventDay) -> str:
    return date_format(day.date, "l j E Y")


class TrainingEventForm(forms.ModelForm):
    class Meta:
        model = TrainingEvent
        fields = [
            "title", "kind", "format", "host_country", "region", "venue", "platform", "time_zone",
            "start_date", "end_date", "languages", "organisers", "partners", "capacity",
            "completion_threshold", "excused_policy", "notes", "background", "highlights",
            "additional_comments",
        ]
        widgets = {
            "start_date": DateInput(), "end_date": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "background": forms.Textarea(attrs={"rows": 3}),
            "highlights": forms.Textarea(attrs={"rows": 3}),
            "additional_comments": forms.Textarea(attrs={"rows": 2}),
            "languages": forms.CheckboxSelectMultiple,
            "organisers": forms.SelectMultiple(attrs={"size": 6}),
            "partners": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Dates of an existing event change through "Change dates", which keeps history.
            del self.fields["start_date"], self.fields["end_date"]
        self.fields["host_country"].queryset = Country.objects.select_related("region")
        organisations = Organisation.objects.select_related("country").order_by("name")
        self.fields["organisers"].queryset = organisations
        self.fields["partners"].queryset = organisations
        self.helper = FormHelper()
        dates = Row(Column("start_date"), Column("end_date"), Column("time_zone")) if not self.instance.pk \
            else Row(Column("time_zone"))
        self.helper.layout = Layout(
            "title",
            Row(Column("kind"), Column("format")),
            Row(Column("host_country"), Column("region")),
            Row(Column("venue"), Column("platform")),
            dates,
            "languages",
            Row(Column("organisers"), Column("partners")),
            Row(Column("capacity"), Column("completion_threshold"), Column("excused_policy")),
            "notes", "background", "highlights", "additional_comments",
            Submit("save", _("Save")),
        )

    def clean_time_zone(self):
        name = self.cleaned_data["time_zone"].strip()
        if name not in zoneinfo.available_timezones():
            raise forms.ValidationError(_("Unknown time zone; use an IANA name such as Asia/Shanghai."))
        return name

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        return data


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))

    def __init__(self, *args, event: TrainingEvent, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (s, TrainingEvent.Status(s).label) for s in TrainingEvent.Status.values
            if event.can_become(s) and s != TrainingEvent.Status.POSTPONED
        ]


class DateChangeForm(forms.Form):
    start_date = forms.DateField(label=_("New start date"), widget=DateInput())
    end_date = forms.DateField(label=_("New end date"), widget=DateInput())
    postpone = forms.BooleanField(
        label=_("This is a postponement (the event's status becomes “postponed”)"), required=False,
        initial=True,
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Row(Column("start_date"), Column("end_date")), "postpone", "reason",
            Submit("save", _("Change the dates")),
        )


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["day", "start_time", "end_time", "module", "title", "speakers", "speaker_organisations"]
        widgets = {
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "speakers": forms.SelectMultiple(attrs={"size": 6}),
            "speaker_organisations": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, event: TrainingEvent, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].queryset = EventDay.objects.filter(event=event)
        self.fields["day"].label_from_instance = _day_label
        self.fields["module"].queryset = Module.objects.filter(active=True) | Module.objects.filter(
            pk=self.instance.module_id or 0
        )
        # Speakers: the event's trainers first; anyone else is added through "Trainers".
        self.fields["speakers"].queryset = Person.objects.filter(assignments__event=event).distinct()
        self.fields["speaker_organisations"].queryset = Organisation.objects.order_by("name")
        self.fields["title"].help_text = _("Leave empty to use the module's title.")
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Row(Column("day"), Column("start_time"), Column("end_time")),
            Row(Column("module"), Column("title")),
            Row(Column("speakers"), Column("speaker_organisations")),
            Submit("save", _("Save")),
        )

    def clean(self):
        data = super().clean()
        if not data.get("module") and not (data.get("title") or "").strip():
            raise forms.ValidationError(_("Choose a curriculum module or give a title."))
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The item must end after it starts."))
        return data


class AddModulesForm(forms.Form):
    day = forms.ModelChoiceField(EventDay.objects.none(), label=_("Day"))
    modules = forms.ModelMultipleChoiceField(
        Module.objects.filter(active=True), label=_("Curriculum modules"),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, event: TrainingEvent, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].queryset = EventDay.objects.filter(event=event)
        self.fields["day"].label_from_instance = _day_label


class CopyAgendaForm(forms.Form):
    source = forms.ModelChoiceField(TrainingEvent.objects.none(), label=_("Copy the agenda of"))

    def __init__(self, *args, event: TrainingEvent, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = (
            TrainingEvent.objects.filter(days__items__isnull=False).exclude(pk=event.pk)
            .distinct().order_by("-start_date")
        )


class AssignTrainerForm(forms.Form):
    person = forms.ModelChoiceField(Person.objects.none(), label=_("Person"), widget=forms.HiddenInput)
    role = forms.ChoiceField(choices=TrainerAssignment.Role.choices, label=_("Role"))
    override_reason = forms.CharField(
        label=_("Reason for overriding a double booking"), required=False,
        help_text=_("Only when the person is booked on an overlapping event and should be assigned anyway."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(erased_at__isnull=True).order_by(
            "family_name", "given_name"
        )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "person", "role", "override_reason", Submit("save", _("Assign")),
        )


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
        return upload


class JoiningInstructionsForm(forms.Form):
    message = forms.CharField(
        label=_("Message added to the e-mail"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example the Zoom link and passcode, or the venue's address."),
    )


class MergeForm(forms.Form):
    other = forms.ModelChoiceField(
        Person.objects.filter(erased_at__isnull=True), widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("That record no longer exists.")},
    )
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
