from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from evaluation.models import LANGUAGES, EventEvaluation, FeedbackQuestion

# Labels in the interface's language ("Français" would be English-looking on a Russian page).
LANGUAGE_NAMES = {"en": _("English"), "fr": _("French"), "es": _("Spanish"), "ru": _("Russian")}
OTHER_LANGUAGES = [(code, LANGUAGE_NAMES[code]) for code, _name in LANGUAGES[1:]]
ALL_LANGUAGES = [(code, LANGUAGE_NAMES[code]) for code, _name in LANGUAGES]
CHOICE_COUNT = 5  # empty lines are left out: two to five choices


class SettingsForm(forms.ModelForm):
    class Meta:
        model = EventEvaluation
        fields = ["anonymous", "pass_mark"]

    def clean(self):
        data = super().clean()
        if data.get("anonymous") and data.get("pass_mark"):
            self.add_error("pass_mark", _("A pass mark needs named results: untick “anonymous” first."))
        return data


class FeedbackQuestionForm(forms.Form):
    scope = forms.ChoiceField(label=_("Asked"), choices=FeedbackQuestion.Scope.choices)
    kind = forms.ChoiceField(label=_("Kind"), choices=FeedbackQuestion.Kind.choices)
    text = forms.CharField(label=_("Question (English)"), max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, name in OTHER_LANGUAGES:
            self.fields[f"text_{code}"] = forms.CharField(
                label=name, required=False, max_length=300, widget=forms.TextInput(attrs={"lang": code})
            )

    def clean(self):
        data = super().clean()
        if (
            data.get("kind") == FeedbackQuestion.Kind.TEXT
            and data.get("scope") != FeedbackQuestion.Scope.GENERAL
        ):
            self.add_error("scope", _("An open comment is asked once, not for each day or module."))
        return data

    def texts(self) -> dict[str, str]:
        texts = {"en": self.cleaned_data["text"].strip()}
        for code, _name in OTHER_LANGUAGES:
            if self.cleaned_data.get(f"text_{code}", "").strip():
                texts[code] = self.cleaned_data[f"text_{code}"].strip()
        return texts


class QuestionForm(forms.Form):
    """A knowledge question with its choices in four languages; English is required."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, name in ALL_LANGUAGES:
            required = code == "en"
            self.fields[f"text_{code}"] = forms.CharField(
                label=_("Question (%(language)s)") % {"language": name},
                required=required,
                max_length=500,
                widget=forms.Textarea(attrs={"rows": 2, "lang": code}),
            )
            for n in range(1, CHOICE_COUNT + 1):
                self.fields[f"choice{n}_{code}"] = forms.CharField(
                    label=_("Choice %(position)d (%(language)s)") % {"position": n, "language": name},
                    required=False,
                    max_length=300,
                    widget=forms.TextInput(attrs={"lang": code}),
                )
        self.fields["correct"] = forms.MultipleChoiceField(
            label=_("Correct choices"),
            choices=[
                (str(n), _("Choice %(position)d") % {"position": n}) for n in range(1, CHOICE_COUNT + 1)
            ],
            widget=forms.CheckboxSelectMultiple,
            error_messages={"required": _("Tick the correct choice (or choices).")},
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            *[
                Fieldset(name, f"text_{code}", *[f"choice{n}_{code}" for n in range(1, CHOICE_COUNT + 1)])
                for code, name in ALL_LANGUAGES
            ],
            "correct",
        )

    @staticmethod
    def initial_for(version) -> dict:
        initial = {"correct": [str(i + 1) for i in version.correct]}
        for code, _name in ALL_LANGUAGES:
            initial[f"text_{code}"] = version.text.get(code, "")
            for n, choice in enumerate(version.choices, start=1):
                initial[f"choice{n}_{code}"] = choice.get(code, "")
        return initial

    def clean(self):
        data = super().clean()
        used = [n for n in range(1, CHOICE_COUNT + 1) if data.get(f"choice{n}_en", "").strip()]
        if len(used) < 2:
            raise forms.ValidationError(_("Give at least two choices in English."))
        if used != list(range(1, len(used) + 1)):
            raise forms.ValidationError(_("Fill the choices from the first one, without gaps."))
        for code, _name in OTHER_LANGUAGES:
            beyond = [n for n in range(len(used) + 1, CHOICE_COUNT + 1) if data.get(f"choice{n}_{code}")]
            if beyond:
                self.add_error(f"choice{beyond[0]}_{code}", _("There is no such choice in English."))
        wrong = [c for c in data.get("correct", []) if int(c) not in used]
        if wrong:
            self.add_error("correct", _("A correct choice must be one of the choices given."))
        data["used"] = used
        return data

    def version_data(self) -> tuple[dict, list[dict], list[int]]:
        data = self.cleaned_data
        text = {
            code: data[f"text_{code}"].strip()
            for code, _n in ALL_LANGUAGES
            if data.get(f"text_{code}", "").strip()
        }
        choices = []
        for n in data["used"]:
            choice = {}
            for code, _name in ALL_LANGUAGES:
                value = data.get(f"choice{n}_{code}", "").strip()
                if value:
                    choice[code] = value
            choices.append(choice)
        return text, choices, sorted(int(c) - 1 for c in data["correct"])
