"""Files attached when a message is sent rather than when it is queued.

A certificate's PDF is rendered and stored by the certificates app; a message only names it
({"provider": "certificate-pdf", "ref": 12}) and the provider that app registers gives the
file at sending time. Files shared by a whole batch are stored once ({"stored": id}).
"""

from collections.abc import Callable

from mailing.models import Attachment

# provider -> function(ref) -> (filename, content, mimetype)
_providers: dict[str, Callable[[object], tuple[str, bytes, str]]] = {}


def register_provider(name: str, provide: Callable[[object], tuple[str, bytes, str]]) -> None:
    _providers[name] = provide


def provided(name: str, ref, filename: str = "") -> dict:
    """An attachment produced at sending time; `filename` is what previews show."""
    return {"provider": name, "ref": ref, "filename": filename}


def resolve(specs: list[dict]) -> list[tuple[str, bytes, str]]:
    """(filename, content, mimetype) of each attachment of a message, in order."""
    stored_ids = [spec["stored"] for spec in specs if "stored" in spec]
    stored = {a.pk: a for a in Attachment.objects.filter(pk__in=stored_ids)} if stored_ids else {}
    files = []
    for spec in specs:
        if "stored" in spec:
            attachment = stored[spec["stored"]]
            files.append((attachment.filename, bytes(attachment.content), attachment.mimetype))
        else:
            files.append(_providers[spec["provider"]](spec["ref"]))
    return files


def names(specs: list[dict]) -> list[str]:
    """What a preview lists as attached, without rendering anything."""
    stored_ids = [spec["stored"] for spec in specs if "stored" in spec]
    stored = (
        dict(Attachment.objects.filter(pk__in=stored_ids).values_list("pk", "filename")) if stored_ids else {}
    )
    return [
        stored.get(spec["stored"], "") if "stored" in spec else spec.get("filename", spec["provider"])
        for spec in specs
    ]
