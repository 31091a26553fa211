from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest


def demo(request: HttpRequest) -> dict[str, Callable[[], bool]]:
    """`demo_preparing`: whether `coso demo` is still seeding (pages say so). A callable,
    so only a template that asks looks at the disk; never in production."""
    if settings.PRODUCTION:
        return {}
    return {"demo_preparing": settings.DEMO_MARKER.exists}
