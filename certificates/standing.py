"""What a certificate's subject stands at today, beside what the certificate said then.

An accreditation certificate is a true record of a decision, but the accreditation it
certifies may since have lapsed, been suspended or withdrawn. The app that owns the subject
(accreditation, a layer above this one) registers a provider for its kind of certificate in
its AppConfig.ready(); the verify page and its JSON answer show what the provider says.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Standing:
    # A stable word for machines: "current", "expired", "lapsed", "suspended", "withdrawn", "ended".
    state: str
    # One sentence for people, already translated in the active language.
    summary: str
    valid_until: datetime.date | None = None
    since: datetime.date | None = None

    @property
    def is_current(self) -> bool:
        return self.state == "current"

    def as_json(self) -> dict:
        return {
            "state": self.state,
            "summary": self.summary,
            "valid_until": self.valid_until.isoformat() if self.valid_until else None,
            "since": self.since.isoformat() if self.since else None,
        }


StandingProvider = Callable[[object], Standing | None]
_providers: dict[str, StandingProvider] = {}


def register_standing(kind: str, provider: StandingProvider) -> None:
    """`provider(certificate)` answers the subject's standing today, or None if not known."""
    _providers[kind] = provider


def standing_of(certificate) -> Standing | None:
    provider = _providers.get(certificate.kind)
    return provider(certificate) if provider else None
