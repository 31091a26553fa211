"""A run explained: each unit's lines as the page, the DOCX and the XLSX show them (one
function builds them, so the three agree), and the result as the official DOCX (the
layout of coso/core/documents, as the reports use it) and an XLSX no spreadsheet runs."""

import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils import timezone, translation
from openpyxl import Workbook

from coso.core.documents import ARCHIVE, OfficialDocument, Signer, place_of, unit_title
from coso.core.indicators import ratios
from coso.core.xlsx import cell
from coso.emulation import selectors
from coso.emulation.models import Grade, Line, Result, Run, Source


@dataclass(frozen=True)
class Explained:
    line: Line
    label: str
    source: str  # the figure's label and code, or "assessed"
    value: str  # the figure as read ("83.3 %"), "" for an assessed line
    weight: Decimal
    points: Decimal
    link: str | None


@dataclass(frozen=True)
class ExplainedResult:
    result: Result
    lines: list[Explained]


def _shown(value: Decimal | None, code: str) -> str:
    if value is None:
        return "—"
    text = f"{value.normalize():f}".replace(".", ",")
    return f"{text} %" if code in ratios() else text


def explained_lines(result: Result, run: Run) -> list[Explained]:
    out = []
    for line in result.lines.all():
        c = line.criterion
        automatic = c.source == Source.AUTOMATIC
        out.append(
            Explained(
                line=line,
                label=c.label,
                source=f"{selectors.source_label(c.indicator)} ({c.indicator})"
                if automatic
                else str(Source.ASSESSED.label),
                value=_shown(line.value, c.indicator) if automatic else "",
                weight=c.weight,
                points=line.points,
                link=selectors.source_link(
                    c.indicator, result.unit, run.period_start, run.period_end
                )
                if automatic
                else None,
            )
        )
    return out


def explained(run: Run) -> list[ExplainedResult]:
    """Every unit of the run in rank order with its explained lines: a fixed number
    of queries."""
    return [ExplainedResult(r, explained_lines(r, run)) for r in selectors.results(run)]


def _points(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",")


def rank_text(result: Result) -> str:
    return f"{result.rank} (đồng hạng)" if result.tied > 1 else str(result.rank)


def grade_label(result: Result) -> str:
    return str(Grade(result.grade).label) if result.grade else ""


def run_docx(*, run: Run) -> bytes:
    with translation.override("vi"):
        return _docx(run, explained(run))


def _docx(run: Run, found: list[ExplainedResult]) -> bytes:
    scope = run.scope
    document = OfficialDocument(
        parent_body=f"UBND {unit_title(scope)}",
        issuing_body="Hội đồng Thi đua - Khen thưởng",
        symbol="BC-HĐTĐKT",
        place=place_of(scope),
        date=timezone.localdate(),
        kind_title="BÁO CÁO",
        summary=f"Kết quả chấm điểm thi đua — {run.criteria_set.name} — kỳ {run.period}",
    )
    document.paragraph(
        f"Bộ tiêu chí: {run.criteria_set.name} (năm {run.criteria_set.year}, phiên bản "
        f"{run.criteria_set.version}). Trạng thái: {run.get_status_display()}. Tổng điểm của "
        "mỗi đơn vị bằng tổng điểm các tiêu chí; các đơn vị bằng điểm cùng hạng."
    )
    document.heading("I. XẾP HẠNG")
    rows = [
        [r.result.unit.name, _points(r.result.total), rank_text(r.result), grade_label(r.result)]
        for r in found
    ]
    document.table(["Đơn vị", "Tổng điểm", "Hạng", "Xếp loại"], rows, widths=[4, 1.5, 1.5, 1.5])
    document.heading("II. ĐIỂM TỪNG TIÊU CHÍ")
    for n, r in enumerate(found, 1):
        lines = [
            [x.label, x.source, x.value, _points(x.weight), _points(x.points)] for x in r.lines
        ]
        lines.append(
            [
                "Tổng cộng",
                "",
                "",
                _points(sum((x.weight for x in r.lines), Decimal(0))),
                _points(r.result.total),
            ]
        )
        document.table(
            ["Tiêu chí", "Nguồn", "Số liệu", "Tối đa", "Điểm"],
            lines,
            title=f"{n}. {r.result.unit.name}",
            widths=[4, 3.2, 1.4, 1.2, 1.2],
            totals=1,
        )
    document.closing(
        recipients=[f"Ban Chỉ đạo thực hiện dân chủ ở cơ sở {unit_title(scope)}", ARCHIVE],
        signers=[Signer(authority="TM. Hội đồng", title="Chủ tịch")],
    )
    return document.to_bytes()


def run_xlsx(*, run: Run) -> bytes:
    """Two sheets: the ranking, and every line of every unit."""
    found = explained(run)
    workbook = Workbook(write_only=True)
    ranking = workbook.create_sheet("Xep hang")
    ranking.append(
        [cell(ranking, v) for v in ["Đơn vị", "Mã", "Tổng điểm", "Hạng", "Đồng hạng", "Xếp loại"]]
    )
    for r in found:
        res = r.result
        ranking.append(
            [
                cell(ranking, v)
                for v in [
                    res.unit.name,
                    res.unit.code,
                    float(res.total),
                    res.rank,
                    res.tied,
                    grade_label(res),
                ]
            ]
        )
    lines = workbook.create_sheet("Tieu chi")
    lines.append(
        [cell(lines, v) for v in ["Đơn vị", "Tiêu chí", "Nguồn", "Số liệu", "Tối đa", "Điểm"]]
    )
    for r in found:
        for x in r.lines:
            lines.append(
                [
                    cell(lines, v)
                    for v in [
                        r.result.unit.name,
                        x.label,
                        x.source,
                        x.value,
                        float(x.weight),
                        float(x.points),
                    ]
                ]
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def download(data: bytes, run: Run, ext: str) -> Any:
    response = HttpResponse(data, content_type=TYPES[ext])
    response["Content-Disposition"] = f'attachment; filename="thi-dua-{run.pk}-{run.period}.{ext}"'
    return response
