"""The topic-confirmation widget on the record pages of the channels:

{% load concerns_classify %}
{% concerns_for items as concerns %}          (one query for the whole list)
{% for i in items %}… {% classify_widget concerns i %}{% endfor %}
"""

from functools import cached_property
from typing import Any

from django import template

from coso.concerns import widget
from coso.concerns.models import Concern

register = template.Library()


class Found:
    """The concerns of a page's records by the record's key, and the catalogue their
    widgets show (read once for the page, on the first widget)."""

    def __init__(self, concerns: dict[str, Concern]) -> None:
        self.concerns = concerns

    @cached_property
    def catalogue(self) -> widget.Catalogue:
        return widget.catalogue()


@register.simple_tag(takes_context=True)
def concerns_for(context: template.Context, records: Any) -> Found:
    """The concerns of `records` (a record or a list of one model's records), in one
    query."""
    found = [records] if hasattr(records, "_meta") else list(records or ())
    if not found or not getattr(context.get("request"), "user", None):
        return Found({})
    rows = Concern.objects.select_related("unit", "household").filter(
        record_type=found[0]._meta.label_lower, record_id__in=[str(r.pk) for r in found]
    )
    return Found({c.record_id: c for c in rows})


@register.inclusion_tag("concerns/classify_widget.html", takes_context=True)
def classify_widget(context: template.Context, found: Found | None, record: Any) -> dict[str, Any]:
    """The widget for `record`'s concern (nothing when it has none)."""
    concern = found.concerns.get(str(record.pk)) if found else None
    if found is None or concern is None:
        return {"concern": None}
    user = context["request"].user
    return {
        **widget.context(user=user, concern=concern, catalogue=found.catalogue),
        "csrf_token": context.get("csrf_token"),
    }
