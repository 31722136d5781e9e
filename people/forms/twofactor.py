from django import forms
from django.utils.translation import gettext_lazy as _


class SecondFactorCodeForm(forms.Form):
    """One field for both a 6-digit authenticator code and a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(attrs={
            # Valid on a text input (not on radios or checkboxes: the Nu HTML Checker refuses it).
            "autocomplete": "one-time-code",
            "autocapitalize": "none",
            "spellcheck": "false",
            "autofocus": True,
        }),
    )


class AuthenticatorCodeForm(SecondFactorCodeForm):
    """Setup: only the app's 6 digits, so phones show a numeric keypad."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].label = _("6-digit code from the app")
        self.fields["code"].widget.attrs["inputmode"] = "numeric"
