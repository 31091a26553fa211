"""Open311 GeoReport v2 for feedback (phản ánh, kiến nghị), so existing civic clients
work: services are the topics of the catalogue (coso.concerns: a retired topic is no
longer offered, but its requests are still listed under its code), service requests
are feedback petitions.
Complaints and denunciations are never exposed here.

Coso serves many jurisdictions (every commune), so every call names one with
`jurisdiction_id` (the commune's code) and sees only that commune's requests; a missing
or unknown one is answered with the protocol's error document.

Both formats of the specification, JSON and XML (`coso.petitions.georeport`), for every
call, chosen by the suffix (`services.xml`, `requests.json`); the discovery document at
`/open311/discovery.json|xml`. A client application registered by an administrator
posts with its `api_key` (`services.open311_client_issue`) and its own, higher rate; a
post without one counts against the sender's address; a wrong or revoked key is refused.

`requested_datetime` is when the feedback was received: the moment it was recorded, or,
when it was recorded on a later day than it came in (a letter entered afterwards), the
start of the day it was received. `media_url` is the address of its first photo, signed
so that only the photos of feedback listed here can be fetched through it.

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

from django.conf import settings
from django.core import signing
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from coso.concerns import selectors as concerns
from coso.core import ratelimit
from coso.core.codes import normalise
from coso.core.errors import DomainError
from coso.core.permissions import PUBLIC, requires
from coso.core.views import file_response
from coso.petitions import services
from coso.petitions.georeport import error, respond
from coso.petitions.models import (
    CLOSED_STATUSES,
    Attachment,
    Channel,
    Kind,
    Open311Client,
    Petition,
)
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


# When this version of the endpoint last changed (the discovery document's changeset).
CHANGESET = "2026-12-06T00:00:00+07:00"
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
MEDIA_SALT = "coso.petitions.open311.media"


def _jurisdiction(request: HttpRequest, fmt: str) -> Unit | HttpResponse:
    """The commune a call is about, or the error document saying why there is none."""
    data = request.POST if request.method == "POST" else request.GET
    code = data.get("jurisdiction_id", "").strip()
    if not code:
        return error(fmt, 400, "jurisdiction_id is required: the code of a commune (xã, phường)")
    commune = current_units().filter(code=code, kind=UnitKind.COMMUNE).first()
    if commune is None:
        return error(fmt, 404, f"jurisdiction_id '{code}' is not a commune served here")
    return commune


def w3c(moment: dt.datetime) -> str:
    """An aware datetime in Vietnam's zone, W3C ISO 8601: 2026-10-01T10:00:00+07:00."""
    return moment.astimezone(ZONE).isoformat(timespec="seconds")


def _moment(day: dt.date | None) -> str | None:
    """The close of the office day on `day`."""
    if day is None:
        return None
    return w3c(dt.datetime.combine(day, DAY_ENDS, tzinfo=ZONE))


def requested(p: Petition) -> str:
    """When the feedback was received (see the module's docstring)."""
    recorded = p.created_at.astimezone(ZONE)
    if recorded.date() == p.received_on:
        return w3c(recorded)
    return w3c(dt.datetime.combine(p.received_on, dt.time(0), tzinfo=ZONE))


def media_token(photo: Attachment) -> str:
    """The signed part of a photo's `media_url`."""
    return signing.dumps(photo.pk, salt=MEDIA_SALT)


def _media_url(request: HttpRequest, p: Petition) -> str:
    photos = p.photos  # type: ignore[attr-defined]
    if not photos:
        return ""
    token = media_token(photos[0])
    return request.build_absolute_uri(reverse("petitions:open311_media", args=[token]))


def _as_request(request: HttpRequest, p: Petition) -> dict[str, Any]:
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
        "requested_datetime": requested(p),
        "updated_datetime": w3c(p.updated_at),
        "expected_datetime": _moment(p.next_due or p.due_on),
        "address": p.address,
        "address_id": "",
        "zipcode": "",
        "lat": float(p.latitude) if p.latitude is not None else None,
        "long": float(p.longitude) if p.longitude is not None else None,
        "media_url": _media_url(request, p),
    }


def _photos() -> Any:
    return Attachment.objects.filter(content_type__startswith="image/").order_by("id")


def _feedback(commune: Unit) -> Any:
    return (
        Petition.objects.filter(kind=Kind.FEEDBACK, unit=commune)
        .select_related("unit")
        .prefetch_related(Prefetch("attachments", queryset=_photos(), to_attr="photos"))
        .defer("identity", "sender_name", "sender_contact")
    )


@requires(PUBLIC)
@require_GET
def services_list(request: HttpRequest, fmt: str) -> HttpResponse:
    commune = _jurisdiction(request, fmt)
    if isinstance(commune, HttpResponse):
        return commune
    offered = [_service(entry) for entry in concerns.catalogue().entries if not entry.retired()]
    return respond(fmt, "services", offered)


@requires(PUBLIC)
@require_GET
def service_definition(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """A service's definition: its code and its attributes. Coso asks nothing beyond
    the specification's own fields, so every service has none (`metadata` false)."""
    commune = _jurisdiction(request, fmt)
    if isinstance(commune, HttpResponse):
        return commune
    if not concerns.is_topic(code):
        return error(fmt, 404, f"service_code '{code}' not found")
    return respond(fmt, "service_definition", {"service_code": code, "attributes": []})


@requires(PUBLIC)
@require_GET
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    """The discovery document: where the endpoint is, what it speaks, whom to ask."""
    root = reverse("petitions:open311_services", kwargs={"fmt": "json"}).rsplit("/", 1)[0]
    endpoint = {
        "specification": SPECIFICATION,
        "url": request.build_absolute_uri(root + "/"),
        "changeset": CHANGESET,
        "type": "production",
        "formats": ["text/xml", "application/json"],
    }
    document = {
        "changeset": CHANGESET,
        "contact": settings.DEFAULT_FROM_EMAIL,
        "key_service": "api_key: issued by the administrator of this Coso installation",
        "endpoints": [endpoint],
    }
    return respond(fmt, "discovery", document)


@requires(PUBLIC)
@require_GET
def media(request: HttpRequest, token: str) -> FileResponse:
    """The photo a `media_url` names (only a photo of feedback, whose address it signs)."""
    try:
        pk = signing.loads(token, salt=MEDIA_SALT)
    except signing.BadSignature as bad:
        raise Http404 from bad
    photo = _photos().filter(pk=pk, petition__kind=Kind.FEEDBACK).first()
    if photo is None:
        raise Http404
    return file_response(photo)


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


def _sender_limit(request: HttpRequest, fmt: str) -> Any:
    """The client application posting (its api_key) or None for an anonymous sender;
    an error document when the key is wrong or revoked, or the sender over its rate.
    A client is counted by its key, at its own rate; anyone else by address."""
    raw = request.POST.get("api_key", "").strip()
    client = services.open311_client_for_key(raw) if raw else None
    if raw and client is None:
        return error(fmt, 403, "api_key is not valid")
    if client is None:
        over = ratelimit.over_limit(request, "open311")
    else:
        over = ratelimit.over_limit(request, "open311_client", key=f"client:{client.pk}")
    return error(fmt, ratelimit.STATUS, ratelimit.message()) if over else client


def _submission(data: Any, code: str, client: Open311Client | None) -> services.Submission:
    return services.Submission(
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
        open311_client=client,
    )


def _create(request: HttpRequest, commune: Unit, fmt: str) -> HttpResponse:
    client = _sender_limit(request, fmt)
    if isinstance(client, HttpResponse):
        return client
    data = request.POST
    code = data.get("service_code", "")
    if not concerns.is_topic(code):
        return error(fmt, 400, f"service_code '{code}' not found")
    if not (data.get("lat") and data.get("long")) and not data.get("address_string"):
        return error(fmt, 400, "a location is required: lat and long, or address_string")
    try:
        petition = services.petition_submit(
            actor=None, unit=commune, data=_submission(data, code, client)
        )
    except DomainError as problem:
        return error(fmt, 400, problem.message)
    if client is not None:
        services.open311_client_posted(client=client, tracking_code=petition.tracking_code)
    created = {
        "service_request_id": petition.tracking_code,
        "service_notice": "",
        "account_id": None,
    }
    return respond(fmt, "service_requests", [created], status=201)


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


def _window(request: HttpRequest, fmt: str) -> tuple[dt.datetime, dt.datetime] | HttpResponse:
    try:
        begin = _moment_param(request.GET.get("start_date"))
        finish = _moment_param(request.GET.get("end_date")) or timezone.now()
    except (ValueError, OverflowError):
        return error(fmt, 400, "start_date and end_date must be ISO 8601 date-times")
    try:
        return (begin or finish - DEFAULT_WINDOW), finish
    except OverflowError:
        return error(fmt, 400, "end_date is too early")


@requires(PUBLIC)
@csrf_exempt
@require_http_methods(["GET", "POST"])
def requests_list(request: HttpRequest, fmt: str) -> HttpResponse:
    commune = _jurisdiction(request, fmt)
    if isinstance(commune, HttpResponse):
        return commune
    if request.method == "POST":
        return _create(request, commune, fmt)
    qs = _feedback(commune)
    ids = [normalise(i) for i in request.GET.get("service_request_id", "").split(",") if i.strip()]
    if ids:
        qs = qs.filter(tracking_code__in=ids)
    else:
        window = _window(request, fmt)
        if isinstance(window, HttpResponse):
            return window
        qs = qs.filter(created_at__range=window)
        code = request.GET.get("service_code", "")
        if code:
            if not concerns.is_topic(code, retired=True):
                return error(fmt, 400, f"service_code '{code}' not found")
            qs = qs.filter(category=code)
        status = request.GET.get("status", "")
        if status == "closed":
            qs = qs.filter(status__in=CLOSED_STATUSES)
        elif status == "open":
            qs = qs.exclude(status__in=CLOSED_STATUSES)
    rows = qs.order_by("-created_at")[:MAX_RESULTS]
    return respond(fmt, "service_requests", [_as_request(request, p) for p in rows])


@requires(PUBLIC)
@require_GET
def request_detail(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    commune = _jurisdiction(request, fmt)
    if isinstance(commune, HttpResponse):
        return commune
    found = _feedback(commune).filter(tracking_code=normalise(code)).first()
    if found is None:
        return error(fmt, 404, f"service_request_id '{code}' not found")
    return respond(fmt, "service_requests", [_as_request(request, found)])
