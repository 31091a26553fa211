"""The alerts API (filled in by issue 21's work)."""

from ninja import Router

router = Router(tags=["alerts"])
