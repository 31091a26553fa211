"""Open311 GeoReport v2 for feedback (phản ánh, kiến nghị), so existing civic clients
work: services are the feedback categories, service requests are feedback petitions.
Complaints and denunciations are never exposed here."""

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from coso.core.codes import normalise
from coso.core.errors import DomainError
from coso.petitions import services
from coso.petitions.models import CLOSED_STATUSES, Category, Channel, Kind, Petition
from coso.units.models import UnitKind
from coso.units.selectors import current_units

MAX_RESULTS = 1000
# GeoReport v2: without dates, requests.json covers the last 90 days (a protocol default,
# not a legal period).
DEFAULT_WINDOW_DAYS = 90
DEFAULT_WINDOW = dt.timedelta(days=DEFAULT_WINDOW_DAYS)


def _error(status: int, description: str) -> JsonResponse:
    """The spec's error format: a list of {code, description}."""
    return JsonResponse([{"code": status, "description": description}], status=status, safe=False)


def _moment(day: dt.date | None) -> str | None:
    if day is None:
        return None
    return dt.datetime.combine(day, dt.time(17), tzinfo=timezone.get_current_timezone()).isoformat()


def _as_request(p: Petition) -> dict[str, Any]:
    closed = p.status in CLOSED_STATUSES
    return {
        "service_request_id": p.tracking_code,
        "status": "closed" if closed else "open",
        "status_notes": p.resolution if closed else "",
        "service_name": Category(p.category).label,
        "service_code": p.category,
        "description": p.description,
        "agency_responsible": p.unit.name,
        "service_notice": "",
        "requested_datetime": p.created_at.isoformat(),
        "updated_datetime": p.updated_at.isoformat(),
        "expected_datetime": _moment(p.next_due or p.due_on),
        "address": p.address,
        "address_id": "",
        "zipcode": "",
        "lat": float(p.latitude) if p.latitude is not None else None,
        "long": float(p.longitude) if p.longitude is not None else None,
        "media_url": "",
    }


def _feedback() -> Any:
    return (
        Petition.objects.filter(kind=Kind.FEEDBACK)
        .select_related("unit")
        .defer("identity", "sender_name", "sender_contact")
    )


@require_GET
def services_list(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        [
            {
                "service_code": value,
                "service_name": str(label),
                "description": str(label),
                "metadata": False,
                "type": "realtime",
                "keywords": "",
                "group": "Phản ánh, kiến nghị",
            }
            for value, label in Category.choices
        ],
        safe=False,
    )


def _decimal(value: str | None) -> Decimal | None:
    if not value:
        return None
    try:
        return Decimal(value)
    except InvalidOperation as error:
        raise DomainError(f"'{value}' is not a number", field="lat") from error


def _create(request: HttpRequest) -> JsonResponse:
    data = request.POST
    code = data.get("service_code", "")
    if code not in Category.values:
        return _error(400, f"service_code '{code}' not found")
    commune = (
        current_units().filter(code=data.get("jurisdiction_id", ""), kind=UnitKind.COMMUNE).first()
    )
    if commune is None:
        return _error(400, "jurisdiction_id must be the code of a commune (xã, phường)")
    if not (data.get("lat") and data.get("long")) and not data.get("address_string"):
        return _error(400, "a location is required: lat and long, or address_string")
    try:
        petition = services.petition_submit(
            actor=None,
            unit=commune,
            data=services.Submission(
                kind=Kind.FEEDBACK,
                category=code,
                channel=Channel.OPEN311,
                subject=(data.get("description", "")[:80] or str(Category(code).label)),
                description=data.get("description", ""),
                address=data.get("address_string", ""),
                latitude=_decimal(data.get("lat")),
                longitude=_decimal(data.get("long")),
                sender_name=" ".join(filter(None, [data.get("first_name"), data.get("last_name")])),
                sender_contact=data.get("email") or data.get("phone") or "",
            ),
        )
    except DomainError as error:
        return _error(400, error.message)
    return JsonResponse(
        [{"service_request_id": petition.tracking_code, "service_notice": "", "account_id": None}],
        status=201,
        safe=False,
    )


def _window(request: HttpRequest) -> tuple[dt.datetime, dt.datetime] | JsonResponse:
    now = timezone.now()
    start, end = request.GET.get("start_date"), request.GET.get("end_date")
    begin = parse_datetime(start) if start else None
    finish = parse_datetime(end) if end else None
    if (start and begin is None) or (end and finish is None):
        return _error(400, "start_date and end_date must be ISO 8601 date-times")
    finish = finish or now
    return (begin or finish - DEFAULT_WINDOW), finish


@csrf_exempt
@require_http_methods(["GET", "POST"])
def requests_list(request: HttpRequest) -> JsonResponse:
    if request.method == "POST":
        return _create(request)
    qs = _feedback()
    ids = [normalise(i) for i in request.GET.get("service_request_id", "").split(",") if i.strip()]
    if ids:
        qs = qs.filter(tracking_code__in=ids)
    else:
        window = _window(request)
        if isinstance(window, JsonResponse):
            return window
        qs = qs.filter(created_at__range=window)
        code = request.GET.get("service_code", "")
        if code:
            if code not in Category.values:
                return _error(400, f"service_code '{code}' not found")
            qs = qs.filter(category=code)
        status = request.GET.get("status", "")
        if status == "closed":
            qs = qs.filter(status__in=CLOSED_STATUSES)
        elif status == "open":
            qs = qs.exclude(status__in=CLOSED_STATUSES)
    rows = qs.order_by("-created_at")[:MAX_RESULTS]
    return JsonResponse([_as_request(p) for p in rows], safe=False)


@require_GET
def request_detail(request: HttpRequest, code: str) -> JsonResponse:
    found = _feedback().filter(tracking_code=normalise(code)).first()
    if found is None:
        return _error(404, f"service_request_id '{code}' not found")
    return JsonResponse([_as_request(found)], safe=False)
