from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    """`mapping[key]` in a template (empty when missing)."""
    return mapping.get(key, "") if mapping else ""


@register.filter
def whole(value: Any) -> str:
    """A whole number grouped by thousands in the reader's language (19.967)."""
    from coso.core.text import whole as grouped

    return grouped(int(value)) if isinstance(value, int) else value


@register.filter
def figure(value: Any) -> str:
    """A figure as a table shows it: "—" when there is none, a whole number grouped by
    thousands, a share with its base ("83,9 % (26/31)") as the share writes itself."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, float):
        from django.utils.formats import number_format

        return f"{number_format(value, 1)} %"
    from coso.core.text import whole as grouped

    return grouped(value)
