"""Uploaded files (disclosures, petitions, evidence, photos): checks on their type, by name
*and* content, and size; the columns a stored file fills."""

from collections.abc import Iterable, Iterator, Sequence
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from coso.core.errors import DomainError

ZIP, OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"
# extension -> (content type, how the file must start)
ALLOWED = {
    ".pdf": ("application/pdf", (b"%PDF",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (ZIP,)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (ZIP,)),
    ".odt": ("application/vnd.oasis.opendocument.text", (ZIP,)),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", (ZIP,)),
    ".doc": ("application/msword", (OLE,)),
    ".xls": ("application/vnd.ms-excel", (OLE,)),
}
IMAGES = {".jpg", ".jpeg", ".png"}


def check_upload(upload: UploadedFile, *, images_only: bool = False) -> str:
    """The file's content type, or DomainError with a message a commune official reads."""
    name = upload.name or ""
    suffix = PurePath(name).suffix.lower()
    allowed = IMAGES if images_only else set(ALLOWED)
    if suffix not in allowed:
        kinds = ", ".join(sorted(s.lstrip(".") for s in allowed))
        raise DomainError(
            _("Tệp “%(name)s” không được nhận: chỉ nhận các loại %(kinds)s.")
            % {"name": name, "kinds": kinds},
            field="files",
        )
    limit = settings.COSO_UPLOAD_MAX_BYTES
    if upload.size is None or upload.size > limit:
        raise DomainError(
            _("Tệp “%(name)s” quá lớn: tối đa %(limit)s.")
            % {"name": name, "limit": filesizeformat(limit)},
            field="files",
        )
    content_type, signatures = ALLOWED[suffix]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in signatures):
        raise DomainError(
            _("Tệp “%(name)s” không đúng định dạng %(kind)s.")
            % {"name": name, "kind": suffix.lstrip(".")},
            field="files",
        )
    return content_type


def check_uploads(uploads: Iterable[UploadedFile], *, images_only: bool = False) -> list[str]:
    return [check_upload(u, images_only=images_only) for u in uploads]


def stored_files(uploads: Sequence[UploadedFile], types: list[str]) -> Iterator[dict[str, Any]]:
    """The columns of each stored file, given the content types `check_uploads` found:
    the file, its size, its name (cut to the column's 200 characters) and its type."""
    for upload, content_type in zip(uploads, types, strict=True):
        yield {
            "file": upload,
            "size": upload.size or 0,
            "name": (upload.name or "")[:200],
            "content_type": content_type,
        }
