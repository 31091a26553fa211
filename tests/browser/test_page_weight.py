"""Every public page is light (issue 23, point 2): on a cold cache, what it transfers
(HTML, CSS, scripts, icons, compressed as production serves them) stays under
settings.COSO_PAGE_MAX_BYTES and its load event under settings.COSO_PAGE_MAX_LOAD_MS on
the slow 3G profile; it reads the same without JavaScript; it loads htmx only if its
forms use it.

"Every public page": each URL the permission matrix opens to anyone (`public`), at the
example tests/test_permissions.py calls it with, that answers an HTML page to an
anonymous GET — a new public page is measured without being listed here.

As production serves them: not the test server's static handler (uncompressed, from the
apps' folders) but the same WSGI application production runs, DEBUG off, static files
collected by production's storage (hashed and gzipped once, served by WhiteNoise) and
pages gzipped by GZipMiddleware.

The slow 3G profile is Chromium DevTools' "Slow 3G" (devtools-frontend,
front_end/core/sdk/NetworkManager.ts, `Slow3GConditions`; the same numbers as
Puppeteer's `PredefinedNetworkConditions["Slow 3G"]`): 500 kbit/s × 0.8 = 50,000 B/s
down and up, and a 400 ms round trip. DevTools multiplies that round trip by 5 (2,000
ms) because it delays whole requests rather than packets; at 2,000 ms before each
response, a page and its stylesheet alone take 4 s, so no page could meet any limit
under 4 s — the limit is measured at the profile's 400 ms, the figure the issue's 2.2 s
was measured at, and the front page's time at 2,000 ms is printed beside the table.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.test import Client
from django.test.testcases import LiveServerThread
from django.urls import reverse

from coso.core.permissions import PUBLIC
from tests.browser.conftest import ARTIFACTS, CHROMIUM, FLAGS
from tests.test_permissions import PAGES, coso_patterns, world  # noqa: F401 (a fixture)

SLOW_3G_THROUGHPUT = 500 * 1000 // 8 * 8 // 10  # bytes per second, down and up
SLOW_3G_ROUND_TRIP_MS = 400
DEVTOOLS_LATENCY_FACTOR = 5
HTMX = "vendor/htmx/htmx"
HX_ATTRIBUTE = re.compile(r"\shx-(get|post|put|patch|delete|target|trigger|swap)=")


@pytest.fixture
def production_server(settings, tmp_path, transactional_db):  # noqa: F811 (pytest-django's settings)
    """Coso's WSGI application on a port, its static files collected and compressed as
    `coso serve` collects them in production, with no static handler in front. Asks for
    `transactional_db` by name: pytest-django then runs it with the other transactional
    tests, after those sharing the test transaction (its flush at the end would empty
    the rulebook under them)."""
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path
    settings.WHITENOISE_USE_FINDERS = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    shared = {c.alias: c for c in connections.all() if c.vendor == "sqlite" and c.is_in_memory_db()}
    for connection in shared.values():
        connection.inc_thread_sharing()
    server = LiveServerThread("localhost", lambda app: app, connections_override=shared)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    yield f"http://localhost:{server.port}"
    server.terminate()
    for connection in shared.values():
        connection.dec_thread_sharing()


def public_pages(w) -> dict[str, str]:
    """Each public page that answers an HTML page to an anonymous GET: its name and
    address."""
    client, found = Client(), {}
    for name, view in sorted(coso_patterns().items()):
        if getattr(view, "coso_action", None) != PUBLIC:
            continue
        kwargs, _unit = PAGES[name](w, None)
        url = reverse(name, kwargs=kwargs)
        response = client.get(url)
        # A whole page, not a fragment a page fetches (the petition form's communes).
        page = response.status_code == 200 and not response.streaming
        if page and b"<!doctype html>" in response.content[:200]:
            found[name] = url
    return found


def load(browser, url: str, *, round_trip_ms: float, javascript: bool = True):
    """Open `url` in a fresh context (cold cache, no cookies) on the slow 3G profile:
    bytes transferred (as DevTools counts them: headers and encoded body), requests,
    milliseconds to the load event, the text of its body and the page's HTML."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="vi-VN", java_script_enabled=javascript
    )
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    finished: dict[str, int] = {}
    cdp.on(
        "Network.loadingFinished",
        lambda e: finished.__setitem__(e["requestId"], int(e["encodedDataLength"])),
    )
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": round_trip_ms,
            "downloadThroughput": SLOW_3G_THROUGHPUT,
            "uploadThroughput": SLOW_3G_THROUGHPUT,
        },
    )
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, url
    timing = "performance.getEntriesByType('navigation')[0]"
    page.wait_for_function(f"{timing}.loadEventEnd > 0")
    milliseconds = page.evaluate(f"{timing}.loadEventStart")
    page.wait_for_timeout(50)  # the last loadingFinished events reach this thread
    encoding = response.header_value("content-encoding")
    result = (sum(finished.values()), len(finished), milliseconds, page.inner_text("body"))
    html = page.content()
    context.close()
    return (*result, html, encoding)


def test_every_public_page_is_light(world, production_server, capsys):  # noqa: F811
    from playwright.sync_api import sync_playwright

    pages = public_pages(world)
    assert {"portal:home", "portal:unit", "petitions:submit", "petitions:track"} <= set(pages)
    rows, heavy, slow, differ, htmx_wrong, uncompressed = [], [], [], [], [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        for name, path in pages.items():
            url = production_server + path
            size, requests, ms, text, html, encoding = load(
                browser, url, round_trip_ms=SLOW_3G_ROUND_TRIP_MS
            )
            if ms >= settings.COSO_PAGE_MAX_LOAD_MS:
                # The network's part is the same on every load; the machine's (other
                # tests, other processes) only ever adds: the faster of two loads.
                ms = min(ms, load(browser, url, round_trip_ms=SLOW_3G_ROUND_TRIP_MS)[2])
            rows.append(f"{name:32} {path[:44]:44} {requests:>3} {size:>7,} B {ms:>6.0f} ms")
            if size >= settings.COSO_PAGE_MAX_BYTES:
                heavy.append(f"{name} {size} B")
            if ms >= settings.COSO_PAGE_MAX_LOAD_MS:
                slow.append(f"{name} {ms:.0f} ms")
            if encoding != "gzip":
                uncompressed.append(f"{name}: {encoding}")
            if bool(HX_ATTRIBUTE.search(html)) != (HTMX in html):
                htmx_wrong.append(name)
            # Reading needs no JavaScript: the same content with it switched off.
            *_, without_js, _html, _encoding = load(browser, url, round_trip_ms=0, javascript=False)
            if without_js.split() != text.split():
                differ.append(name)
        home = production_server + pages["portal:home"]
        devtools_ms = load(
            browser, home, round_trip_ms=SLOW_3G_ROUND_TRIP_MS * DEVTOOLS_LATENCY_FACTOR
        )[2]
        browser.close()
    connections.close_all()
    table = "\n".join(
        [
            f"Public pages, cold cache, 360 px, slow 3G ({SLOW_3G_THROUGHPUT:,} B/s, "
            f"{SLOW_3G_ROUND_TRIP_MS} ms round trip); limits "
            f"{settings.COSO_PAGE_MAX_BYTES:,} B and {settings.COSO_PAGE_MAX_LOAD_MS} ms",
            f"{'page':32} {'address':44} req {'transferred':>9} {'load':>9}",
            *rows,
            f"{len(rows)} pages. The front page at DevTools' own 2,000 ms per request: "
            f"{devtools_ms:.0f} ms to its load event.",
        ]
    )
    Path(ARTIFACTS).mkdir(exist_ok=True)
    (ARTIFACTS / "page-weight.txt").write_text(table + "\n")
    with capsys.disabled():
        print("\n" + table)
    assert not heavy, heavy
    assert not slow, slow
    assert not uncompressed, f"pages served uncompressed: {uncompressed}"
    assert not htmx_wrong, f"htmx loaded without hx- attributes, or missing: {htmx_wrong}"
    assert not differ, f"pages that read differently without JavaScript: {differ}"
