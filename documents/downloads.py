"""Files handed to the browser: Django's FileResponse writes the Content-Disposition header
(quoting, and non-ASCII names as RFC 6266 `filename*`), so no view builds it by hand."""

import io

from django.http import FileResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
PDF = "application/pdf"


def file_download(content, *, filename: str, content_type: str, inline: bool = False) -> FileResponse:
    """`content` is bytes, text (sent as UTF-8) or an open binary file positioned at its start.

    `inline` asks the browser to show the file (a PDF in a new tab) instead of saving it.
    """
    if isinstance(content, str):
        content = content.encode("utf-8")
    if isinstance(content, bytes):
        content = io.BytesIO(content)
    return FileResponse(content, as_attachment=not inline, filename=filename, content_type=content_type)
