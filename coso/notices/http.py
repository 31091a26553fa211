"""One small JSON-over-HTTP call for the gateways, with the standard library: a
gateway's 5xx, a timeout or a refused connection is `Temporary` (the outbox tries
again later); a 4xx is `Permanent` (the same request would be refused again)."""

import json
import urllib.error
import urllib.request
from typing import Any

from coso.notices.errors import Permanent, Temporary

TIMEOUT_SECONDS = 15


def post(
    url: str, *, json_body: Any = None, form: str | None = None, headers: dict[str, str]
) -> dict[str, Any]:
    """POST a JSON body (or an urlencoded form) and return the JSON answer."""
    if form is not None:
        data = form.encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded"} | headers
    else:
        data = json.dumps(json_body, ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json; charset=utf-8"} | headers
    request = urllib.request.Request(url, data=data, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            answer = json.loads(response.read().decode() or "{}")
    except urllib.error.HTTPError as error:
        kind = Temporary if error.code >= 500 or error.code == 429 else Permanent
        raise kind(f"{url}: HTTP {error.code}") from error
    except (OSError, ValueError) as error:  # refused, timed out, not JSON
        raise Temporary(f"{url}: {error}") from error
    if not isinstance(answer, dict):
        raise Temporary(f"{url}: unexpected answer {answer!r:.200}")
    return answer
