"""Each user's interface language, remembered for them rather than for one browser.

The choice is stored in UserPreference, copied into the session at sign-in (the session is
read on every request anyway, so remembering costs no query), and activated by
`UserLanguageMiddleware` after Django's LocaleMiddleware has made its own guess.
"""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpResponseNotAllowed
from django.utils import translation
from django.views.i18n import set_language as django_set_language

from people.models import UserPreference
from people.services.preferences import remember_language

SESSION_KEY = "stce_language"
SUPPORTED = {code for code, _name in settings.LANGUAGES}


@receiver(user_logged_in, dispatch_uid="stce_remember_language")
def restore_language_at_sign_in(sender, request, user, **kwargs):
    language = UserPreference.objects.filter(user=user).values_list("language", flat=True).first()
    if language and request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = language


def set_language(request):
    """Django's set_language, plus remembering the choice for the signed-in user."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    response = django_set_language(request)
    language = request.POST.get("language")
    if language in SUPPORTED:
        request.session[SESSION_KEY] = language
        if request.user.is_authenticated:
            remember_language(user=request.user, language=language)
    return response


class UserLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        language = session.get(SESSION_KEY) if session is not None else None
        if language in SUPPORTED:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
