from django import forms
from django.utils.translation import gettext_lazy as _

from accreditation.models import LanguageLevel
from courses.models import Module
from people.models import Language

NOT_TAUGHT = ""


class ExpertProfileForm(forms.Form):
    """Languages with a level (one select per language), topics, and the modules the expert can
    teach (saved as proposals for a coordinator)."""

    topics = forms.CharField(
        label=_("Topics of interest"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: licensing, risk management, investigations."),
    )
    modules = forms.ModelMultipleChoiceField(
        Module.objects.none(), label=_("Modules I can teach"), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A change goes to the programme's coordinators, who accept it or not."),
    )

    def __init__(self, *args, expert, **kwargs):
        # Languages recorded before levels existed show as "working" so that saving keeps them.
        levels = dict.fromkeys(expert.languages.values_list("code", flat=True), LanguageLevel.WORKING)
        levels |= {row.language_id: row.level for row in expert.language_levels.all()}
        initial = {"topics": expert.topics, "modules": list(expert.modules.all())}
        super().__init__(*args, initial=initial, **kwargs)
        self.languages = list(Language.objects.all())
        choices = [(NOT_TAUGHT, _("I do not teach in it")), *LanguageLevel.choices]
        for language in self.languages:
            self.fields[f"level_{language.code}"] = forms.ChoiceField(
                label=str(language), choices=choices, required=False,
                initial=levels.get(language.code, NOT_TAUGHT),
            )
        self.fields["modules"].queryset = Module.objects.active().order_by("code")
        self.fields["modules"].label_from_instance = lambda m: f"{m.code} · {m.title}"

    def levels(self) -> dict:
        return {
            language: self.cleaned_data[f"level_{language.code}"]
            for language in self.languages
            if self.cleaned_data.get(f"level_{language.code}")
        }
