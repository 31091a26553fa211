from django.http import HttpRequest
from ninja import Router, Schema

from coso.core.api import official

router = Router(tags=["sample"])


class SampleOut(Schema):
    ok: bool


@router.get("", summary="Sample", **official("sample.read", {200: SampleOut}))
def sample(request: HttpRequest) -> dict[str, bool]:
    return {"ok": True}
