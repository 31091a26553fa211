"""axe-core in every page a browser test visits.

Before each action of the test (a navigation, a click, a keystroke...) and at its end,
axe runs over every page whose document is new or whose DOM changed since axe last
ran (a MutationObserver clears the mark). So every page is checked in each state the
test acts on: as loaded, after its htmx swaps, with the errors of a failed submit
shown. (Checking as a navigation leaves a page cannot work: Chromium does not evaluate
in a page whose navigation request is held.) axe-core is vendored for the tests only
(tests/browser/vendor/README.md); `page.evaluate` runs it whatever the page's
Content-Security-Policy, which the site keeps strict.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
# WCAG 2.0 and 2.1, levels A and AA (issue 23), and 2.2 AA: its one rule, target-size
# (2.5.8, targets at least 24×24 px; inline links in running text are exempt), is off
# by default in axe and switched on here.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RUN = """async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    rules: {"target-size": {enabled: true}},
  });
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
  }));
}"""

# Pages and violations over the whole session, printed by pytest_terminal_summary.
SESSION: dict[str, list[int]] = defaultdict(lambda: [0, 0])


MARK = '() => document.contentType !== "text/html" || window.__axeChecked === true'
SETTLE = """() => {
  window.__axeChecked = true;
  if (!window.__axeObserver) {
    window.__axeObserver = new MutationObserver(() => { window.__axeChecked = false; });
    window.__axeObserver.observe(document, {childList: true, subtree: true});
  }
}"""
FOCUSED = """() => document.contentType !== "text/html" || (
  document.activeElement !== null && document.activeElement !== document.body)"""
FOCUS_WAIT_MS = 2000
# An htmx POST's answer swapped into the page: where the focus is once it settled.
SWAP_WATCH = """(() => {
const swapsSeen = new WeakSet();
document.addEventListener("htmx:afterSettle", (event) => {
  const config = event.detail && event.detail.requestConfig;
  if (!config || config.verb !== "post" || swapsSeen.has(event.detail.xhr)) return;
  swapsSeen.add(event.detail.xhr);
  setTimeout(() => {
    if (document.activeElement === null || document.activeElement === document.body) {
      (window.__swapsLost = window.__swapsLost || []).push(config.path);
    }
  }, 100);
});
})();"""
SWAPS_LOST = (
    "() => { const lost = window.__swapsLost || []; window.__swapsLost = []; return lost; }"
)
ACTIONS = {
    "Page": ("goto", "click", "fill", "press", "check", "uncheck", "select_option",
             "set_input_files", "type", "dblclick", "tap", "go_back", "reload", "set_checked"),
    "Locator": ("click", "fill", "press", "check", "uncheck", "select_option", "set_input_files",
                "type", "dblclick", "tap", "set_checked", "press_sequentially", "clear"),
    "Keyboard": ("press", "type", "insert_text"),
}  # fmt: skip


@dataclass
class Audit:
    """The axe results of one test: pages checked and the violations found on them."""

    checked: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    violations: dict[str, dict[tuple[str, str], dict]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    contexts: list = field(default_factory=list)
    busy: bool = False
    # Pages a form was just submitted in (a POST navigation or an htmx POST), by id, with
    # the address posted to; and the submits after which the focus was left on the body.
    submitted: dict[int, str] = field(default_factory=dict)
    lost_focus: list[str] = field(default_factory=list)

    def watch(self, context) -> None:
        """Audits every page of `context`, and notes its form submits."""
        self.contexts.append(context)

        def noted(request) -> None:
            if request.method == "POST" and (
                request.is_navigation_request() or request.headers.get("hx-request")
            ):
                try:
                    page = request.frame.page
                except Exception:  # a service worker's request: no page submitted it
                    return
                self.submitted[id(page)] = _path(request.url)

        context.on("request", noted)
        context.add_init_script(SWAP_WATCH)

    def install(self, monkeypatch) -> None:
        """Runs `check_all` before every action of Playwright's sync API."""
        from playwright.sync_api import _generated

        for name, methods in ACTIONS.items():
            cls = getattr(_generated, name)
            for method in methods:
                monkeypatch.setattr(cls, method, self._before(getattr(cls, method)))

    def _before(self, action):
        def checked_first(*args, **kwargs):
            self.check_all()
            return action(*args, **kwargs)

        return checked_first

    def check_all(self) -> None:
        if self.busy:
            return
        self.busy = True
        try:
            for context in self.contexts:
                for page in context.pages:
                    self.check(page)
        finally:
            self.busy = False

    def check(self, page) -> None:
        url = page.url
        if page.is_closed() or not url.startswith("http"):
            return
        try:
            page.wait_for_load_state()
            self._check_focus(page)
            if page.evaluate(MARK):
                return
            page.evaluate(f"() => {{ if (!window.axe) {{ {AXE_SOURCE}\n }} }}")
            found = page.evaluate(RUN, TAGS)
            page.evaluate(SETTLE)
        except Exception as error:  # the page navigated meanwhile: its next document is checked
            if "destroyed" in str(error) or "navigat" in str(error):
                return
            raise
        key = _path(url)
        self.checked[key] += 1
        for violation in found:
            self.violations[key][(violation["id"], " | ".join(violation["targets"]))] = violation

    def _check_focus(self, page) -> None:
        """After a submit, the focus is on the user's next step (a message, the error
        summary, the swapped answer), not left on the page's body (WCAG 2.4.3)."""
        lost = page.evaluate(SWAPS_LOST)
        self.lost_focus.extend(f"{_path(page.url)} (after htmx POST {_path(url)})" for url in lost)
        posted = self.submitted.pop(id(page), None)
        if posted is None:
            return
        try:  # autofocus lands when the page is next rendered
            page.wait_for_function(FOCUSED, timeout=FOCUS_WAIT_MS)
        except Exception as error:
            if "Timeout" not in type(error).__name__ + str(error):
                raise
            self.lost_focus.append(f"{_path(page.url)} (after POST {posted})")

    def finish(self) -> list[str]:
        """Checks the pages still open, prints the table, and returns the failures."""
        self.check_all()
        lines = ["axe-core " + ", ".join(TAGS) + " — page: checks, violations"]
        for key, times in sorted(self.checked.items()):
            found = self.violations.get(key, {})
            lines.append(f"  {key}: {times}, {len(found)}")
            SESSION[key][0] += times
            SESSION[key][1] += len(found)
        print("\n".join(lines))
        return [f"{where}: the focus was left on the page's body" for where in self.lost_focus] + [
            f"{key}: {v['id']} ({v['impact']}) {v['help']} — {v['targets']}"
            for key, found in self.violations.items()
            for v in found.values()
        ]


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def summary(terminalreporter) -> None:
    if not SESSION:
        return
    terminalreporter.section("axe-core: pages visited by the browser tests")
    for key, (times, found) in sorted(SESSION.items()):
        terminalreporter.write_line(f"{found:3d} violations  {times:3d} checks  {key}")
    total = sum(found for _, found in SESSION.values())
    terminalreporter.write_line(f"{len(SESSION)} pages, {total} violations")
