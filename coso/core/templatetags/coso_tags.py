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
