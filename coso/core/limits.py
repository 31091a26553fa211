"""Text no longer than its place: a column's own length, or `COSO_TEXT_MAX_CHARS` for
free text. Services check it, so every front door (a page, the API, Open311, an import)
refuses an oversized value with a message naming the field and the limit."""

from typing import Any

from django.conf import settings
from django.db.models import Model
from django.utils.translation import gettext as _

from coso.core.errors import DomainError
from coso.core.text import whole


def check_lengths(model: type[Model], **values: Any) -> None:
    """Raise a DomainError for the first value longer than `model`'s field allows."""
    for name, value in values.items():
        field = model._meta.get_field(name)
        limit = getattr(field, "max_length", None) or settings.COSO_TEXT_MAX_CHARS
        if isinstance(value, str) and len(value) > limit:
            raise DomainError(
                _("%(field)s dài %(length)s ký tự, quá giới hạn %(limit)s ký tự.")
                % {
                    "field": str(getattr(field, "verbose_name", name)).capitalize(),
                    "length": whole(len(value)),
                    "limit": whole(limit),
                },
                field=name,
            )


def check_lengths_of(model: type[Model], data: Any, *names: str) -> None:
    """`check_lengths` for the attributes `names` of `data` (a service's input), in order."""
    check_lengths(model, **{name: getattr(data, name) for name in names})


def checked_texts(model: type[Model], **texts: str) -> dict[str, str]:
    """`check_lengths` of `texts`, then the texts as they are saved: stripped."""
    check_lengths(model, **texts)
    return {name: text.strip() for name, text in texts.items()}
