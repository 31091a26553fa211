"""Showing a service's DomainError on the form that sent the input."""

from django import forms

from coso.core.errors import DomainError


def add_domain_error(
    form: forms.Form, error: DomainError, *, aliases: dict[str, str] | None = None
) -> None:
    """Attach the error to the field it names (through `aliases` where the form calls
    the input otherwise), or to the whole form when the form has no such field."""
    field = (aliases or {}).get(error.field or "", error.field)
    form.add_error(field if field in form.fields else None, error.message)
