"""What many models declare alike, as one factory each: the foreign keys to the unit a
record belongs to and its province, to an official the record names (who created,
handled or recorded it), and an optional link to another record; and two constraints,
one row per key among some rows, and a range whose end follows its start.

Each call returns a new field or constraint, exactly the one the spelled-out
declaration gave (the migrations see no change). Other apps' models are named by their
"app.Model" label, so that coso.core imports no other app."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise
else:
    StrOrPromise = str  # verbose names are lazy translations

UNIT = "units.Unit"

UNIT_LABEL = _("đơn vị")


def unit_field(
    related_name: str, verbose_name: StrOrPromise | None = UNIT_LABEL
) -> "models.ForeignKey[Any, Any]":
    """The unit a record belongs to, which scopes who may see it: a unit with records is
    never deleted (units end with `valid_to` instead)."""
    return models.ForeignKey(
        UNIT, on_delete=models.PROTECT, related_name=related_name, verbose_name=verbose_name
    )


def province_field() -> "models.ForeignKey[Any, Any]":
    """The province of the record's unit, copied onto a large table as its partition key;
    the services set it, no form shows it."""
    return models.ForeignKey(UNIT, on_delete=models.PROTECT, related_name="+", editable=False)


def user_field(
    verbose_name: StrOrPromise | None = None, *, blank: bool = False, related_name: str = "+"
) -> "models.ForeignKey[Any, Any]":
    """An official the record names (its author, handler, reviewer…). Deleting the account
    keeps the record and empties the link; the audit log still names who it was."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=blank,
        on_delete=models.SET_NULL,
        related_name=related_name,
        verbose_name=verbose_name,
    )


def optional_link(
    to: str,
    *,
    related_name: str = "+",
    verbose_name: StrOrPromise | None = None,
    on_delete: Callable[..., None] = models.PROTECT,
    **options: Any,
) -> "models.ForeignKey[Any, Any]":
    """A link a record may have to another one (`to` as "app.Model", or "self"): by
    default the other record cannot be deleted while it is linked."""
    return models.ForeignKey(
        to,
        null=True,
        blank=True,
        on_delete=on_delete,
        related_name=related_name,
        verbose_name=verbose_name,
        **options,
    )


def optional_one_to_one(
    to: str, *, related_name: str, verbose_name: StrOrPromise | None = None
) -> "models.OneToOneField[Any, Any]":
    """At most one record linked to the other one (`to` as "app.Model", or "self"), which
    cannot be deleted while it is linked."""
    return models.OneToOneField(
        to,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name=related_name,
        verbose_name=verbose_name,
    )


def unique_where(*fields: str, name: str, **condition: Any) -> models.UniqueConstraint:
    """At most one row for each value of `fields` among the rows that match `condition`
    (one current version of a series, one suspension not yet ended…)."""
    return models.UniqueConstraint(fields=list(fields), condition=models.Q(**condition), name=name)


def ends_after(
    start: str, end: str, *, name: str, same_day: bool = False
) -> models.CheckConstraint:
    """`end` is empty (still running) or after `start`; on the same day too with
    `same_day`."""
    after = "gte" if same_day else "gt"
    return models.CheckConstraint(
        condition=models.Q(**{f"{end}__isnull": True})
        | models.Q(**{f"{end}__{after}": models.F(start)}),
        name=name,
    )
