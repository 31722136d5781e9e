"""Public certificate verification: anyone with the code, or with the printed serial number
and the holder's family name, sees whether a certificate is genuine and current.

The page shows the status, the holder's name, what was certified and when, the standing of
what it certifies today (an accreditation may have lapsed), and nothing else personal.
Unknown codes get a plain 404. Lookups are rate-limited per client address (behind proxies,
the one they report: people.client_address) so that codes and serials cannot be guessed by
brute force.

Machines ask for `/verify/<code>/` with `Accept: application/json` and get the same facts
as JSON (README, "Certificates").
"""

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from certificates.models import Certificate
from certificates.verification import find_by_serial_and_name, verification_of
from people.client_address import client_address

VERIFY_RATE_PER_MINUTE = 30


class VerifyLookupForm(forms.Form):
    code = forms.CharField(label=_("Verification code"), max_length=100, strip=True)

    def clean_code(self):
        # People paste the whole address printed under the QR code, too.
        code = self.cleaned_data["code"].rstrip("/").rsplit("/", 1)[-1].strip()
        if not code:
            raise forms.ValidationError(_("Type the code printed under the QR code."))
        return code


class PrintedLookupForm(forms.Form):
    serial = forms.CharField(
        label=_("Serial number"), max_length=40, strip=True,
        help_text=_("As printed at the bottom left, e.g. STCE-2021-CN-000123."),
    )
    family_name = forms.CharField(
        label=_("Holder's family name"), max_length=150, strip=True,
        help_text=_("As printed on the certificate, in its own script or in Latin letters."),
    )


def over_rate_limit(request) -> bool:
    """Count this lookup; True once the address made too many in the current minute."""
    limit = getattr(settings, "STCE_VERIFY_RATE_PER_MINUTE", VERIFY_RATE_PER_MINUTE)
    window = int(timezone.now().timestamp() // 60)
    key = f"verify-rate:{client_address(request) or 'unknown'}:{window}"
    if cache.add(key, 1, timeout=90):
        return limit < 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=90)
        count = 1
    return count > limit


def _wants_json(request) -> bool:
    return request.get_preferred_type(["text/html", "application/json"]) == "application/json"


def _too_many(request):
    if _wants_json(request):
        response = JsonResponse({"error": "rate_limited", "retry_after_seconds": 60}, status=429)
    else:
        response = render(request, "certificates/verify_rate_limited.html", status=429)
    response["Retry-After"] = "60"
    return response


@never_cache
def verify_lookup(request):
    """Two ways in: the code under the QR code (GET), or serial + family name (POST)."""
    code_form = VerifyLookupForm(request.GET or None)
    printed_form = PrintedLookupForm(request.POST or None)
    if code_form.is_valid():
        return redirect("verify", code=code_form.cleaned_data["code"])
    if request.method == "POST":
        if over_rate_limit(request):
            return _too_many(request)
        if printed_form.is_valid():
            data = printed_form.cleaned_data
            certificate = find_by_serial_and_name(data["serial"], data["family_name"])
            if certificate is not None:
                return redirect("verify", code=certificate.code)
            printed_form.add_error(None, _(
                "No certificate matches this serial number and family name. Check both against "
                "the printed certificate; the serial number is at its bottom left."
            ))
    return render(
        request, "certificates/verify_lookup.html", {"form": code_form, "printed_form": printed_form}
    )


def _day(moment) -> str | None:
    return timezone.localdate(moment).isoformat() if moment else None


def _as_json(facts: dict) -> dict:
    certificate, standing, verdict = facts["certificate"], facts["standing"], facts["verdict"]
    replacement = facts["replacement"]
    return {
        "serial": certificate.serial,
        "kind": certificate.kind,
        "status": verdict.status,
        "summary": str(verdict.sentence),
        "title": certificate.title,
        "holder": None if certificate.holder.is_erased else certificate.holder_name,
        "holder_erased": certificate.holder.is_erased,
        "certifies": certificate.statement,
        "issued_on": _day(certificate.issued_at),
        "revoked_on": _day(certificate.revoked_at),
        "superseded_on": _day(certificate.superseded_at),
        "replaced_by": (
            {"serial": replacement.serial, "reason": facts["replacement_reason"],
             "url": replacement.verify_url}
            if replacement else None
        ),
        "standing": standing.as_json() if standing else None,
    }


@never_cache
def verify(request, code: str):
    wants_json = _wants_json(request)
    if over_rate_limit(request):
        return _too_many(request)
    certificate = (
        Certificate.objects.select_related("event", "holder")
        .only(
            "serial", "code", "kind", "holder_name", "title", "statement", "snapshot", "issued_at",
            "revoked_at", "superseded_at", "language", "holder_id", "event__start_date",
            "event__end_date", "holder__erased_at",
        )
        .filter(code=code)
        .first()
    )
    if certificate is None:
        if wants_json:
            response = JsonResponse({"error": "not_found"}, status=404)
            patch_vary_headers(response, ["Accept"])
            return response
        raise Http404
    facts = verification_of(certificate)
    if wants_json:
        response = JsonResponse(_as_json(facts), json_dumps_params={"ensure_ascii": False})
    else:
        response = render(request, "certificates/verify.html", facts)
    response["X-Robots-Tag"] = "noindex"
    patch_vary_headers(response, ["Accept"])
    return response
