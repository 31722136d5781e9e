"""Forms for scheduling events: the event, its dates, agenda, trainers and participants."""

import zoneinfo

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import TrainingEvent
from courses.services.event_rules import status_change_refusal
from people.forms.widgets import DateInput
from people.models import Country, Organisation


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
        # The statuses the service would accept now (postponing has its own page).
        self.fields["status"].choices = [
            (s, TrainingEvent.Status(s).label) for s in TrainingEvent.Status.values
            if s not in (event.status, TrainingEvent.Status.POSTPONED) and not status_change_refusal(event, s)
        ]


class ReopenEventForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
        help_text=_(
            "The event becomes confirmed again and its attendance can be corrected. The reason is "
            "kept in its history with your name; mark it completed again when you are done."
        ),
    )


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
