from django.http import HttpRequest, HttpResponse

from coso.core.permissions import requires
from coso.units.selectors import unit_get_for_user


@requires("sample.read")
def unit_page(request: HttpRequest, code: str) -> HttpResponse:
    unit = unit_get_for_user(user=request.user, code=code, action="sample.read")
    return HttpResponse(unit.name)
