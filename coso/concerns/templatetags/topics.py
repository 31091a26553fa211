"""`{% load topics %}`: a topic's label from its code, in the page's language, for any
app's template (`{{ item.topic|topic_label }}`); a retired topic still shows its label."""

from django import template

from coso.concerns import selectors

register = template.Library()


@register.filter
def topic_label(code: str) -> str:
    return selectors.full_label(code) if code else ""


@register.filter
def topic_labels(codes: list[str]) -> str:
    """Several topics, separated by commas."""
    return ", ".join(selectors.full_label(c) for c in codes or ())
