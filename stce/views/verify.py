"""Public certificate verification (the certificates issue completes it)."""

from django import forms
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _


class VerifyLookupForm(forms.Form):
    code = forms.CharField(label=_("Verification code"), max_length=100, strip=True)


def verify_lookup(request):
    form = VerifyLookupForm(request.GET or None)
    if form.is_valid():
        return redirect("verify", code=form.cleaned_data["code"])
    return render(request, "stce/verify_lookup.html", {"form": form})


def verify(request, code: str):
    raise Http404
