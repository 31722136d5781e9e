"""What a user chose for themselves."""

from django.db import transaction

from people.models import UserPreference


@transaction.atomic
def remember_language(*, user, language: str) -> UserPreference:
    """Keep the user's interface language for their next sign-in, on any browser."""
    preference, _created = UserPreference.objects.update_or_create(
        user=user, defaults={"language": language}
    )
    return preference
