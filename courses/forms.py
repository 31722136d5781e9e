from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import Module


class ModuleForm(forms.ModelForm):
    class Meta:
        model = Module
        fields = [
            "code", "title", "topic_area", "hours", "summary", "learning_objectives",
            "introduced_in", "active",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "learning_objectives": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Row(Column("code", css_class="col-md-3"), Column("title", css_class="col-md-9")),
            Row(Column("topic_area"), Column("hours"), Column("introduced_in")),
            "summary",
            "learning_objectives",
            "active",
            Submit("save", _("Save")),
        )

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()


class ModuleSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False,
                        widget=forms.TextInput(attrs={"placeholder": _("Code, title or summary")}))
    topic_area = forms.ChoiceField(
        choices=[("", _("All topic areas"))] + list(Module.TopicArea.choices), required=False,
        label=_("Topic area"),
    )
    status = forms.ChoiceField(
        choices=[("active", _("Active")), ("retired", _("Retired")), ("all", _("All"))],
        required=False, label=_("Status"),
    )
