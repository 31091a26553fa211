"""Fakes of eSMS.vn and of Zalo (ZNS and its OAuth endpoint) for the tests, answering
as their documentation says (sources in docs/notices.md, "Sources"). Each checks what
it is sent — the method, the content type, the headers and the fields the
documentation names — answers a request the real one would refuse with the refusal the
documentation gives, and keeps what it took (`taken`), so a test sees a message
reached the provider exactly once. Mounted on `fake_gateway` as callable answers."""

import json
import re
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

from coso.notices.tests.fake_gateway import Received

Answer = tuple[int, dict[str, Any]]

ESMS_PATH = "/MainService.svc/json/SendMultipleMessage_V4_post_json/"
ZNS_PATH, OAUTH_PATH = "/message/template", "/v4/oa/access_token"


def _json(received: Received) -> dict[str, Any] | None:
    if not received.headers.get("Content-Type", "").startswith("application/json"):
        return None
    try:
        body = json.loads(received.body)
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


@dataclass
class FakeEsms:
    """SendMultipleMessage_V4_post_json for one account and its registered brand name.
    `lose` answers 500 to that many requests it nonetheless took (an answer lost on the
    way back)."""

    api_key: str = "api-key"
    secret_key: str = "secret-key"
    brandname: str = "UBND XA AN"
    lose: int = 0
    taken: list[dict[str, Any]] = field(default_factory=list)
    request_ids: set[str] = field(default_factory=set)

    def __call__(self, received: Received) -> Answer:
        body = _json(received)
        required = ("ApiKey", "Content", "Phone", "SecretKey", "Brandname", "SmsType")
        if (
            received.method != "POST"
            or body is None
            or not all(isinstance(body.get(name), str) and body[name] for name in required)
            or any(not isinstance(value, str) for value in body.values())
            or body.get("IsUnicode", "0") not in ("0", "1")
            or len(body.get("RequestId", "")) > 50
        ):
            return 200, {"error": "Invalid request"}  # the documentation's "99" tab
        if (body["ApiKey"], body["SecretKey"]) != (self.api_key, self.secret_key):
            return 200, {
                "CodeResult": "101",
                "CountRegenerate": 0,
                "ErrorMessage": "Authorize Failed",
            }
        if body["SmsType"] != "2" or body["Brandname"] != self.brandname:
            return 200, {
                "CodeResult": "104",
                "CountRegenerate": 0,
                "ErrorMessage": "Brand name code is not exist",
            }
        if not re.fullmatch(r"0\d{9}", body["Phone"]):
            return 200, {"CodeResult": "108", "CountRegenerate": 0, "ErrorMessage": "Phone invalid"}
        request_id = body.get("RequestId", "")
        if request_id and request_id in self.request_ids:
            return 200, {
                "CodeResult": "124",
                "CountRegenerate": 0,
                "ErrorMessage": "Request exist 1",
                "SendStatus": "5",
            }
        self.request_ids.add(request_id)
        self.taken.append(body)
        if self.lose:
            self.lose -= 1
            return 500, {}
        return 200, {"CodeResult": "100", "CountRegenerate": 0, "SMSID": f"sms-{len(self.taken)}"}


@dataclass
class FakeZalo:
    """The OA's OAuth endpoint and ZNS, for one app and one approved template whose
    parameters have the given lengths. A refresh token is used once; an access token
    ZNS does not know is answered -124."""

    app_id: str = "app-1"
    app_secret: str = "app-secret"
    refresh_token: str = "refresh-0"
    template_id: str = "tpl-9"
    params: dict[str, int] = field(default_factory=lambda: {"title": 30, "content": 200})
    access_tokens: set[str] = field(default_factory=set)
    renewals: int = 0
    taken: list[dict[str, Any]] = field(default_factory=list)

    def oauth(self, received: Received) -> Answer:
        form = urllib.parse.parse_qs(received.body.decode())
        if (
            received.method != "POST"
            or received.headers.get("Content-Type") != "application/x-www-form-urlencoded"
            or received.headers.get("secret_key") != self.app_secret
            or form.get("app_id") != [self.app_id]
            or form.get("grant_type") != ["refresh_token"]
            or form.get("refresh_token") != [self.refresh_token]
        ):
            # The shape of OAuth's refusal is not in the sources found: any answer
            # without an access_token is a refusal to Coso.
            return 200, {"error": -14014, "error_name": "Invalid refresh token"}
        self.renewals += 1
        access, self.refresh_token = f"access-{self.renewals}", f"refresh-{self.renewals}"
        self.access_tokens.add(access)
        return 200, {
            "access_token": access,
            "refresh_token": self.refresh_token,
            "expires_in": "90000",
        }

    def zns(self, received: Received) -> Answer:
        body = _json(received)
        if received.method != "POST" or body is None:
            return 200, {"error": -106, "message": "Method unsupported"}
        if received.headers.get("access_token") not in self.access_tokens:
            return 200, {"error": -124, "message": "Access token is invalid"}
        if not re.fullmatch(r"84\d{9}", str(body.get("phone", ""))):
            return 200, {"error": -108, "message": "Phone number invalid"}
        if body.get("template_id") != self.template_id:
            return 200, {"error": -109, "message": "Template ID invalid"}
        data = body.get("template_data")
        if not isinstance(data, dict) or set(data) != set(self.params):
            return 200, {"error": -111, "message": "Template data empty"}
        if any(not isinstance(v, str) or len(v) > self.params[k] for k, v in data.items()):
            return 200, {"error": -112, "message": "Template data invalid"}
        if not isinstance(body.get("tracking_id"), str) or len(body["tracking_id"]) > 48:
            return 200, {"error": -100, "message": "Unknown error"}
        self.taken.append(body)
        msg_id = f"z-{len(self.taken)}"
        return 200, {"error": 0, "message": "Success", "data": {"msg_id": msg_id, "sent_time": "1"}}
