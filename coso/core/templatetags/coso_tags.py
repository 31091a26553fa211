from typing import Any

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from coso.core.text import whole as grouped

register = template.Library()


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    """`mapping[key]` in a template (empty when missing)."""
    return mapping.get(key, "") if mapping else ""


@register.filter
def whole(value: Any) -> str:
    """A whole number grouped by thousands in the reader's language (19.967)."""
    return grouped(int(value)) if isinstance(value, int) else value


@register.filter
def figure(value: Any) -> str:
    """A figure as a table shows it: "—" when there is none, a whole number grouped by
    thousands, a share with its base below it ("83,9 %" over "(26/31)")."""
    if value is None or value == "":
        return "—"
    base = getattr(value, "denominator", None)
    if base and not isinstance(value, int | float):  # a share: its base on a line below
        numerator = conditional_escape(grouped(value.numerator))
        shown = conditional_escape(figure(value.value))
        return mark_safe(
            f'{shown}<span class="base">({numerator}/{conditional_escape(grouped(base))})</span>'
        )
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, float):
        from django.utils.formats import number_format

        return f"{number_format(value, 1)} %"
    return grouped(value)


@register.simple_tag
def date_input(name: str, value: Any = None, **attrs: Any) -> str:
    """A date box of a hand-written form, as every form shows one (day/month/year
    whatever the browser's language): `{% date_input "on" today required=True %}`."""
    from coso.core.forms import DateInput

    return DateInput().render(name, value, attrs={"id": name, **attrs})
