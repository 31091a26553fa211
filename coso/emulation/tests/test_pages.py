"""Pages, API and exports of a run over five communes (helpers.world)."""

import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from coso.core.models import AuditEntry
from coso.emulation import services
from coso.emulation.models import Line, Result, Run, Status
from coso.emulation.tests.helpers import NOW, score_all, user, world
from coso.units.tests.factories import commune

pytestmark = pytest.mark.django_db
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"


@pytest.fixture
def w(tree, time_machine):
    time_machine.move_to(NOW, tick=False)
    w = world(tree)
    w.run = services.run_create(actor=w.front, criteria_set=w.set, scope=w.province, period="2025")
    score_all(w, w.run)
    w.official_a = user("emu_a", "commune_official", tree.a)
    w.official_b = user("emu_b", "commune_official", tree.b)
    w.viewer = user("emu_viewer", "province_viewer", tree.province)
    return w


def _client(u) -> Client:
    c = Client()
    c.force_login(u)
    return c


def test_unfinished_results_answer_404_to_commune_b_by_page_and_api(w, tree):
    services.run_publish(actor=w.front, run=w.run)
    result_a = Result.objects.get(run=w.run, unit=tree.a)
    a, b = _client(w.official_a), _client(w.official_b)
    assert a.get(reverse("emulation:result", args=[result_a.pk])).status_code == 200
    assert a.get(f"/api/emulation/results/{result_a.pk}").status_code == 200
    assert b.get(reverse("emulation:result", args=[result_a.pk])).status_code == 404
    assert b.get(f"/api/emulation/results/{result_a.pk}").status_code == 404
    assert b.get(reverse("emulation:run", args=[w.run.pk])).status_code == 404
    assert b.get(f"/api/emulation/runs/{w.run.pk}").status_code == 404
    # a monitoring role sees no unfinished result either, and the public page none
    assert _client(w.viewer).get(f"/api/emulation/results/{result_a.pk}").status_code == 404
    assert Client().get(reverse("emulation:public_run", args=[w.run.pk])).status_code == 404


def test_the_unit_objects_on_its_page_and_the_body_answers(w, tree):
    services.run_publish(actor=w.front, run=w.run)
    line = Line.objects.get(result__run=w.run, result__unit=tree.a, criterion__code="mobilisation")
    a = _client(w.official_a)
    empty = a.post(reverse("emulation:object", args=[line.pk]), {"reason": ""})
    assert empty.status_code == 400 and "Trường này là bắt buộc" in empty.content.decode()
    done = a.post(reverse("emulation:object", args=[line.pk]), {"reason": "Đã có biên bản họp"})
    assert done.status_code == 302
    objection = line.objections.get()
    assert AuditEntry.objects.filter(
        model="emulation.objection", object_pk=str(objection.pk)
    ).exists()
    assert (
        _client(w.official_b)
        .post(reverse("emulation:object", args=[line.pk]), {"reason": "x"})
        .status_code
        == 404
    )
    front = _client(w.front)
    bad = front.post(
        reverse("emulation:answer", args=[objection.pk]),
        {"accept": "1", "reply": "Đồng ý", "points": "55"},
    )
    assert bad.status_code == 400 and "Điểm mới phải từ 0 đến 40" in bad.content.decode()
    ok = front.post(
        reverse("emulation:answer", args=[objection.pk]),
        {"accept": "1", "reply": "Đồng ý", "points": "20"},
    )
    assert ok.status_code == 302
    assert Result.objects.get(run=w.run, unit=tree.a).total == Decimal("80.00")


def test_scoring_page_with_an_evidence_file(w, tree, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    from django.core.files.uploadedfile import SimpleUploadedFile

    line = Line.objects.get(result__run=w.run, result__unit=tree.b, criterion__code="mobilisation")
    front = _client(w.front)
    url = reverse("emulation:score", args=[line.pk])
    assert front.get(url).status_code == 200
    bad = front.post(url, {"points": "12", "note": ""})
    assert (
        bad.status_code == 400
        and "Cần ghi nhận xét hoặc gửi tệp minh chứng" in bad.content.decode()
    )
    pdf = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 test")
    assert front.post(url, {"points": "12", "note": "", "evidence": pdf}).status_code == 302
    line.refresh_from_db()
    assert line.points == Decimal("12.00") and line.evidence_name == "bien-ban.pdf"
    got = _client(w.official_b).get(reverse("emulation:evidence", args=[line.pk]))
    assert got.status_code == 200 and b"".join(got.streaming_content) == b"%PDF-1.4 test"
    assert (
        _client(w.official_a).get(reverse("emulation:evidence", args=[line.pk])).status_code == 404
    )


def _page_rows(html: str) -> list[tuple[str, str, str]]:
    body = html.split('id="ranking"')[1].split("</table>")[0]
    rows = re.findall(
        r"<tr><td class=\"num\">(\d+).*?<a [^>]*>([^<]+)</a></td><td class=\"num\">([\d.,]+)</td>",
        body,
    )
    return [(name, total.replace(",", "."), rank) for rank, name, total in rows]


def test_docx_and_xlsx_match_the_page(w):
    page = _client(w.front).get(reverse("emulation:run", args=[w.run.pk]))
    assert page.status_code == 200
    shown = _page_rows(page.content.decode())
    assert len(shown) == 5
    docx = _client(w.front).get(reverse("emulation:run_docx", args=[w.run.pk]))
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "emulation-run.docx").write_bytes(docx.content)  # rendered and looked at
    document = Document(io.BytesIO(docx.content))
    ranking = next(
        t
        for t in document.tables
        if t.rows[0].cells[0].text == "Đơn vị" and t.rows[0].cells[1].text == "Tổng điểm"
    )
    in_docx = [
        (r.cells[0].text, r.cells[1].text.replace(",", "."), r.cells[2].text.split(" ")[0])
        for r in ranking.rows[1:]
    ]
    assert in_docx == shown
    xlsx = _client(w.front).get(reverse("emulation:run_xlsx", args=[w.run.pk]))
    book = load_workbook(io.BytesIO(xlsx.content))
    sheet = list(book["Xep hang"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], f"{Decimal(str(r[2])):.2f}", str(r[3])) for r in sheet] == shown
    lines = list(book["Tieu chi"].iter_rows(min_row=2, values_only=True))
    for name, total, _rank in shown:
        assert sum(Decimal(str(r[5])) for r in lines if r[0] == name) == Decimal(total)


def test_a_name_that_looks_like_a_formula_stays_text(w, tree):
    Run.objects.filter(pk=w.run.pk)
    tree.a.name = '=HYPERLINK("x")'
    tree.a.save()
    xlsx = _client(w.front).get(reverse("emulation:run_xlsx", args=[w.run.pk]))
    book = load_workbook(io.BytesIO(xlsx.content))
    cells = [c for row in book["Xep hang"].iter_rows() for c in row if c.value == tree.a.name]
    assert cells and all(c.data_type == "s" for c in cells)


def test_the_run_page_reads_in_a_fixed_number_of_queries(w, django_assert_max_num_queries):
    front = _client(w.front)
    url = reverse("emulation:run", args=[w.run.pk])
    front.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as five:
        front.get(url)
    for n in range(3):
        commune(w.province, f"Xã mới {n}")
    services.run_compute(actor=w.front, run=w.run)
    with CaptureQueriesContext(connection) as eight:
        front.get(url)
    assert len(eight.captured_queries) == len(five.captured_queries)


def test_final_results_are_public_and_counted(w, tree, time_machine, figures_work):
    services.run_publish(actor=w.front, run=w.run)
    time_machine.move_to(w.run.objection_deadline.isoformat() + " 23:59", tick=False)
    time_machine.shift(3600)
    services.run_finalise(actor=w.front, run=w.run)
    assert Run.objects.get(pk=w.run.pk).status == Status.FINAL
    page = Client().get(reverse("emulation:public_run", args=[w.run.pk]))
    assert page.status_code == 200 and "Xã C" in page.content.decode()
    portal = Client().get(reverse("portal:unit", args=[tree.a.code]))
    assert "emulation-runs" in portal.content.decode()
    from coso.emulation.indicators import compute

    counted = compute([tree.a.pk, tree.b.pk], w.run.period_start, w.run.period_end)
    assert counted[tree.a.pk]["emulation.units_assessed"] == 1
    assert counted[tree.a.pk]["emulation.class.fair"] == 1
    assert counted[tree.b.pk]["emulation.class.fair"] == 1
