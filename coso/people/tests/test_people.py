import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from coso.core.errors import DomainError
from coso.core.models import AuditEntry
from coso.people.citizen_id import citizen_id_errors
from coso.people.models import Household, Resident
from coso.people.services import is_adult
from coso.people.tests.factories import adult, child, make_household


class TestCitizenId:
    def test_valid_number(self):
        assert citizen_id_errors("012080001234", sex="M", date_of_birth=dt.date(1980, 1, 1)) == []
        assert citizen_id_errors("001305001234", sex="F", date_of_birth=dt.date(2005, 1, 1)) == []

    @pytest.mark.parametrize(
        "number, fragment",
        [
            ("01208000123", "12 chữ số"),
            ("01208000123x", "12 chữ số"),
            ("003080001234", "mã tỉnh"),
            ("012180001234", "giới tính"),
            ("012081001234", "năm sinh"),
        ],
    )
    def test_invalid_numbers_say_why(self, number, fragment):
        errors = citizen_id_errors(number, sex="M", date_of_birth=dt.date(1980, 1, 1))
        assert any(fragment in e for e in errors)


class TestAdult:
    pytestmark = pytest.mark.django_db

    def test_eighteenth_birthday_is_the_boundary(self):
        born = dt.date(2008, 11, 23)
        assert not is_adult(born, dt.date(2026, 11, 22))
        assert is_adult(born, dt.date(2026, 11, 23))

    def test_born_on_29_february(self):
        born = dt.date(2008, 2, 29)
        assert not is_adult(born, dt.date(2026, 2, 28))
        assert is_adult(born, dt.date(2026, 3, 1))


class TestHouseholdCreate:
    @pytest.fixture(autouse=True)
    def _today(self, time_machine):
        time_machine.move_to(dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC), tick=False)

    def test_creates_household_members_and_audit(self, tree, official_a):
        household = make_household(tree.village_a, actor=official_a)
        assert household.province == tree.province
        assert household.members.count() == 2
        assert household.members.get(is_representative=True).full_name == "Lò Văn Pọm"
        models = list(AuditEntry.objects.values_list("model", flat=True))
        assert models.count("people.household") == 1 and models.count("people.resident") == 2

    @pytest.mark.parametrize(
        "members, message",
        [
            ([adult(representative=False), child()], "đúng một người đại diện"),
            ([adult(), adult("Lò Thị Dợ", sex="F")], "đúng một người đại diện"),
            ([adult(representative=False), child(is_representative=True)], "đủ 18 tuổi"),
            ([], "ít nhất một nhân khẩu"),
        ],
    )
    def test_exactly_one_adult_representative(self, tree, members, message):
        with pytest.raises(DomainError, match=message):
            make_household(tree.village_a, members=members)
        assert not Household.objects.exists()

    def test_household_must_be_in_a_village(self, tree):
        with pytest.raises(DomainError) as error:
            make_household(tree.a)
        assert error.value.field == "village"

    def test_code_unique_within_village_and_citizen_id_unique(self, tree):
        make_household(tree.village_a, "H1", members=[adult(citizen_id="012080001234")])
        with pytest.raises(DomainError, match="đã có"):
            make_household(tree.village_a, "H1")
        with pytest.raises(DomainError, match="định danh"):
            make_household(tree.village_a, "H2", members=[adult(citizen_id="012080001234")])

    def test_database_refuses_a_second_representative(self, tree):
        household = make_household(tree.village_a)
        member = household.members.get(is_representative=False)
        member.is_representative = True
        with pytest.raises(IntegrityError), transaction.atomic():
            member.save()
        assert Resident.objects.filter(household=household, is_representative=True).count() == 1
