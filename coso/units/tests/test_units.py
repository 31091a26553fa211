import pytest
from django.urls import reverse

from coso.core.errors import DomainError
from coso.core.models import AuditEntry
from coso.people.tests.factories import make_household
from coso.units.models import Unit, UnitKind
from coso.units.services import unit_close, unit_create, units_import_national


@pytest.mark.django_db
def test_import_loads_34_provinces_and_3321_communes_once():
    first = units_import_national()
    assert first.created == 34 + 3321
    assert Unit.objects.filter(kind=UnitKind.PROVINCE).count() == 34
    assert Unit.objects.filter(kind=UnitKind.COMMUNE).count() == 3321
    lai_chau = Unit.objects.get(code="12")
    assert lai_chau.name == "Lai Châu" and lai_chau.path == "/12/"
    assert Unit.objects.filter(parent=lai_chau, name="Xã Than Uyên").exists()
    entries = AuditEntry.objects.count()
    second = units_import_national()
    assert (second.created, second.updated, second.unchanged) == (0, 0, 34 + 3321)
    assert AuditEntry.objects.count() == entries


def test_subtree_is_one_prefix_query(tree, django_assert_num_queries):
    with django_assert_num_queries(1):
        codes = set(
            Unit.objects.filter(path__startswith=tree.a.path).values_list("code", flat=True)
        )
    assert codes == {tree.a.code, tree.village_a.code}


def test_unit_create_validates_parent_kind_and_code(tree, official_a):
    with pytest.raises(DomainError) as error:
        unit_create(actor=official_a, parent=tree.village_a, code="X", name="X", kind="village")
    assert error.value.field == "parent"
    with pytest.raises(DomainError, match="đã được dùng"):
        unit_create(
            actor=official_a, parent=tree.a, code=tree.village_a.code, name="Y", kind="village"
        )
    with pytest.raises(DomainError):
        unit_create(actor=official_a, parent=tree.a, code="a/b", name="Y", kind="village")


def test_closed_units_keep_history_and_leave_current_lists(tree, client):
    import datetime as dt

    unit_close(actor=None, unit=tree.b, valid_to=dt.date(2026, 1, 1), merged_into=[tree.a])
    assert list(tree.b.merged_into.all()) == [tree.a]
    assert client.get(reverse("portal:unit", args=[tree.b.code])).status_code == 404
    assert (
        tree.b.code
        not in client.get(reverse("portal:unit", args=[tree.province.code])).content.decode()
    )
    assert AuditEntry.objects.filter(object_pk=str(tree.b.pk), action="update").exists()


class TestPortal:
    def test_home_lists_provinces_with_commune_counts(self, tree, client):
        page = client.get("/").content.decode()
        assert "Lai Châu" in page and "2 xã, phường" in page

    @pytest.mark.parametrize("query", ["lai chau", "LAI CHÂU", "Lai Châu"])
    def test_search_ignores_case_and_diacritics(self, tree, client, query):
        page = client.get("/", {"q": query}).content.decode()
        assert f'href="/units/{tree.province.code}/"' in page

    def test_search_finds_communes_and_says_when_nothing_matches(self, tree, client):
        assert "Xã Tam Đường" in client.get("/", {"q": "tam duong"}).content.decode()
        assert "Không tìm thấy" in client.get("/", {"q": "zzzz"}).content.decode()

    def test_htmx_search_returns_only_the_results(self, tree, client):
        page = client.get("/", {"q": "tam"}, HTTP_HX_REQUEST="true").content.decode()
        assert "<html" not in page and "Xã Tam Đường" in page

    def test_commune_page_shows_villages_with_household_counts(self, tree, households, client):
        make_household(tree.village_a, "A-2")
        page = client.get(f"/units/{tree.a.code}/").content.decode()
        assert "Bản Nà Luông" in page and '<td class="num">2</td>' in page
        # Public pages never show household members.
        assert "Lò Văn Pọm" not in page

    def test_province_page_queries_do_not_grow_with_communes(
        self, tree, client, django_assert_max_num_queries
    ):
        from coso.units.tests.factories import commune

        for i in range(30):
            commune(tree.province, f"Xã Thêm {i}")
        # Unit, children, published results, petition figures; the headline figures from
        # the maintained table and the communes they owe disclosures for.
        with django_assert_max_num_queries(6):
            response = client.get(f"/units/{tree.province.code}/")
        assert response.content.decode().count("Xã Thêm") == 30

    def test_unknown_unit_is_404(self, db, client):
        assert client.get("/units/nope/").status_code == 404

    def test_vietnamese_whatever_the_browser_says(self, tree, client):
        page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
        assert 'lang="vi"' in page and "Đăng nhập" in page

    def test_english_by_switch(self, tree, client):
        client.post("/i18n/setlang/", {"language": "en", "next": "/"})
        page = client.get("/").content.decode()
        assert 'lang="en"' in page and "Sign in" in page


class TestApi:
    def test_openapi_document_is_valid_openapi_3(self, db, client):
        from openapi_spec_validator import validate

        spec = client.get("/api/openapi.json").json()
        validate(spec)
        assert spec["openapi"].startswith("3.")
        assert "/api/units" in spec["paths"] and "/api/households" in spec["paths"]

    def test_units_are_public_and_paginated_by_key(self, tree, client):
        first = client.get("/api/units", {"parent": tree.province.code, "limit": 1}).json()
        assert len(first["items"]) == 1 and first["next_after"]
        second = client.get(
            "/api/units", {"parent": tree.province.code, "limit": 1, "after": first["next_after"]}
        ).json()
        assert second["items"][0]["code"] != first["items"][0]["code"]
        assert second["next_after"] is None

    def test_unit_search_and_detail(self, tree, client):
        found = client.get("/api/units", {"q": "LAI CHAU"}).json()["items"]
        assert [u["code"] for u in found] == [tree.province.code]
        detail = client.get(f"/api/units/{tree.a.code}").json()
        assert detail["parent_code"] == tree.province.code

    def test_errors_are_json_with_detail_and_field(self, db, client):
        missing = client.get("/api/units/nope")
        assert missing.status_code == 404 and missing.json() == {
            "detail": "Không tìm thấy.",
            "field": None,
        }
        bad = client.get("/api/units", {"limit": 0})
        assert bad.status_code == 422 and bad.json()["field"] == "limit"
