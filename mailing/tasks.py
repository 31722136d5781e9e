"""The tasks that send e-mail (queue "mail"). Both may run twice: see mailing.sending."""

from django_tasks import TaskContext, task

from background.retry import retry
from mailing import sending
from mailing.services.outbox import dispatch


@retry(max_attempts=8, base=10, factor=3)
@task(queue_name="mail", takes_context=True)
def send_messages(context: TaskContext, message_ids: list[str], token: str) -> dict:
    """Send the given messages (those this task still owns, see Message.send_token)."""
    worker_ids = getattr(context.task_result, "worker_ids", None) or ["?"]
    return sending.send_batch(message_ids=message_ids, token=token, worker_id=worker_ids[-1])


@retry(max_attempts=8, base=10, factor=3)
@task(queue_name="mail")
def dispatch_messages(job_id: str) -> int:
    """Hand a large batch to sending tasks of a chunk each, so that several workers share it."""
    return dispatch(job_id=job_id)
