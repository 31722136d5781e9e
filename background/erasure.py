"""When a person is erased, the records of background work (a job's title, outcome and notes,
e.g. "no e-mail address for ...") lose their name."""

from background.models import Job, JobNote
from people.privacy import redact_columns


def forget_erased_person(sender, person, former=None, **kwargs) -> None:
    """people.privacy.person_erased receiver: runs inside the erasure's transaction."""
    if not former:
        return
    redact_columns(Job, ["title", "phase", "outcome"], former)
    redact_columns(JobNote, ["text"], former)
