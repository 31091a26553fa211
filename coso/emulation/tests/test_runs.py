"""A run over a province's five communes, worked out by hand (helpers.FIGURES):

  petitions 40 pts, linear 50 % → 100 %; dialogues 20 pts, ≥4: 100 %, ≥2: 50 %;
  assessed 40 pts.
  A: 100 %  → 40.00, 4 → 20, 10 → 70.00
  B:  80 %  → 24.00, 2 → 10, 30 → 64.00
  C:  75 %  → 20.00, 5 → 20, 30 → 70.00   (ties A: both rank 1, B is 3rd)
  D: 66.7 % → 13.36, 0 →  0, 40 → 53.36
  E: no figures → 0, 0, 20 → 20.00
With the petitions weight cut to 20: A 50.00, B 52.00, C 60.00, D 46.68, E 20.00,
so C, B, A, D, E."""

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext

from coso.core.errors import DomainError
from coso.core.models import AuditEntry
from coso.emulation import scoring, services
from coso.emulation.models import Line, Result, Status
from coso.emulation.tests.helpers import NOW, score_all, world
from coso.units.tests.factories import commune

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def w(tree, time_machine):
    time_machine.move_to(NOW, tick=False)
    return world(tree)


def _ranking(run, w):
    names = {u.pk: k for k, u in w.units.items()}
    rows = Result.objects.filter(run=run).order_by("rank", "unit__name")
    return [(names[r.unit_id], r.total, r.rank, r.tied, r.grade) for r in rows]


def test_each_score_is_the_sum_of_its_lines_and_ties_share_a_rank(w):
    run = services.run_create(actor=w.front, criteria_set=w.set, scope=w.province, period="2025")
    score_all(w, run)
    assert sorted(_ranking(run, w)) == sorted(
        [
            ("A", D("70.00"), 1, 2, "fair"),
            ("C", D("70.00"), 1, 2, "fair"),
            ("B", D("64.00"), 3, 1, "fair"),
            ("D", D("53.36"), 4, 1, "average"),
            ("E", D("20.00"), 5, 1, "average"),
        ]
    )
    for result in Result.objects.filter(run=run):
        assert result.total == result.lines.aggregate(s=Sum("points"))["s"]
    d_line = Line.objects.get(result__unit=w.units["D"], criterion__code="petitions")
    assert d_line.value == D("66.70") and d_line.points == D("13.36")
    assert AuditEntry.objects.filter(model="emulation.run", object_pk=str(run.pk)).exists()


def test_changing_a_weight_and_rerunning_changes_the_ranking(w):
    run = services.run_create(actor=w.front, criteria_set=w.set, scope=w.province, period="2025")
    score_all(w, run)
    petitions = w.set.criteria.get(code="petitions")
    changed = services.criterion_weight_set(actor=w.front, criterion=petitions, weight=D(20))
    assert changed.criteria_set_id == w.set.pk  # no final run yet: changed in place
    services.run_compute(actor=w.front, run=run)
    assert [(k, t, r) for k, t, r, _n, _g in _ranking(run, w)] == [
        ("C", D("60.00"), 1),
        ("B", D("52.00"), 2),
        ("A", D("50.00"), 3),
        ("D", D("46.68"), 4),
        ("E", D("20.00"), 5),
    ]


def test_a_weight_changed_after_a_final_run_makes_a_new_version(w, time_machine):
    run = services.run_create(actor=w.front, criteria_set=w.set, scope=w.province, period="2025")
    score_all(w, run)
    services.run_publish(actor=w.front, run=run)
    time_machine.move_to(run.objection_deadline.isoformat() + " 23:00", tick=False)
    with pytest.raises(DomainError, match="Chưa hết hạn"):
        services.run_finalise(actor=w.front, run=run)
    time_machine.shift(3600 * 2)
    services.run_finalise(actor=w.front, run=run)
    petitions = w.set.criteria.get(code="petitions")
    changed = services.criterion_weight_set(actor=w.front, criterion=petitions, weight=D(20))
    assert changed.criteria_set.version == 2 and changed.criteria_set.previous_id == w.set.pk
    petitions.refresh_from_db()
    assert petitions.weight == D("40.00")  # the final run's set did not move
    assert Result.objects.get(run=run, unit=w.units["A"]).total == D("70.00")


def test_objection_accepted_moves_total_and_rank(w, tree, time_machine):
    from coso.emulation.tests.helpers import user

    run = services.run_create(actor=w.front, criteria_set=w.set, scope=w.province, period="2025")
    score_all(w, run)
    services.run_publish(actor=w.front, run=run)
    official = user("official_a_emu", "commune_official", tree.a)
    line = Line.objects.get(result__unit=tree.a, criterion__code="mobilisation")
    with pytest.raises(DomainError, match="Cần ghi lý do"):
        services.objection_lodge(actor=official, line=line, reason=" ")
    objection = services.objection_lodge(actor=official, line=line, reason="Đã có biên bản")
    time_machine.move_to(run.objection_deadline.isoformat() + " 23:59", tick=False)
    time_machine.shift(3600)
    with pytest.raises(DomainError, match="hết thời gian"):
        services.objection_lodge(actor=official, line=line, reason="late")
    with pytest.raises(DomainError, match="Còn kiến nghị"):
        services.run_finalise(actor=w.front, run=run)
    services.objection_answer(
        actor=w.front, objection=objection, accept=True, reply="Chấp nhận", points=D(15)
    )
    a = Result.objects.get(run=run, unit=tree.a)
    assert a.total == D("75.00") and a.rank == 1 and a.tied == 1 and a.grade == "good"
    assert AuditEntry.objects.filter(model="emulation.objection").count() >= 2


def test_commune_b_cannot_object_for_commune_a(w, tree):
    from coso.emulation.tests.helpers import user

    run = services.run_create(actor=w.front, criteria_set=w.set, scope=w.province, period="2025")
    score_all(w, run)
    services.run_publish(actor=w.front, run=run)
    official_b = user("official_b_emu", "commune_official", tree.b)
    line = Line.objects.get(result__unit=tree.a, criterion__code="mobilisation")
    with pytest.raises(DomainError):
        services.objection_lodge(actor=official_b, line=line, reason="x")


def test_scoring_needs_evidence_and_stays_in_bounds(w):
    run = services.run_create(actor=w.front, criteria_set=w.set, scope=w.province, period="2025")
    line = Line.objects.filter(result__run=run, criterion__code="mobilisation").first()
    with pytest.raises(DomainError, match="minh chứng"):
        services.line_score(actor=w.front, line=line, points=D(10))
    with pytest.raises(DomainError, match="Điểm phải từ 0 đến 40"):
        services.line_score(actor=w.front, line=line, points=D(41), note="x")
    with pytest.raises(DomainError, match="chưa được cơ quan đánh giá chấm"):
        services.run_publish(actor=w.front, run=run)


def test_the_figures_are_read_in_a_fixed_number_of_queries(w, tree):
    run = services.run_create(actor=w.front, criteria_set=w.set, scope=w.province, period="2025")
    with CaptureQueriesContext(connection) as five:
        services.run_compute(actor=w.front, run=run)
    for n in range(4):
        commune(w.province, f"Xã thêm {n}")
    with CaptureQueriesContext(connection) as nine:
        services.run_compute(actor=w.front, run=run)
    assert Result.objects.filter(run=run).count() == 9
    assert len(nine.captured_queries) == len(five.captured_queries)


def _index_criterion() -> Any:
    from coso.emulation.services import CriterionData

    return CriterionData(
        "index",
        "Chỉ số tham gia",
        D(10),
        "automatic",
        "linear",
        "index.participation",
        {"floor": 0, "target": 10},
    )


def test_an_index_criterion_reads_its_formulas_once_per_run(w, tree):
    services.criterion_add(actor=w.front, criteria_set=w.set, data=_index_criterion())
    run = services.run_create(actor=w.front, criteria_set=w.set, scope=w.province, period="2025")
    with CaptureQueriesContext(connection) as five:
        services.run_compute(actor=w.front, run=run)
    for n in range(4):
        commune(w.province, f"Xã thêm {n}")
    with CaptureQueriesContext(connection) as nine:
        services.run_compute(actor=w.front, run=run)
    assert len(nine.captured_queries) == len(five.captured_queries)


def test_any_code_value_of_answers_is_a_source(w):
    from coso.emulation.services import CriterionData

    data = _index_criterion()
    assert services.criterion_add(actor=w.front, criteria_set=w.set, data=data).indicator
    bad = CriterionData(
        "nope", "x", D(10), "automatic", "linear", "no.such", {"floor": 0, "target": 1}
    )
    with pytest.raises(DomainError, match="không có trong danh mục"):
        services.criterion_add(actor=w.front, criteria_set=w.set, data=bad)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, "0.00"), (50, "0.00"), (75, "10.00"), (100, "20.00"), (120, "20.00"), (40, "0.00")],
)
def test_linear_points_at_the_boundaries(value, expected):
    v = None if value is None else D(value)
    assert scoring.points("linear", D(20), v, {"floor": 50, "target": 100}) == D(expected)


def test_ranks_and_grades():
    assert scoring.ranks([D(5), D(7), D(7), D(1)]) == [(3, 1), (1, 2), (1, 2), (4, 1)]
    grades = {"excellent": 90, "good": 75, "fair": 60}
    assert [scoring.grade(D(x), grades, "average") for x in (90, 89.99, 75, 60, 59.99)] == [
        "excellent",
        "good",
        "good",
        "fair",
        "average",
    ]
    assert Status.FINAL


def test_the_demo_seed_makes_a_final_run_once(tree, time_machine):
    from coso.core.manifests import DemoPlace
    from coso.emulation.models import Run
    from coso.emulation.seed import seed_demo
    from coso.emulation.tests.helpers import user

    time_machine.move_to(NOW, tick=False)
    admin = user("emu_admin", "administrator", None)
    place = DemoPlace(
        communes=[tree.a, tree.b], commune=tree.a, village=tree.village_a, actor=admin
    )
    seed_demo(place)
    seed_demo(place)
    run = Run.objects.get()
    assert run.status == Status.FINAL and run.results.count() == 2
    assert {c.source for c in run.criteria_set.criteria.all()} == {"automatic", "assessed"}
