"""A gateway on 127.0.0.1, in a thread, for the tests: it answers each path from a
script of answers — the last one repeats — and keeps every request. An answer is a
(status, JSON body), or a callable given the request that returns one (a provider's
fake that checks what it is sent: coso.notices.tests.providers)."""

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Received:
    method: str
    path: str
    headers: Message  # looked up without regard to case, as HTTP's are
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


Answer = tuple[int, Any] | Callable[["Received"], tuple[int, Any]]


@dataclass
class FakeGateway:
    url: str
    script: dict[str, list[Answer]]
    received: list[Received] = field(default_factory=list)

    def to(self, path: str) -> list[Received]:
        return [r for r in self.received if r.path.split("?")[0] == path]


@contextmanager
def fake_gateway(script: dict[str, list[Answer]]) -> Iterator[FakeGateway]:
    gateway = FakeGateway(url="", script={p: list(a) for p, a in script.items()})
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            path = self.path.split("?")[0]
            with lock:
                received = Received(self.command, self.path, self.headers, body)
                gateway.received.append(received)
                answers = gateway.script.get(path) or [(404, {})]
                answer = answers.pop(0) if len(answers) > 1 else answers[0]
                status, payload = answer(received) if callable(answer) else answer
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = _answer

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    gateway.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield gateway
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
