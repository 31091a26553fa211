"""A generated file (DOCX, XLSX) sent as a download."""

from pathlib import PurePath

from django.http import HttpResponse

CONTENT_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def attachment(content: bytes, filename: str) -> HttpResponse:
    """`content` as a download named `filename` (ASCII), typed by its extension."""
    response = HttpResponse(content, content_type=CONTENT_TYPES[PurePath(filename).suffix])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
