"""No internal key in any document or page: the demo is built (smaller), every document
it holds is rendered — each periodic report, each round's minutes, a consultation's
synthesis, the inspection board's report — and the pages that show choices, and none
of their text holds a choice's stored key (`meeting`, `ballot`, `online`, `secret`,
`draft`, …) where its label belongs ("Trong đó: meeting: 38")."""

import datetime as dt
import io
import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from coso.accounts.models import User
from coso.consultations import services as consultations
from coso.core.documents import MOTTO, NATIONAL_TITLE, PORTRAIT_COLUMNS
from coso.core.tests.test_documents import tables_by_orientation
from coso.decisions.models import Matter, Status
from coso.oversight.models import Member
from coso.portal import demo
from coso.reports.models import Report

pytestmark = pytest.mark.django_db


def choice_keys() -> set[str]:
    """Every stored value of every model field's choices that differs from its label and
    reads as an internal word (ASCII, lower case, letters and underscores)."""
    keys = set()
    for model in apps.get_models():
        if not model.__module__.startswith("coso."):
            continue
        for field in model._meta.get_fields():
            for value, label in getattr(field, "choices", None) or []:
                if (
                    isinstance(value, str)
                    and value != str(label)
                    and re.fullmatch(r"[a-z][a-z_]{2,}", value)
                ):
                    keys.add(value)
    return keys


def docx_text(content: bytes) -> str:
    """All the text a reader sees: paragraphs, tables (nested ones too), headers and
    footers."""
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]

    def tables(items):
        for table in items:
            for row in table.rows:
                for cell in row.cells:
                    parts.extend(p.text for p in cell.paragraphs)
                    tables(cell.tables)

    tables(document.tables)
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header):
            parts.extend(p.text for p in part.paragraphs)
    return "\n".join(parts)


class _Text(HTMLParser):
    """The text of a page as shown: no tags, attributes, scripts or styles."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in ("script", "style")

    def handle_endtag(self, tag):
        self.hidden -= tag in ("script", "style")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def page_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts)


def assert_official_layout(content: bytes) -> int:
    """The Decree 30/2020 layout, as the builder writes it; the number of wide tables."""
    document = Document(io.BytesIO(content))
    head = document.tables[0]
    left, right = (c.paragraphs for c in head.rows[0].cells)
    bold = {r.text for p in right for r in p.runs if r.bold}
    assert {NATIONAL_TITLE, MOTTO} <= bold
    assert any(r.bold for p in left for r in p.runs)  # the issuing body
    day = [r for p in head.rows[1].cells[1].paragraphs for r in p.runs]
    assert day and all(r.italic for r in day) and "ngày" in day[0].text
    assert head.rows[1].cells[0].text.startswith("Số:")
    title = next(p for p in document.paragraphs if p.text)
    assert title.runs[0].bold and title.text.isupper()
    assert "PAGE" in document.sections[0].header._element.xml
    placed = dict(tables_by_orientation(document))
    wide = 0
    for table in document.tables:
        if table.style.name != "Table Grid":
            continue
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        if len(table.columns) > PORTRAIT_COLUMNS:
            wide += 1
            assert placed[table._tbl] == WD_ORIENT.LANDSCAPE
    return wide


def leaked(text: str, keys: set[str]) -> set[str]:
    words = set(re.findall(r"(?<![\w/.-])[a-z_]+(?![\w/.-])", text))
    return words & keys


@pytest.fixture
def small_demo(monkeypatch):
    monkeypatch.setattr(demo, "DEMO_HOUSEHOLDS", 1500)
    monkeypatch.setattr(demo, "VILLAGES_PER_COMMUNE", 3)
    demo.build_demo()
    return User.objects.get(username="quantri")


def _consultation(admin):
    """The demo has no consultation: one is published, answered and synthesised in the
    first demo commune, from opinions gathered by two of its forms."""
    commune = Matter.objects.filter(matter_type="2").first().unit
    draft = consultations.Draft(
        category="7",
        title="Dự thảo Quy chế dân chủ xã",
        clauses=["Điều 1. Phạm vi áp dụng.", "Điều 2. Họp thôn mỗi quý một lần."],
        forms=["meeting", "box"],
        closes_on=timezone.localdate() + dt.timedelta(days=40),
    )
    consultation = consultations.consultation_publish(actor=admin, unit=commune, draft=draft)
    clause = consultation.clauses.first()
    for text, source in (("Cần nêu rõ phạm vi", "meeting"), ("Họp mỗi tháng", "box")):
        consultations.opinion_record(
            actor=admin, consultation=consultation, clause=clause, text=text, source=source
        )
    consultations.consultation_close(
        actor=admin, consultation=consultation, on=consultation.closes_on + dt.timedelta(days=1)
    )
    for opinion in consultation.opinions.all():
        consultations.opinion_answer(
            actor=admin, opinion=opinion, outcome="not_accepted", explanation="Theo quy chế mẫu."
        )
    consultations.consultation_result(
        actor=admin, consultation=consultation, synthesis="Nhận 2 ý kiến.", finals={}
    )
    return consultation


def test_no_choice_key_in_any_document_or_page_of_the_demo(client, small_demo):
    admin = small_demo
    consultation = _consultation(admin)
    keys = choice_keys()
    assert {"meeting", "ballot", "online", "paper", "draft", "published"} <= keys
    client.force_login(admin)
    documents = [reverse("reports:docx", args=[r.pk]) for r in Report.objects.all()]
    matters = list(Matter.objects.exclude(status=Status.DRAFT))
    documents += [reverse("decisions:minutes", args=[m.pk]) for m in matters]
    documents.append(reverse("consultations:docx", args=[consultation.pk]))
    boards = {m.commune.code for m in Member.objects.select_related("commune")}
    documents += [reverse("oversight:report", args=[c]) + "?format=docx" for c in boards]
    assert len(documents) > 10 and boards and matters
    found, wide = {}, 0
    for url in documents:
        response = client.get(url)
        assert response.status_code == 200, url
        wide += assert_official_layout(response.content)
        found[url] = leaked(docx_text(response.content), keys)
    assert wide  # the province's report has tables wider than a portrait page
    pages = [reverse("decisions:matter", args=[m.pk]) for m in matters]
    pages += [reverse("decisions:public_result", args=[m.pk]) for m in matters if m.published_on]
    pages += [reverse("decisions:list", args=[m.unit.code]) for m in matters]
    pages += [
        reverse("consultations:public_detail", args=[consultation.pk]),
        reverse("consultations:detail", args=[consultation.pk]),
        reverse("consultations:list", args=[consultation.unit.code]),
    ]
    pages += [reverse("oversight:board", args=[c]) for c in boards]
    pages += [reverse("oversight:public", args=[c]) for c in boards]
    pages += [reverse("reports:report", args=[r.pk]) for r in Report.objects.all()[:3]]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        found[url] = leaked(page_text(response.content.decode()), keys)
    assert {url: words for url, words in found.items() if words} == {}


def test_the_test_finds_a_leaked_key():
    keys = {"meeting", "online"}
    assert leaked("Trong đó: meeting: 38; Trực tuyến: 2", keys) == {"meeting"}
    assert leaked("Xem /vote/online/ và class-online", keys) == set()
    assert page_text('<p class="online">Trực tuyến<script>x="meeting"</script></p>') == "Trực tuyến"
