"""Coso's English pages read dates as its Vietnamese pages do, day first: the date box
shows dd/mm/yyyy whatever the language (coso.core.forms.DateInput)."""

from coso.config.formats.vi.formats import DATE_INPUT_FORMATS

__all__ = ["DATE_INPUT_FORMATS"]
