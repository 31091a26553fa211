"""The emulation app's part of the permission test (tests/test_permissions.py): a set
at the province, a draft run (scoring), a run published for objections (objecting,
answering) and a final run (reading, exports, moves refused), each over communes A and
B — and an example for each page and API operation."""

from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from coso.accounts.models import Role, RoleAssignment, User
from coso.emulation import services
from coso.emulation.models import Line, Run, Status
from coso.emulation.services import CriterionData


def _scored(actor: Any, run: Run, evidence: bool = False) -> None:
    for line in Line.objects.filter(result__run=run, criterion__source="assessed"):
        upload = SimpleUploadedFile("bb.pdf", b"%PDF-1.4 x") if evidence else None
        services.line_score(
            actor=actor, line=line, points=Decimal(5), note="Biên bản", evidence=upload
        )


def records(w: Any) -> dict[str, Any]:
    admin = User.objects.create_user("emulation-admin", password="pw")
    RoleAssignment.objects.create(user=admin, unit=None, role=Role.ADMINISTRATOR)
    p = w.tree.province
    criteria = [
        CriterionData(
            "petitions",
            "Đơn đúng hạn",
            Decimal(50),
            "automatic",
            "linear",
            "petitions.on_time_share",
            {"floor": 50, "target": 100},
        ),
        CriterionData("mobilisation", "Dân vận", Decimal(50), "assessed", "points"),
    ]
    cs = services.set_create(
        actor=admin, owner=p, year=2025, kind="commune", name="Bộ mẫu", criteria=criteria
    )
    draft, published, final = (
        services.run_create(actor=admin, criteria_set=cs, scope=p, period="2025") for _ in range(3)
    )
    for run in (published, final):
        _scored(admin, run, evidence=run is final)
        services.run_publish(actor=admin, run=run)
    Run.objects.filter(pk=final.pk).update(status=Status.FINAL)
    line = Line.objects.get(
        result__run=published, result__unit=w.tree.a, criterion__code="mobilisation"
    )
    objection = services.objection_lodge(actor=w.official, line=line, reason="Xem lại")
    return {
        "emulation_set": cs,
        "emulation_draft_line": Line.objects.filter(
            result__run=draft, result__unit=w.tree.a, criterion__source="assessed"
        ).get(),
        "emulation_line": line,
        "emulation_objection": objection,
        "emulation_final": final,
        "emulation_result": final.results.get(unit=w.tree.a),
        "emulation_evidence": Line.objects.get(
            result__run=final, result__unit=w.tree.a, criterion__code="mobilisation"
        ),
    }


def _final(w: Any, u: Any) -> tuple[dict[str, Any], Any]:
    return {"pk": w.emulation_final.pk}, w.tree.province


PAGES = {
    "emulation:public_unit": lambda w, u: ({"code": w.tree.a.code}, None),
    "emulation:public_run": lambda w, u: ({"pk": w.emulation_final.pk}, None),
    "emulation:overview": lambda w, u: ({"code": w.tree.a.code}, w.tree.a),
    "emulation:set_new": lambda w, u: ({"code": w.tree.province.code}, w.tree.province),
    "emulation:run_new": lambda w, u: ({"code": w.tree.province.code}, w.tree.province),
    "emulation:set": lambda w, u: ({"pk": w.emulation_set.pk}, w.tree.province),
    "emulation:set_weight": lambda w, u: ({"pk": w.emulation_set.pk}, w.tree.province),
    "emulation:set_criterion": lambda w, u: ({"pk": w.emulation_set.pk}, w.tree.province),
    "emulation:set_grades": lambda w, u: ({"pk": w.emulation_set.pk}, w.tree.province),
    "emulation:run": _final,
    "emulation:run_compute": _final,
    "emulation:run_publish": _final,
    "emulation:run_finalise": _final,
    "emulation:run_docx": _final,
    "emulation:run_xlsx": _final,
    "emulation:result": lambda w, u: ({"pk": w.emulation_result.pk}, w.tree.a),
    "emulation:evidence": lambda w, u: ({"pk": w.emulation_evidence.pk}, w.tree.a),
    "emulation:score": lambda w, u: ({"pk": w.emulation_draft_line.pk}, w.tree.province),
    "emulation:object": lambda w, u: ({"pk": w.emulation_line.pk}, w.tree.a),
    "emulation:answer": lambda w, u: ({"pk": w.emulation_objection.pk}, w.tree.province),
}
API = {
    "GET /api/emulation/runs/{run_id}": lambda w: (
        {"run_id": w.emulation_final.pk},
        None,
        w.tree.province,
    ),
    "GET /api/emulation/results/{result_id}": lambda w: (
        {"result_id": w.emulation_result.pk},
        None,
        w.tree.a,
    ),
    "GET /api/emulation/results": lambda w: ({"unit": w.tree.a.code}, None, w.tree.a),
}
