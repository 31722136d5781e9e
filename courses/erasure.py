"""When a person is erased, what courses keeps about them outside their own rows goes too:
the records merged into theirs (the merge's copy of the removed record, and that record's
last history row, written under its old number when it was deleted) and the participant
lists previewed but not committed that name them."""

from courses.models import PersonMerge
from courses.services.participant_import import forget_uploads_naming
from people.models import Person
from people.privacy import ERASED_NAME, PERSONAL_FIELDS

# The removed record's fields that name someone; ids, gender and country stay.
SNAPSHOT_PERSONAL = ("given_name", "family_name", "latin_name", "position", "email")


def scrub_erased_person(sender, person, former=None, **kwargs) -> None:
    """people.privacy.person_erased receiver: runs inside the erasure's transaction."""
    _forget_merged_records(person)
    former = former or {}
    # Not the given name alone: "Maria" would take every list with a Maria in it. (A list is
    # deleted even if the erasure then rolls back: it only has to be uploaded again.)
    forget_uploads_naming([former.get(key, "") for key in ("family_name", "latin_name", "email")])


def _forget_merged_records(person: Person) -> None:
    erased_name = ERASED_NAME.format(pk=person.pk)
    merges = list(PersonMerge.objects.filter(kept=person))
    for merge in merges:
        merge.removed_snapshot = {
            key: ("" if key in SNAPSHOT_PERSONAL else value) for key, value in merge.removed_snapshot.items()
        }
    PersonMerge.objects.bulk_update(merges, ["removed_snapshot"])
    Person.history.filter(id__in=[m.removed_person_id for m in merges]).update(
        family_name=erased_name, **PERSONAL_FIELDS
    )
