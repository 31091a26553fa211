import pytest
from django.urls import reverse

from coso.core.models import AuditEntry
from coso.people.models import Household, Resident
from coso.people.tests.factories import make_household


def household_url(h):
    return reverse("people:household", args=[h.pk])


class TestPages:
    def test_official_sees_own_household(self, client, households, official_a):
        client.force_login(official_a)
        page = client.get(household_url(households.a))
        assert page.status_code == 200 and "Lò Văn Pọm" in page.content.decode()

    @pytest.mark.parametrize(
        "url_name", ["people:household", "units:official_unit", "people:village_export"]
    )
    def test_other_communes_records_answer_404(
        self, client, tree, households, official_a, url_name
    ):
        client.force_login(official_a)
        arg = households.b.pk if url_name == "people:household" else tree.village_b.code
        assert client.get(reverse(url_name, args=[arg])).status_code == 404

    def test_missing_household_also_404(self, client, households, official_a):
        client.force_login(official_a)
        assert client.get(reverse("people:household", args=[999999])).status_code == 404

    def test_anonymous_is_sent_to_sign_in(self, client, households):
        response = client.get(household_url(households.a))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    def test_village_list_runs_fixed_queries(
        self, client, tree, official_a, django_assert_num_queries
    ):
        for i in range(25):
            make_household(tree.village_a, f"Q{i:02d}")
        client.force_login(official_a)
        url = reverse("units:official_unit", args=[tree.village_a.code])
        # session, user, roles, the unit, its ancestors, the page of households
        with django_assert_num_queries(6):
            page = client.get(url).content.decode()
        assert page.count('href="/app/households/') == 25

    def test_village_list_paginates_by_key(self, client, tree, official_a, settings):
        settings.PAGE_SIZE = 10
        for i in range(15):
            make_household(tree.village_a, f"P{i:02d}")
        client.force_login(official_a)
        url = reverse("units:official_unit", args=[tree.village_a.code])
        first = client.get(url).context["page"]
        assert len(first.items) == 10 and first.next_after
        second = client.get(url, {"after": first.next_after}).context["page"]
        assert len(second.items) == 5 and second.next_after is None

    def test_search_by_code_or_member_name(self, client, tree, households, official_a):
        client.force_login(official_a)
        url = reverse("units:official_unit", args=[tree.a.code])
        items = client.get(url, {"view": "households", "q": "Pọm"}).context["page"].items
        assert [h.code for h in items] == ["A-1"]

    def test_commune_lists_villages_with_counts(self, client, tree, households, official_a):
        client.force_login(official_a)
        page = client.get(reverse("units:official_unit", args=[tree.a.code])).content.decode()
        assert "Bản Nà Luông" in page and "Tổ dân phố số 1" not in page

    def test_official_home_lists_own_units(self, client, tree, official_a):
        client.force_login(official_a)
        page = client.get(reverse("portal:official_home")).content.decode()
        assert tree.a.name in page and tree.b.name not in page

    def test_export_downloads_xlsx(self, client, tree, households, village_head):
        client.force_login(village_head)
        response = client.get(reverse("people:village_export", args=[tree.village_a.code]))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")


class TestApi:
    def test_requires_sign_in(self, client, households, tree):
        response = client.get("/api/households", {"unit": tree.a.code})
        assert response.status_code == 401 and response.json()["detail"] == "Cần đăng nhập."

    def test_lists_own_households_with_fixed_queries(
        self, client, tree, official_a, django_assert_num_queries
    ):
        for i in range(12):
            make_household(tree.village_a, f"API{i:02d}")
        client.force_login(official_a)
        with django_assert_num_queries(5):  # session, user, roles, unit, page
            body = client.get("/api/households", {"unit": tree.a.code, "limit": 10}).json()
        assert len(body["items"]) == 10 and body["next_after"]
        assert body["items"][0]["representative_name"] == "Lò Văn Pọm"
        assert body["items"][0]["member_count"] == 2

    def test_other_communes_household_is_404(self, client, households, official_a):
        client.force_login(official_a)
        response = client.get(f"/api/households/{households.b.pk}")
        assert response.status_code == 404 and response.json()["detail"] == "Không tìm thấy."
        assert client.get("/api/households", {"unit": households.b.village.code}).status_code == 404

    def test_detail_has_members(self, client, households, official_b):
        client.force_login(official_b)
        body = client.get(f"/api/households/{households.b.pk}").json()
        assert body["code"] == "B-1" and len(body["members"]) == 2

    def test_monitoring_roles_get_no_personal_data(self, client, households, province_viewer):
        client.force_login(province_viewer)
        assert client.get(f"/api/households/{households.b.pk}").status_code == 403
        assert client.get("/api/households", {"unit": households.b.village.code}).status_code == 403

    def test_validation_error_names_the_field(self, client, official_a):
        client.force_login(official_a)
        response = client.get("/api/households")
        assert response.status_code == 422 and response.json()["field"] == "unit"


class TestAdmin:
    def _add(self, client, village, members):
        data = {
            "village": village.pk,
            "code": "ADM1",
            "address": "",
            "members-TOTAL_FORMS": len(members),
            "members-INITIAL_FORMS": 0,
            "members-MIN_NUM_FORMS": 0,
            "members-MAX_NUM_FORMS": 1000,
        }
        for i, (name, born, rep) in enumerate(members):
            data.update(
                {
                    f"members-{i}-full_name": name,
                    f"members-{i}-sex": "M",
                    f"members-{i}-date_of_birth": born,
                    f"members-{i}-relation": "head",
                    f"members-{i}-citizen_id": "",
                }
            )
            if rep:
                data[f"members-{i}-is_representative"] = "on"
        return client.post(reverse("admin:people_household_add"), data)

    def test_official_adds_household_with_one_representative(self, client, tree, official_a):
        client.force_login(official_a)
        response = self._add(
            client,
            tree.village_a,
            [("Lò Văn A", "1970-01-01", True), ("Lò Văn B", "2010-01-01", False)],
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        household = Household.objects.get(code="ADM1")
        assert household.province == tree.province
        assert AuditEntry.objects.filter(model="people.resident", action="create").count() == 2

    @pytest.mark.parametrize(
        "members",
        [
            [("Lò Văn A", "1970-01-01", False)],
            [("Lò Văn A", "1970-01-01", True), ("Lò Văn B", "1972-01-01", True)],
            [("Lò Văn B", "2015-01-01", True)],
        ],
    )
    def test_form_refuses_anything_but_one_adult_representative(
        self, client, tree, official_a, members
    ):
        client.force_login(official_a)
        response = self._add(client, tree.village_a, members)
        assert response.status_code == 200
        assert not Household.objects.exists()

    def test_admin_lists_only_own_households(self, client, households, official_a):
        client.force_login(official_a)
        page = client.get(reverse("admin:people_household_changelist")).content.decode()
        assert "A-1" in page and "B-1" not in page
        url = reverse("admin:people_household_change", args=[households.b.pk])
        assert client.get(url).status_code in (302, 404)

    def test_viewer_cannot_change(self, client, households, province_viewer):
        client.force_login(province_viewer)
        url = reverse("admin:people_household_change", args=[households.a.pk])
        response = client.post(url, {"code": "X"})
        assert Household.objects.get(pk=households.a.pk).code == "A-1"
        assert response.status_code in (403, 200)
        assert Resident.objects.count() == 4
