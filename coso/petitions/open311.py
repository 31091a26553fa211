"""Open311 GeoReport v2 for feedback (phản ánh, kiến nghị), so existing civic clients
work: services are the topics of the catalogue (coso.concerns: a retired topic is no
longer offered, but its requests are still listed under its code), service requests
are feedback petitions.
Complaints and denunciations are never exposed here.

Coso serves many jurisdictions (every commune), so every call names one with
`jurisdiction_id` (the commune's code) and sees only that commune's requests; a missing
or unknown one is answered with the protocol's error document.

Times: every datetime it writes (`requested_datetime`, `updated_datetime`,
`expected_datetime`) is in one zone, Vietnam's (Asia/Ho_Chi_Minh), in the W3C profile of
ISO 8601 that GeoReport v2 asks for, with its offset and to the second:
2026-10-01T10:00:00+07:00. `expected_datetime` is the end of the office day (17:00) of
the day the petition is due. `start_date` and `end_date` given without an offset are
read in the same zone."""

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from coso.concerns import selectors as concerns
from coso.core import ratelimit
from coso.core.codes import normalise
from coso.core.errors import DomainError
from coso.core.permissions import PUBLIC, requires
from coso.petitions import services
from coso.petitions.models import CLOSED_STATUSES, Channel, Kind, Petition
from coso.units.selectors import Unit, UnitKind, current_units

MAX_RESULTS = 1000
# GeoReport v2: without dates, requests.json covers the last 90 days (a protocol default,
# not a legal period).
DEFAULT_WINDOW_DAYS = 90
DEFAULT_WINDOW = dt.timedelta(days=DEFAULT_WINDOW_DAYS)
# The one zone of every datetime written or read without an offset (see above).
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
# When an expected day ends: the close of the office day.
DAY_ENDS = dt.time(17)


def _error(status: int, description: str) -> JsonResponse:
    """The spec's error format: a list of {code, description}."""
    return JsonResponse([{"code": status, "description": description}], status=status, safe=False)


def _jurisdiction(request: HttpRequest) -> Unit | JsonResponse:
    """The commune a call is about, or the error document saying why there is none."""
    data = request.POST if request.method == "POST" else request.GET
    code = data.get("jurisdiction_id", "").strip()
    if not code:
        return _error(400, "jurisdiction_id is required: the code of a commune (xã, phường)")
    commune = current_units().filter(code=code, kind=UnitKind.COMMUNE).first()
    if commune is None:
        return _error(404, f"jurisdiction_id '{code}' is not a commune served here")
    return commune


def w3c(moment: dt.datetime) -> str:
    """An aware datetime in Vietnam's zone, W3C ISO 8601: 2026-10-01T10:00:00+07:00."""
    return moment.astimezone(ZONE).isoformat(timespec="seconds")


def _moment(day: dt.date | None) -> str | None:
    """The close of the office day on `day`."""
    if day is None:
        return None
    return w3c(dt.datetime.combine(day, DAY_ENDS, tzinfo=ZONE))


def _as_request(p: Petition) -> dict[str, Any]:
    closed = p.status in CLOSED_STATUSES
    return {
        "service_request_id": p.tracking_code,
        "status": "closed" if closed else "open",
        "status_notes": p.resolution if closed else "",
        "service_name": concerns.full_label(p.category),
        "service_code": p.category,
        "description": p.description,
        "agency_responsible": p.unit.name,
        "service_notice": "",
        "requested_datetime": w3c(p.created_at),
        "updated_datetime": w3c(p.updated_at),
        "expected_datetime": _moment(p.next_due or p.due_on),
        "address": p.address,
        "address_id": "",
        "zipcode": "",
        "lat": float(p.latitude) if p.latitude is not None else None,
        "long": float(p.longitude) if p.longitude is not None else None,
        "media_url": "",
    }


def _feedback(commune: Unit) -> Any:
    return (
        Petition.objects.filter(kind=Kind.FEEDBACK, unit=commune)
        .select_related("unit")
        .defer("identity", "sender_name", "sender_contact")
    )


@requires(PUBLIC)
@require_GET
def services_list(request: HttpRequest) -> JsonResponse:
    commune = _jurisdiction(request)
    if isinstance(commune, JsonResponse):
        return commune
    return JsonResponse(
        [_service(entry) for entry in concerns.catalogue().entries if not entry.retired()],
        safe=False,
    )


def _service(entry: concerns.Entry) -> dict[str, Any]:
    """A topic of the catalogue as an Open311 service: its code is the service code;
    a subtopic's group is its first-level topic."""
    name = concerns.full_label(entry.code)
    return {
        "service_code": entry.code,
        "service_name": name,
        "description": name,
        "metadata": False,
        "type": "realtime",
        "keywords": ", ".join(entry.keywords),
        "group": concerns.label(entry.top),
    }


def _decimal(value: str | None) -> Decimal | None:
    if not value:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation as error:
        raise DomainError(f"'{value}' is not a number", field="lat") from error
    if not number.is_finite():
        raise DomainError(f"'{value}' is not a number", field="lat")
    return number


def _create(request: HttpRequest, commune: Unit) -> JsonResponse:
    if ratelimit.over_limit(request, "open311"):
        return _error(ratelimit.STATUS, ratelimit.message())
    data = request.POST
    code = data.get("service_code", "")
    if not concerns.is_topic(code):
        return _error(400, f"service_code '{code}' not found")
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
                subject=(data.get("description", "")[:80] or concerns.label(code)),
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


def _moment_param(value: str | None) -> dt.datetime | None:
    """An ISO 8601 date-time from the query, made aware; ValueError when it is not one
    (a malformed string, or a 99th month)."""
    if not value:
        return None
    moment = parse_datetime(value)
    if moment is None:
        raise ValueError(value)
    aware = moment if timezone.is_aware(moment) else timezone.make_aware(moment, ZONE)
    return aware.astimezone(dt.UTC)  # OverflowError at the ends of the calendar


def _window(request: HttpRequest) -> tuple[dt.datetime, dt.datetime] | JsonResponse:
    try:
        begin = _moment_param(request.GET.get("start_date"))
        finish = _moment_param(request.GET.get("end_date")) or timezone.now()
    except (ValueError, OverflowError):
        return _error(400, "start_date and end_date must be ISO 8601 date-times")
    try:
        return (begin or finish - DEFAULT_WINDOW), finish
    except OverflowError:
        return _error(400, "end_date is too early")


@requires(PUBLIC)
@csrf_exempt
@require_http_methods(["GET", "POST"])
def requests_list(request: HttpRequest) -> JsonResponse:
    commune = _jurisdiction(request)
    if isinstance(commune, JsonResponse):
        return commune
    if request.method == "POST":
        return _create(request, commune)
    qs = _feedback(commune)
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
            if not concerns.is_topic(code, retired=True):
                return _error(400, f"service_code '{code}' not found")
            qs = qs.filter(category=code)
        status = request.GET.get("status", "")
        if status == "closed":
            qs = qs.filter(status__in=CLOSED_STATUSES)
        elif status == "open":
            qs = qs.exclude(status__in=CLOSED_STATUSES)
    rows = qs.order_by("-created_at")[:MAX_RESULTS]
    return JsonResponse([_as_request(p) for p in rows], safe=False)


@requires(PUBLIC)
@require_GET
def request_detail(request: HttpRequest, code: str) -> JsonResponse:
    commune = _jurisdiction(request)
    if isinstance(commune, JsonResponse):
        return commune
    found = _feedback(commune).filter(tracking_code=normalise(code)).first()
    if found is None:
        return _error(404, f"service_request_id '{code}' not found")
    return JsonResponse([_as_request(found)], safe=False)
