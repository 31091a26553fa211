"""Both languages complete (issue 23, point 5). Each test lists everything it finds —
a message without its English, Vietnamese written without its diacritics, a choice's
stored key shown where its label belongs (`meeting`, `ballot`, `online`), a message of
Django's own left in English for a Vietnamese user — and expects to find none."""

import ast
import contextlib
import io
import os
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from tests.test_documents import choice_keys, docx_text, leaked, page_text

# The words shown do not depend on the database: read once, on SQLite (the crawl of the
# demo takes minutes, and the suite runs twice).
pytestmark = pytest.mark.skipif(
    connection.vendor == "postgresql", reason="the texts are the same on every database"
)

PACKAGE = Path(__file__).resolve().parents[1] / "coso"
PO = PACKAGE / "locale" / "en" / "LC_MESSAGES" / "django.po"


def report(what: str, found: dict[str, object] | list[str]) -> None:
    """Print every finding under its heading, or that there was none."""
    print(f"\n{what}:")
    for item in found:
        print(f"  {item}" + (f": {found[item]}" if isinstance(found, dict) else ""))
    if not found:
        print("  none found")


# --- Pages and documents: no choice's stored key where its label belongs ------------

# Links a crawl does not follow: they change something, end the session, or are files
# other than the documents looked at.
SKIP = re.compile(
    r"^/(static|api)/|/(sign[-_]?out|logout|logins|revoke|admin)/|/attachments?/|/photo|\.ics|\.csv"
)
PER_SHAPE = 3
LIMIT = 250
DOCUMENT = re.compile(r"\.(xlsx|docx)$|/(docx|xlsx|minutes)/?$|format=docx")


def xlsx_text(content: bytes) -> str:
    """Every cell's text in every sheet of a workbook."""
    book = load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def document_text(response) -> str:
    kind = response.headers.get("Content-Type", "")
    if "spreadsheetml" in kind:
        return xlsx_text(response.content)
    if "wordprocessingml" in kind:
        return docx_text(response.content)
    return page_text(response.content.decode())


class _Links:
    HREF = re.compile(r'href="([^"#]+)')

    def __init__(self, found: str, base: str) -> None:
        self.urls = [urljoin(base, h.replace("&amp;", "&")) for h in self.HREF.findall(found)]


def crawl(
    client, starts: list[str], limit: int, broken: dict[str, str] | None = None
) -> Iterator[tuple[str, object]]:
    """The pages (and documents) reached from `starts` by following links, a page's
    variants by query string counted once per path shape. A link that answers neither
    200 nor a redirect is put in `broken` (its address: its status and the page that
    showed it): a missing page, a crash, or a link shown to someone it refuses."""
    queue, seen, shapes = list(starts), set(starts), Counter()
    found_on: dict[str, str] = {}
    while queue and len(seen) <= limit:
        url = queue.pop(0)
        response = client.get(url)
        if response.status_code != 200:
            if broken is not None and response.status_code not in (301, 302, 303, 307, 308):
                broken[url] = f"{response.status_code} (linked from {found_on.get(url, 'start')})"
            continue
        yield url, response
        if "text/html" not in response.headers.get("Content-Type", ""):
            continue
        for link in _Links(response.content.decode(), url).urls:
            parts = urlsplit(link)
            if parts.netloc not in ("", "testserver") or SKIP.search(parts.path):
                continue
            shape = re.sub(r"\d+", "N", parts.path) + ("?" if parts.query else "")
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target in seen or (shapes[shape] >= PER_SHAPE and not DOCUMENT.search(target)):
                continue
            seen.add(target)
            found_on[target] = url
            shapes[shape] += 1
            queue.append(target)


@pytest.fixture
def small_demo(monkeypatch):
    from coso.portal import demo

    monkeypatch.setattr(demo, "DEMO_HOUSEHOLDS", 600)
    monkeypatch.setattr(demo, "VILLAGES_PER_COMMUNE", 2)
    # Three communes of the province are enough to show every kind of record.
    communes = demo._communes
    monkeypatch.setattr(demo, "_communes", lambda: communes()[:3])
    demo.build_demo()


def _household_signs_in(client) -> None:
    """A household of the demo village, signed in with the code its slip gives."""
    from coso.accounts.models import User
    from coso.portal.demo import _communes, _first_village
    from coso.residents import services as residents

    village = _first_village(_communes()[0])
    head = User.objects.get(username="truongthon")
    row = residents.issue_codes(actor=head, village=village)[0]
    client.post(reverse("residents:sign_in"), {"login": row["login"], "secret": row["code"]})


@pytest.mark.django_db
def test_no_choice_key_where_its_label_belongs(client, small_demo):
    """Crawled as the administrator, a commune official, the public and a household:
    every page, DOCX and XLSX reached; their visible text holds no stored key."""
    from coso.accounts.models import User

    # "email" is also the word Vietnamese writes ("Điện thoại hoặc email"): text cannot
    # tell it from a leaked key.
    keys = choice_keys() - {"email"}
    assert {"meeting", "ballot", "online", "paper", "draft", "published"} <= keys
    found: dict[str, object] = {}
    broken: dict[str, str] = {}
    kinds: Counter[str] = Counter()
    for who in ("quantri", "xa", None, "household"):
        client.logout()
        if who == "household":
            _household_signs_in(client)
            starts = [reverse("residents:home"), reverse("portal:home")]
        elif who:
            client.force_login(User.objects.get(username=who))
            starts = [reverse("portal:official_home")]
        else:
            starts = [reverse("portal:home")]
        visited: dict[str, str] = {}
        for url, response in crawl(client, starts, limit=LIMIT, broken=visited):
            kinds[response.headers.get("Content-Type", "").split(";")[0].split(".")[-1]] += 1
            words = leaked(document_text(response), keys)
            if words:
                found[f"{who or 'public'} {url}"] = sorted(words)
        broken.update({f"{who or 'public'} {url}": why for url, why in visited.items()})
    print("\nRead:", dict(kinds))
    report("Choice keys shown where a label belongs", found)
    report("Links that answer neither a page nor a redirect", broken)
    assert kinds["text/html"] > 200 and kinds["document"] and kinds["sheet"]
    assert not found and not broken


# --- Every message has its English ---------------------------------------------------


def po_entries(path: Path) -> list[dict[str, object]]:
    """The entries of a .po file: msgid, msgstr (every plural form), fuzzy, obsolete."""
    entries: list[dict[str, object]] = []
    for block in path.read_text().split("\n\n"):
        entry: dict[str, object] = {"msgid": "", "msgstr": [], "fuzzy": False}
        key = None
        for line in block.splitlines():
            obsolete = line.startswith("#~")
            line = line.removeprefix("#~ ")
            if line.startswith("#,"):
                entry["fuzzy"] = "fuzzy" in line
                continue
            if line.startswith("#"):
                continue
            entry["obsolete"] = obsolete
            word, _, rest = line.partition(" ")
            if word in ("msgid", "msgid_plural", "msgctxt") or word.startswith("msgstr"):
                key = "msgstr" if word.startswith("msgstr") else word
                if key == "msgstr":
                    entry["msgstr"].append("")  # type: ignore[union-attr]
                line = rest
            text = line.strip()[1:-1] if line.strip().startswith('"') else ""
            if key == "msgstr":
                entry["msgstr"][-1] += text  # type: ignore[index]
            elif key:
                entry[key] = str(entry.get(key, "")) + text
        if entry["msgid"]:
            entries.append(entry)
    return entries


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> list[dict[str, object]]:
    """The English catalogue as `make messages` would leave it: the sources' strings
    extracted again (in a copy of the package) and merged with the committed
    translations."""
    from django.test import override_settings

    copy = tmp_path_factory.mktemp("messages") / "coso"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "static", "*.mo"))
    here = Path.cwd()
    try:
        os.chdir(copy)
        with override_settings(LOCALE_PATHS=[copy / "locale"]):
            call_command(
                "makemessages",
                locale=["en"],
                no_obsolete=True,
                no_wrap=True,
                no_location=True,
                verbosity=0,
            )
    finally:
        os.chdir(here)
    return po_entries(copy / "locale" / "en" / "LC_MESSAGES" / "django.po")


def test_every_message_has_its_english(extracted):
    """Every string the sources mark for translation — the committed ones and any added
    since the catalogue was last made — has a non-empty English, not fuzzy."""
    missing = [
        str(e["msgid"])
        for e in extracted
        if e["fuzzy"] or not all(e["msgstr"])  # type: ignore[arg-type]
    ]
    committed = {str(e["msgid"]) for e in po_entries(PO) if not e.get("obsolete")}
    stale = sorted(committed - {str(e["msgid"]) for e in extracted})
    report("Messages without their English", missing)
    report("Messages of the catalogue no source uses any more (run `make messages`)", stale)
    assert len(extracted) > 1000 and not missing and not stale


def test_the_catalogue_check_finds_a_missing_english(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        'msgid "Có"\nmsgstr "Yes"\n\n#, fuzzy\nmsgid "Không"\nmsgstr "No"\n\n'
        'msgid ""\n"Hộ "\n"gia đình"\nmsgstr ""\n\n'
        'msgid "%(n)s hộ"\nmsgid_plural "%(n)s hộ"\nmsgstr[0] "%(n)s household"\nmsgstr[1] ""\n'
    )
    entries = {str(e["msgid"]): e for e in po_entries(po)}
    assert entries["Có"]["msgstr"] == ["Yes"] and entries["Không"]["fuzzy"]
    assert entries["Hộ gia đình"]["msgstr"] == [""]
    assert entries["%(n)s hộ"]["msgstr"] == ["%(n)s household", ""]


# --- Vietnamese keeps its diacritics -------------------------------------------------

# Common Vietnamese words as they read with their marks lost. Only forms that are no
# word or name themselves ("ngay", "xa", "ho", "thon", "nam" are words, "Nhung" a name:
# they are taken in a phrase that gives them away).
UNMARKED = [
    "khong",
    "duoc",
    "nguoi",
    "nguoi dan",
    "thong bao",
    "ho gia dinh",
    "gia dinh",
    "don vi",
    "don",
    "cua",
    "va",
    "cac",
    "viec",
    "phieu",
    "bieu quyet",
    "y kien",
    "kien nghi",
    "phan anh",
    "khieu nai",
    "to cao",
    "cong khai",
    "hoi nghi",
    "chu tich",
    "uy ban",
    "nhan dan",
    "dang nhap",
    "mat khau",
    "tai khoan",
    "bao cao",
    "ket qua",
    "danh sach",
    "trang thai",
    "thoi han",
    "hieu luc",
    "quyet dinh",
    "chua",
    "dia chi",
    "dien thoai",
    "tu ngay",
    "den ngay",
    "ngay thang",
    "cap xa",
    "ubnd xa",
    "truong thon",
    "chu ho",
    "ma ho",
    "duoi",
    "tren",
    "hien thi",
    "ghi nhan",
    "dieu",
    "khoan",
    "nghi dinh",
    "thong tu",
    "luat",
    "cuoc hop",
    "hop thon",
    "xa phuong",
]
_UNMARKED = re.compile(
    r"(?<![\w'’/.\-@])(" + "|".join(w.replace(" ", r"\s+") for w in UNMARKED) + r")(?![\w'’/.\-@])",
    re.IGNORECASE,
)


def unmarked(text: str) -> list[str]:
    """The unmarked Vietnamese words in `text` (not inside a link, a path or a name
    with dots, dashes or underscores)."""
    return [m.group(1) for m in _UNMARKED.finditer(text)]


def _python_strings() -> Iterator[tuple[str, str]]:
    """Every string literal of Coso's code (what documents, exports and seeds write as
    they are), with where it is."""
    for path in sorted(PACKAGE.rglob("*.py")):
        if {"tests", "migrations"} & set(path.parts):
            continue
        tree = ast.parse(path.read_text())
        # Keys a lookup matches folded text against ({"khong": False}) are never shown.
        keys = {id(k) for n in ast.walk(tree) if isinstance(n, ast.Dict) for k in n.keys}
        keys |= {id(e) for n in ast.walk(tree) if isinstance(n, ast.Set) for e in n.elts}
        for node in ast.walk(tree):
            if id(node) in keys:
                continue
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                yield f"{path.relative_to(PACKAGE.parent)}:{node.lineno}", node.value


def test_vietnamese_keeps_its_diacritics(extracted):
    """No message, template text or string of the code writes Vietnamese without its
    marks ("Khong duoc de trong")."""
    texts = [(f"msgid {e['msgid']!r}", str(e["msgid"])) for e in extracted]
    texts += list(_python_strings())
    found = {where: words for where, text in texts if (words := unmarked(text))}
    report("Vietnamese written without its diacritics", found)
    assert not found


def test_the_diacritics_check_finds_unmarked_words():
    assert unmarked("Khong duoc de trong. Ho gia dinh: 3") == ["Khong", "duoc", "Ho gia dinh"]
    assert unmarked("Không được để trống; vùng xa; /tai-khoan/; cac_hang; a@cua.vn") == []


# --- Django's own messages reach a Vietnamese user in Vietnamese ---------------------


class _AnyNumber(dict):
    def __missing__(self, key: str) -> int:
        return 2


def django_messages(language: str) -> dict[str, str]:
    """What Django itself may say to a person using Coso, in `language`: form and model
    fields' errors, validators, pagination, password rules, the sign-in and password
    forms."""
    from django.utils import translation

    with translation.override(language):
        return {key: str(message % _AnyNumber()) for key, message in _django_messages().items()}


def subclasses(cls: type) -> Iterator[type]:
    """`cls` and every class below it."""
    yield cls
    for sub in cls.__subclasses__():
        yield from subclasses(sub)


def _django_messages() -> dict[str, object]:
    from django import forms
    from django.contrib.auth import forms as auth_forms
    from django.core import paginator, validators
    from django.db import models

    found: dict[str, object] = {}
    for base in (forms.Field, models.Field):
        for cls in subclasses(base):
            if cls.__module__.startswith("django."):
                for key, message in vars(cls).get("default_error_messages", {}).items():
                    found[f"{cls.__name__}.{key}"] = message
    for name, cls in vars(validators).items():
        if isinstance(cls, type) and "message" in vars(cls):
            found[f"validators.{name}"] = cls.message
    for key, message in paginator.Paginator.default_error_messages.items():
        found[f"Paginator.{key}"] = message
    for form in (auth_forms.AuthenticationForm, auth_forms.SetPasswordForm):
        for key, message in form.error_messages.items():
            found[f"{form.__name__}.{key}"] = message
    return found | _password_messages()


def _password_messages() -> dict[str, object]:
    from django.contrib.auth import password_validation

    found: dict[str, object] = {}
    for validator in password_validation.get_default_password_validators():
        name = type(validator).__name__
        found[f"{name}.help"] = validator.get_help_text()
        try:
            validator.validate("1234", user=None)
        except Exception as error:  # noqa: BLE001 - each validator raises its own
            found[f"{name}.error"] = error.messages[0]  # type: ignore[attr-defined]
    return found


def test_django_speaks_vietnamese_to_a_vietnamese_user():
    """Each of Django's own messages a person may meet reads otherwise in Vietnamese
    than in English (Django's Vietnamese catalogue, completed by coso/locale/vi)."""
    english, vietnamese = django_messages("en"), django_messages("vi")
    found = {key: text for key, text in english.items() if vietnamese[key] == text}
    report("Django's messages left in English for a Vietnamese user", found)
    assert len(english) > 60 and not found


@pytest.mark.django_db
def test_a_vietnamese_user_reads_djangos_errors_in_vietnamese(client):
    from coso.core.forms import BoundedDateField

    page = client.post(reverse("accounts:login"), {"username": "", "password": ""})
    assert "Trường này là bắt buộc." in page.content.decode()
    with pytest.raises(Exception) as error:
        BoundedDateField().clean("31/02/2026")
    assert error.value.messages == ["Nhập một ngày hợp lệ."]  # type: ignore[attr-defined]


# --- Dates typed day/month/year whatever the browser's language ----------------------

# The browser's own boxes for dates and times, each shown in the browser's language
# (mm/dd/yyyy, 7:05 PM, "November 2026") whatever the page's.
LOCALE_BOXES = ("date", "time", "month", "week", "datetime-local")


def test_no_date_box_follows_the_browsers_locale():
    """No form field or template asks the browser for its own date, time or month box
    (type=date shows mm/dd/yyyy and type=time AM/PM to a browser set to English); every
    form reads dd/mm/yyyy and a 24-hour HH:MM."""
    import importlib

    from django import forms
    from django.apps import apps
    from django.utils import translation

    for config in apps.get_app_configs():
        for module in ("forms", "views", "admin"):
            if config.name.startswith("coso."):
                with contextlib.suppress(ModuleNotFoundError):
                    importlib.import_module(f"{config.name}.{module}")

    found = [
        f"{form.__module__}.{form.__name__}.{name}"
        for form in subclasses(forms.BaseForm)
        if form.__module__.startswith("coso.")
        for name, field in getattr(form, "base_fields", {}).items()
        if {getattr(field.widget, "input_type", ""), field.widget.attrs.get("type")}
        & set(LOCALE_BOXES)
    ]
    found += [
        str(path.relative_to(PACKAGE.parent))
        for path in PACKAGE.rglob("templates/**/*.html")
        if re.search(r"""type=["']?({})\b""".format("|".join(LOCALE_BOXES)), path.read_text())
    ]
    report("Date and time boxes shown in the browser's locale", found)
    assert not found
    for language in ("vi", "en"):
        with translation.override(language):
            assert forms.DateField().clean("05/06/2026").month == 6
            assert forms.DateField().clean("2026-06-05").day == 5
