"""The "Dân vận khéo" registry: recognised by the province, replicated by two communes,
its tree; the province's count by field and level against SQL; the rubric; scoping and
fixed query counts."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coso.accounts.models import Role, RoleAssignment, User
from coso.core.errors import DomainError
from coso.core.models import AuditEntry
from coso.exemplars import selectors, services
from coso.exemplars.models import Criterion, Exemplar, Level
from coso.units.tests.factories import commune

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 64


def data(name="Hiến đất làm đường", field="economy", **kw):
    return services.ExemplarData(
        name=name,
        field=field,
        sponsor=kw.pop("sponsor", "farmers"),
        started_on=kw.pop("started_on", dt.date(2024, 3, 1)),
        description="Vận động Nhân dân hiến đất, góp ngày công làm đường bê tông.",
        **kw,
    )


def test_a_recognised_model_spreads_as_a_tree(
    client, tree, official_a, official_b, province_viewer, settings, tmp_path
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    original = services.exemplar_register(
        actor=official_a,
        unit=tree.a,
        data=data(households_benefited=120, photos=[SimpleUploadedFile("duong.png", PNG)]),
    )
    services.exemplar_evaluate(
        actor=province_viewer,
        exemplar=original,
        year=2025,
        scores={"thiet-thuc": 22, "chu-the": 24, "hieu-qua": 27, "nhan-rong": 18},
        verdict="expand",
    )
    services.exemplar_recognise(
        actor=province_viewer,
        exemplar=original,
        level=Level.PROVINCE,
        decision_number="125/QĐ-UBND",
        decided_on=dt.date(2025, 6, 2),
        issuer="UBND tỉnh Lai Châu",
    )
    # The commune may not recognise at province level, nor may it twice.
    with pytest.raises(DomainError, match="cấp này"):
        services.exemplar_recognise(
            actor=official_a,
            exemplar=original,
            level=Level.PROVINCE,
            decision_number="1",
            decided_on=dt.date(2025, 6, 3),
            issuer="x",
        )
    third = commune(tree.province, "Xã Bình Lư")
    official_c = User.objects.create_user("official_c")
    RoleAssignment.objects.create(user=official_c, unit=third, role=Role.COMMUNE_OFFICIAL)
    # Commune B replicates through the page, with ?from=<id>.
    client.force_login(official_b)
    response = client.post(
        reverse("exemplars:register", args=[tree.b.code]) + f"?from={original.pk}",
        {
            "name": "Hiến đất làm đường",
            "field": "economy",
            "sponsor": "front",
            "started_on": "2025-09-01",
            "description": "Làm theo Tam Đường",
            "households_benefited": 40,
            "money_mobilised": 0,
            "workdays_mobilised": 300,
            "land_donated_m2": 900,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    replica = Exemplar.objects.get(unit=tree.b)
    grandchild = services.exemplar_register(
        actor=official_c, unit=third, data=data(started_on=dt.date(2026, 1, 5)), origin=replica
    )
    market = services.exemplar_register(
        actor=official_c,
        unit=third,
        data=data(started_on=dt.date(2026, 2, 1), name="Chợ phiên"),
        origin=original,
    )
    assert replica.origin == original and grandchild.root == original
    # An official's tree opens the page for officials of a model the official may read,
    # another commune's model on its public page: every link answers a page, none 404.
    page = client.get(reverse("exemplars:detail", args=[replica.pk])).content.decode()
    links = re.findall(
        r'href="([^"]+)"',
        page[page.index('id="tree"') : page.index("<p>", page.index('id="tree"'))],
    )
    assert links == [
        reverse("exemplars:public_detail", args=[original.pk]),
        reverse("exemplars:detail", args=[replica.pk]),
        reverse("exemplars:public_detail", args=[grandchild.pk]),
        reverse("exemplars:public_detail", args=[market.pk]),
    ]
    assert all(client.get(link).status_code == 200 for link in links)
    top = selectors.tree(grandchild)
    assert top.exemplar == original
    assert sorted(n.exemplar.unit.name for n in top.children) == ["Phường Đoàn Kết", "Xã Bình Lư"]
    page = client.get(reverse("exemplars:public_detail", args=[grandchild.pk])).content.decode()
    tree_html = page[page.index('id="tree"') :]
    assert re.search(r"Xã Tam Đường.*<ul>.*Phường Đoàn Kết.*<ul>.*Xã Bình Lư", tree_html, re.S)
    assert (
        "125/QĐ-UBND"
        in client.get(reverse("exemplars:public_detail", args=[original.pk])).content.decode()
    )


def test_the_provinces_count_by_field_and_level_equals_sql(client, tree, official_a, official_b):
    for unit, actor, field in [
        (tree.a, official_a, "economy"),
        (tree.a, official_a, "culture"),
        (tree.b, official_b, "economy"),
        (tree.b, official_b, "defence"),
        (tree.b, official_b, "economy"),
    ]:
        services.exemplar_register(actor=actor, unit=unit, data=data(field=field))
    counts = selectors.counts(province=tree.province)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT e.field, e.level, COUNT(*) FROM exemplars_exemplar e JOIN units_unit u"
            " ON u.id = e.unit_id WHERE u.path LIKE %s GROUP BY e.field, e.level",
            [f"{tree.province.path}%"],
        )
        by_sql = {(f, lv): n for f, lv, n in cursor.fetchall()}
    labels = dict(zip(["economy", "culture", "defence", "politics"], counts.rows, strict=True))
    levels = ["commune", "agency", "province"]
    for field, (_label, cells, total) in labels.items():
        assert cells == [by_sql.get((field, lv), 0) for lv in levels]
        assert total == sum(n for (f, _), n in by_sql.items() if f == field)
    assert counts.total == sum(by_sql.values()) == 5
    page = client.get(reverse("exemplars:gallery", args=[tree.province.code]))
    assert page.status_code == 200 and '<td class="num">5</td>' in page.content.decode()
    found = client.get(
        reverse("exemplars:gallery", args=[tree.province.code]) + "?field=defence"
    ).content.decode()
    assert found.count("exemplars/") >= 1 and "Phường Đoàn Kết" in found


def test_the_rubric_is_checked(tree, official_a, province_viewer):
    model = services.exemplar_register(actor=official_a, unit=tree.a, data=data())
    with pytest.raises(DomainError, match="từ 0 đến 30"):
        services.exemplar_evaluate(
            actor=province_viewer,
            exemplar=model,
            year=2025,
            scores={"thiet-thuc": 1, "chu-the": 1, "hieu-qua": 31, "nhan-rong": 1},
            verdict="keep",
        )
    ok = services.exemplar_evaluate(
        actor=province_viewer,
        exemplar=model,
        year=2025,
        scores={"thiet-thuc": 20, "chu-the": 20, "hieu-qua": 20, "nhan-rong": 10},
        verdict="keep",
    )
    assert ok.total == 70 and ok.scores[2]["max"] == 30
    with pytest.raises(DomainError, match="đã được đánh giá"):
        services.exemplar_evaluate(
            actor=province_viewer,
            exemplar=model,
            year=2025,
            scores={"thiet-thuc": 1, "chu-the": 1, "hieu-qua": 1, "nhan-rong": 1},
            verdict="keep",
        )
    stopped = services.exemplar_evaluate(
        actor=province_viewer,
        exemplar=model,
        year=2024,
        scores={"thiet-thuc": 5, "chu-the": 5, "hieu-qua": 5, "nhan-rong": 0},
        verdict="stop",
    )
    model.refresh_from_db()
    assert stopped.total == 15 and model.status == "ended"
    assert model.ended_on == dt.date(2024, 12, 31)
    with pytest.raises(DomainError, match="ở đơn vị khác"):
        services.exemplar_register(actor=official_a, unit=tree.a, data=data(), origin=model)
    with pytest.raises(DomainError, match="xã, phường"):
        services.exemplar_register(actor=official_a, unit=tree.village_a, data=data())


def test_the_rubric_is_kept_in_the_admin_by_those_who_evaluate_nationwide(
    client, tree, official_a, province_viewer, central_viewer
):
    add = reverse("admin:exemplars_criterion_add")
    for user in (official_a, province_viewer):  # evaluators of one unit only
        client.force_login(user)
        assert client.get(add).status_code == 403
    client.force_login(central_viewer)
    response = client.post(
        add,
        {"code": "lan-toa", "label": "Sức lan tỏa", "max_points": 10, "order": 5, "active": "on"},
    )
    assert response.status_code == 302
    criterion = Criterion.objects.get(code="lan-toa")
    assert AuditEntry.objects.filter(model="exemplars.criterion", object_pk=str(criterion.pk))
    delete = reverse("admin:exemplars_criterion_delete", args=[criterion.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    model = services.exemplar_register(actor=official_a, unit=tree.a, data=data())
    scores = {c.code: 1 for c in Criterion.objects.filter(active=True)}
    evaluation = services.exemplar_evaluate(
        actor=province_viewer, exemplar=model, year=2025, scores=scores, verdict="keep"
    )
    assert {"code": "lan-toa", "label": "Sức lan tỏa", "max": 10, "score": 1}.items() <= (
        next(s for s in evaluation.scores if s["code"] == "lan-toa").items()
    )


def test_another_communes_models_answer_404(client, tree, official_a, official_b):
    model = services.exemplar_register(actor=official_a, unit=tree.a, data=data())
    client.force_login(official_b)
    for url in (
        reverse("exemplars:detail", args=[model.pk]),
        reverse("exemplars:registry", args=[tree.a.code]),
        reverse("exemplars:register", args=[tree.a.code]),
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        reverse("exemplars:evaluate", args=[model.pk]),
        reverse("exemplars:recognise", args=[model.pk]),
    ):
        assert client.post(url, {}).status_code == 404, url
    assert model.evaluations.count() == 0 and model.recognitions.count() == 0


@pytest.mark.parametrize("name", ["exemplars:gallery", "exemplars:registry"])
def test_lists_run_a_fixed_number_of_queries(
    client, tree, province_viewer, official_a, name, django_assert_num_queries
):
    client.force_login(province_viewer)
    url = reverse(name, args=[tree.province.code])

    def add(n):
        for i in range(n):
            origin = services.exemplar_register(
                actor=official_a, unit=tree.a, data=data(name=f"Mô hình {i}")
            )
            services.exemplar_recognise(
                actor=province_viewer,
                exemplar=origin,
                level="province",
                decision_number=f"{i}/QĐ",
                decided_on=dt.date(2025, 1, 1),
                issuer="UBND tỉnh",
            )

    add(1)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add(10)
    with django_assert_num_queries(len(few)):
        body = client.get(url).content.decode()
    assert body.count("đã công nhận") == 11


def test_figures_beyond_the_columns_are_form_errors(client, tree, official_a):
    client.force_login(official_a)
    response = client.post(
        reverse("exemplars:register", args=[tree.a.code]),
        {
            "name": "x",
            "field": "economy",
            "sponsor": "front",
            "started_on": "2025-01-01",
            "description": "y",
            "households_benefited": 3_000_000_000,
            "money_mobilised": 0,
            "workdays_mobilised": 0,
            "land_donated_m2": 0,
        },
    )
    assert response.status_code == 400 and Exemplar.objects.count() == 0
    with pytest.raises(DomainError, match="Số liệu"):
        services.exemplar_register(actor=official_a, unit=tree.a, data=data(land_donated_m2=2**31))
