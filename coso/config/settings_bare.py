"""Coso with no middleware at all: bench/load.py serves its bare page with these
settings beside the real stack, to show what the stack costs. Never for serving."""

from coso.config.settings import *  # noqa: F403

MIDDLEWARE = []  # type: ignore[no-redef]
# The admin and django-axes ask for their middleware; this server serves neither.
SILENCED_SYSTEM_CHECKS += ["admin.E408", "admin.E409", "admin.E410", "axes.W002"]  # noqa: F405
