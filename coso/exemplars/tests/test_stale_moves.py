"""Two yearly reviews that both find a model no longer effective, on pages read while it
ran: both evaluations stand, the model stops once, on the first review's day."""

import datetime as dt

import pytest

from coso.core.models import AuditAction, AuditEntry
from coso.exemplars import services
from coso.exemplars.models import Evaluation, Exemplar
from coso.exemplars.tests.test_exemplars import data

pytestmark = pytest.mark.django_db
WEAK = {"thiet-thuc": 5, "chu-the": 5, "hieu-qua": 5, "nhan-rong": 0}


def test_a_model_stops_once(tree, official_a, province_viewer):
    model = services.exemplar_register(actor=official_a, unit=tree.a, data=data())
    first, second = (Exemplar.objects.get(pk=model.pk) for _ in range(2))
    for seen, year in ((first, 2024), (second, 2025)):
        services.exemplar_evaluate(
            actor=province_viewer, exemplar=seen, year=year, scores=WEAK, verdict="stop"
        )
    model.refresh_from_db()
    assert model.status == "ended" and model.ended_on == dt.date(2024, 12, 31)
    assert Evaluation.objects.filter(exemplar=model).count() == 2
    stops = AuditEntry.objects.filter(
        model="exemplars.exemplar", object_pk=str(model.pk), action=AuditAction.UPDATE
    )
    assert [e.changes["status"] for e in stops] == [["active", "ended"]]
