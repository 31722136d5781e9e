"""A kind of message for mailing's own tests (the real kinds belong to the apps above)."""

from mailing.kinds import MessageKind, register_kind
from mailing.services.outbox import Draft

TEST_KIND = MessageKind(
    key="test_notice",
    label="Test notice",
    description="Used by the tests of mailing.",
    subject="Notice {{ number }}",
    body="Dear {{ name }},\n\n{{ extra }}\n\n\n\nNotice number {{ number }}.\n",
    placeholders={"name": "the name", "number": "a number", "extra": "optional lines"},
    sample=lambda: {"name": "Sample", "number": "7", "extra": ""},
)
register_kind(TEST_KIND)


def drafts(count: int, *, prefix: str = "t", **overrides) -> list[Draft]:
    return [
        Draft(
            kind=TEST_KIND.key,
            to=f"{prefix}{i}@example.org",
            language="en",
            values={"name": f"Person {i}", "number": str(i), "extra": ""},
            dedupe_key=f"{prefix}:{i}",
            **overrides,
        )
        for i in range(count)
    ]
