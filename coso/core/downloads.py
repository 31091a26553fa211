"""A generated file (DOCX, XLSX) sent as a download."""

from pathlib import PurePath

from django.http import HttpResponse
from django.utils.text import slugify

from coso.core.text import fold

CONTENT_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def attachment(content: bytes, filename: str) -> HttpResponse:
    """`content` as a download named `filename` (ASCII), typed by its extension."""
    response = HttpResponse(content, content_type=CONTENT_TYPES[PurePath(filename).suffix])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def file_name(*parts: object, extension: str) -> str:
    """A download's name as a reader files it, from what it is, whose and when:
    file_name("bien-ban", "Bản Nà Luông", 2026, extension="docx") gives
    "bien-ban-ban-na-luong-2026.docx" (ASCII, no diacritics)."""
    words = [slugify(fold(str(part))) for part in parts]
    return "-".join(w for w in words if w) + f".{extension}"
