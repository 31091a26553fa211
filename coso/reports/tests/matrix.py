"""The reports app's part of the permission test (tests/test_permissions.py): commune A's
draft half-year report, and an example for each of its pages and API operations — the
URL's arguments and the unit its record lives in (None: no record; NATION: the nation's
figures, only for roles that hold the action nationwide)."""

from types import SimpleNamespace
from typing import Any

from coso.reports.models import ReportType
from coso.reports.services import report_draft

NATION = SimpleNamespace(path="")


def records(w: Any) -> dict[str, Any]:
    report = report_draft(
        actor=w.official,
        report_type=ReportType.objects.get(code="so-ket-6-thang"),
        unit=w.tree.a,
        period="2026-H1",
    )
    return {"report": report}


PAGES = {
    "reports:dashboard": lambda w, u: ({}, NATION),
    "reports:dashboard_xlsx": lambda w, u: ({}, NATION),
    "reports:breakdown": lambda w, u: ({"indicator": "petitions.received"}, NATION),
    "reports:unit_dashboard": lambda w, u: ({"code": w.tree.province.code}, w.tree.province),
    "reports:unit_dashboard_xlsx": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "reports:unit_reports": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "reports:unit_indices": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "reports:public_indices": lambda w, u: ({"code": w.tree.a.code}, None),
    "reports:draft": lambda w, u: (
        {"code": w.tree.a.code, "type_code": "tong-ket-nam", "period": "2026"},
        w.tree.a,
    ),
    "reports:completeness": lambda w, u: (
        {"code": w.tree.province.code, "type_code": "so-ket-6-thang", "period": "2026-H1"},
        w.tree.province,
    ),
    "reports:reports": lambda w, u: ({}, NATION),
    "reports:national_completeness": lambda w, u: (
        {"type_code": "so-ket-6-thang", "period": "2026-H1"},
        NATION,
    ),
    "reports:report": lambda w, u: ({"pk": w.report.pk}, w.tree.a),
    "reports:review": lambda w, u: ({"pk": w.report.pk}, w.tree.province),
    "reports:send": lambda w, u: ({"pk": w.report.pk}, w.tree.a),
    "reports:remind": lambda w, u: (
        {"code": w.tree.a.code, "type_code": "so-ket-6-thang", "period": "2026-H1"},
        w.tree.a,
    ),
    "reports:reopen": lambda w, u: ({"pk": w.report.pk}, w.tree.a),
    "reports:docx": lambda w, u: ({"pk": w.report.pk}, w.tree.a),
    "reports:xlsx": lambda w, u: ({"pk": w.report.pk}, w.tree.a),
    "reports:unit_breakdown": lambda w, u: (
        {"code": w.tree.province.code, "indicator": "petitions.overdue"},
        w.tree.province,
    ),
}
API = {
    "GET /api/indicators": lambda w: ({"unit": w.tree.province.code, "period": "2026"}, None, None),
}
