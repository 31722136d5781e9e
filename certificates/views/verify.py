"""Public certificate verification: anyone with the code sees whether it is genuine.

The page shows the status, the holder's name, what was certified and when, and nothing
else personal. Unknown codes get a plain 404. Lookups are rate-limited per client address
so that codes cannot be guessed by brute force (they are 192 random bits anyway).
"""

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from certificates.models import Certificate

VERIFY_RATE_PER_MINUTE = 30


class VerifyLookupForm(forms.Form):
    code = forms.CharField(label=_("Verification code"), max_length=100, strip=True)

    def clean_code(self):
        # People paste the whole address printed under the QR code, too.
        code = self.cleaned_data["code"].rstrip("/").rsplit("/", 1)[-1].strip()
        if not code:
            raise forms.ValidationError(_("Type the code printed under the QR code."))
        return code


def _client_address(request) -> str:
    # REMOTE_ADDR only: a forwarded-for header is whatever the client says it is.
    return request.META.get("REMOTE_ADDR", "unknown")


def over_rate_limit(request) -> bool:
    """Count this lookup; True once the address made too many in the current minute."""
    limit = getattr(settings, "STCE_VERIFY_RATE_PER_MINUTE", VERIFY_RATE_PER_MINUTE)
    window = int(timezone.now().timestamp() // 60)
    key = f"verify-rate:{_client_address(request)}:{window}"
    if cache.add(key, 1, timeout=90):
        return limit < 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=90)
        count = 1
    return count > limit


def _too_many(request):
    response = render(request, "certificates/verify_rate_limited.html", status=429)
    response["Retry-After"] = "60"
    return response


@never_cache
def verify_lookup(request):
    form = VerifyLookupForm(request.GET or None)
    if form.is_valid():
        return redirect("verify", code=form.cleaned_data["code"])
    return render(request, "certificates/verify_lookup.html", {"form": form})


@never_cache
def verify(request, code: str):
    if over_rate_limit(request):
        return _too_many(request)
    certificate = (
        Certificate.objects.select_related("event", "holder")
        .only(
            "serial",
            "code",
            "kind",
            "holder_name",
            "title",
            "statement",
            "issued_at",
            "revoked_at",
            "superseded_at",
            "language",
            "event__start_date",
            "event__end_date",
            "holder__erased_at",
        )
        .filter(code=code)
        .first()
    )
    if certificate is None:
        raise Http404
    replacement = certificate.replacement if certificate.superseded_at else None
    response = render(
        request, "certificates/verify.html", {"certificate": certificate, "replacement": replacement}
    )
    response["X-Robots-Tag"] = "noindex"
    return response
