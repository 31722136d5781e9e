"""The send log as the pages of other apps show it: per topic (an event, a certificate) and
per person. Each function reads with a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Count

from mailing.models import Message


@dataclass
class LogSummary:
    total: int
    by_status: dict[str, int]
    problems: list[Message]

    @property
    def sent(self) -> int:
        return self.by_status.get(Message.Status.SENT, 0)

    @property
    def waiting(self) -> int:
        return self.by_status.get(Message.Status.QUEUED, 0) + self.by_status.get(Message.Status.SENDING, 0)

    @property
    def failed(self) -> int:
        return sum(self.by_status.get(s, 0) for s in Message.FAILED_STATES)


def summary_for(topic_kind: str, topic_id: int, *, problems: int = 10) -> LogSummary:
    """Counts by status, and the latest messages that failed (two queries)."""
    messages = Message.objects.about(topic_kind, topic_id)
    by_status = dict(
        messages.order_by().values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    failing = (
        []
        if not problems
        else list(
            messages.filter(status__in=Message.FAILED_STATES)
            .select_related("person")
            .order_by("-created_at")[:problems]
        )
    )
    return LogSummary(total=sum(by_status.values()), by_status=by_status, problems=failing)


def messages_about(topic_kind: str, topic_id: int):
    """Every message about the topic, newest first, with its events (for a paginated list)."""
    return Message.objects.about(topic_kind, topic_id).with_log().order_by("-created_at", "to")


def people_informed(
    topic_kind: str, topic_id: int, kinds: tuple[str, ...], *, before=None, since=None
) -> set[int]:
    """Ids of the people sent (or about to be sent) one of these kinds of message about the
    topic, optionally queued before or since a moment (one query)."""
    messages = Message.objects.about(topic_kind, topic_id).filter(kind__in=kinds, person__isnull=False)
    if before is not None:
        messages = messages.filter(created_at__lt=before)
    if since is not None:
        messages = messages.filter(created_at__gte=since)
    return set(
        messages.exclude(status__in=(Message.Status.FAILED, Message.Status.UNKNOWN)).values_list(
            "person_id", flat=True
        )
    )


def last_sent_at(topic_kind: str, topic_id: int, kinds: tuple[str, ...]):
    """When a message of these kinds about the topic was last queued, or None."""
    return (
        Message.objects.about(topic_kind, topic_id)
        .filter(kind__in=kinds)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
