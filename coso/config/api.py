"""The JSON API (Django Ninja). Every error answers {"detail": ..., "field": ...}."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from coso.core.errors import DomainError
from coso.core.manifests import manifests

api = NinjaAPI(
    title="Coso API",
    version="1",
    description=(
        "Thực hiện dân chủ ở cơ sở — grassroots democracy in Vietnam. Officials call it "
        "with a personal token (`Authorization: Bearer coso_…`, made on their account "
        "page) or their browser session; every operation says which action of the "
        "permission matrix it needs (`x-coso-action`, docs/permissions.md)."
    ),
    urls_namespace="api",
)
# Every app's operations, as its manifest declares them (coso/core/manifests.py).
for manifest in manifests():
    if manifest.api:
        api.add_router(manifest.api_prefix, import_string(manifest.api))


def _error(request: HttpRequest, status: int, detail: str, field: str | None) -> HttpResponse:
    return api.create_response(request, {"detail": detail, "field": field}, status=status)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    first = exc.errors[0] if exc.errors else {}
    location = [str(part) for part in first.get("loc", ())]
    # The first element says where the value came from (query, body, path).
    field = ".".join(location[1:] if len(location) > 1 else location) or None
    return _error(
        request, 422, _("Dữ liệu không hợp lệ: %(msg)s") % {"msg": first.get("msg", "")}, field
    )


@api.exception_handler(DomainError)
def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return _error(request, 400, exc.message, exc.field)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, _("Không tìm thấy."), None)


@api.exception_handler(PermissionDenied)
def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, _("Vai trò của bạn không được làm việc này."), None)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, _("Cần đăng nhập."), None)
