from django.conf import settings
from django.core.exceptions import DisallowedHost

from people import twofactor
from people.links import remember_served_address


class ContentSecurityPolicyMiddleware:
    """Send a Content Security Policy that the pages satisfy: no inline scripts, no CDN.

    Every script and style is served from this site (static/vendor/); the QR codes and
    charts are images or canvases drawn by those scripts.
    """

    policy = "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # The admin uses inline scripts and styles of its own; it is for administrators only.
        if not request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", self.policy)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if getattr(settings, "DEBUG", False) is False:
            response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class ServedAddressMiddleware:
    """Without STCE_PUBLIC_URL (development), links follow the address actually served.

    Remembers the scheme and host of the latest request (see people.links); a no-op when
    STCE_PUBLIC_URL is set, which production requires.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.last_seen = None

    def __call__(self, request):
        if not settings.STCE_PUBLIC_URL:
            try:
                address = f"{request.scheme}://{request.get_host()}"
            except DisallowedHost:
                address = None
            if address and address != self.last_seen:
                remember_served_address(address)
                self.last_seen = address
        return self.get_response(request)


class SecondFactorMiddleware:
    """With STCE_REQUIRE_2FA on, a coordinator or administrator signed in with a password only
    reaches nothing but the two-factor pages and sign-out: every other view, the back office
    included, sends them to the verify page (the setup page when they have no authenticator).

    Deny by default, so that a view that forgets a decorator is still covered. Needs
    django_otp.middleware.OTPMiddleware before it.
    """

    # Namespaced view names (resolver_match.view_name) a half-signed-in user may open.
    exempt_views = frozenset({
        "login", "logout", "healthz", "set_language", "verify", "verify-lookup",
        "people:two-factor-verify", "people:two-factor-setup",
    })

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.STCE_REQUIRE_2FA:
            return None
        if request.resolver_match and request.resolver_match.view_name in self.exempt_views:
            return None
        user = request.user
        if twofactor.needs_second_factor(user) and not user.is_verified():
            return twofactor.redirect_to_second_factor(request)
        return None
