"""Coso with no middleware at all: bench/http.py serves its bare page with these
settings beside the real stack, to show what the stack costs. Never for serving."""

from coso.config.settings import *  # noqa: F403

MIDDLEWARE: list[str] = []
