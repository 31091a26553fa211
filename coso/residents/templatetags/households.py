"""The header's word on who is signed in, for a household (officials are Django users,
in `user`)."""

from typing import Any

from django import template

from coso.residents import services
from coso.residents.selectors import display_name

register = template.Library()


@register.simple_tag(takes_context=True)
def signed_in_household(context: Any) -> str:
    """The signed-in household's name ("Hộ <head's name>", or its number), or "" when
    no household is signed in on this session. The page's own view reads the same
    cached sign-in: no further query."""
    request = context.get("request")
    session = getattr(request, "session", None)
    if session is None:
        return ""
    access = services.current(session)
    return display_name(access) if access is not None else ""
