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
# WCAG 2.0 and 2.1, levels A and AA (issue 23).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
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
        return [
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
