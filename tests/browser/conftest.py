import os
from pathlib import Path

import pytest

from tests.browser import axe

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            # The live server needs committed data; serialized rollback restores the
            # rulebook that migrations loaded, which the flush after the test would erase.
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))
            if not os.path.exists(CHROMIUM):
                item.add_marker(pytest.mark.skip(reason="Debian's chromium is not installed"))


@pytest.fixture
def browser_page(monkeypatch):
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test still reads the
    # database between steps. Only for this test: the variable must not leak further.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        # axe-core checks every page of every context the test opens (tests/browser/axe.py).
        audit = axe.Audit()
        audit.install(monkeypatch)
        new_context = browser.new_context

        def audited_context(**options):
            context = new_context(**options)
            audit.watch(context)
            return context

        browser.new_context = audited_context  # type: ignore[method-assign]
        # A cheap phone: 360 px wide.
        context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
        page = context.new_page()
        violations: list[str] = []
        # Every page is served with a Content-Security-Policy without inline scripts or
        # styles: anything the browser blocks under it is a defect — but not what axe-core
        # itself tries while it checks a page (the browser reports it before the check's
        # answer, so while the audit is busy).
        page.on(
            "console",
            lambda message: (
                "Content Security Policy" in message.text
                and not audit.busy
                and violations.append(message.text)
            ),
        )
        yield page
        inaccessible = audit.finish()
        browser.close()
        # The test's own queries ran inside Playwright's context, on connections of
        # their own: close them here, or PostgreSQL cannot drop the test database.
        connections.close_all()
    assert not violations, violations
    assert not inaccessible, (
        "axe-core (WCAG 2.1 A/AA, 2.2 target size), focus after submit:\n" + "\n".join(inaccessible)
    )


def pytest_terminal_summary(terminalreporter):
    axe.summary(terminalreporter)


def province_viewer_signs_in(live_server, page, province, width: int) -> None:
    """The province's steering-committee account, made and signed in on a screen
    `width` px wide; it lands on its dashboard."""
    from coso.accounts.models import Role, RoleAssignment, User

    User.objects.create_user("tinh", password="mat-khau-demo-2026")
    RoleAssignment.objects.create(
        user=User.objects.get(username="tinh"), unit=province, role=Role.PROVINCE_VIEWER
    )
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "tinh")
    page.fill("#id_password", "mat-khau-demo-2026")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_selector("#headline")
