"""Rounds the decisions tests vote in."""

import datetime as dt

from coso.accounts.models import Role, RoleAssignment, User
from coso.decisions import services
from coso.decisions.models import HouseholdCode, Matter, OnlineOptIn
from coso.people.tests.factories import adult, make_household

# A counting board of five (D59 art. 3), for secret rounds.
BOARD = ["Lò Văn An", "Tòng Thị Bình", "Quàng Văn Cường", "Lường Thị Dung", "Cầm Văn Én"]


def secret_round(*, households: int) -> tuple[Matter, User, list[HouseholdCode]]:
    """A secret household-ballot round open in a village of `households` households, all
    of which chose online voting; its village head and the codes, by form number."""
    return ballot_round(households=households, secret=True)


def ballot_round(
    *, households: int, secret: bool = False
) -> tuple[Matter, User, list[HouseholdCode]]:
    """A household-ballot round (open, or secret with its counting board) open in a
    village of `households` households, all of which chose online voting; its village
    head and the codes, by form number."""
    from coso.units.tests.factories import commune, province, village

    home = village(commune(province("Lai Châu"), "Xã Bình Lư"), "Bản Chu Va")
    head = User.objects.create_user("head", password="pw")
    RoleAssignment.objects.create(user=head, unit=home, role=Role.VILLAGE_HEAD)
    for i in range(households):
        household = make_household(home, f"H{i:03d}", members=[adult(f"Lò Văn {i}")])
        OnlineOptIn.objects.create(unit=home, household=household)
    matter = services.matter_create(
        actor=head,
        unit=home,
        matter_type="6",
        title="Chọn ngày hội bản",
        method="ballot",
        secret=secret,
        counting_board=BOARD if secret else [],
    )
    services.matter_open(actor=head, matter=matter, on=dt.date(2026, 11, 2))
    return matter, head, list(HouseholdCode.objects.filter(matter=matter).order_by("form_number"))


def phoned_households(place, *phones: str) -> list:
    """Households of the village `place`, one per phone given ("" for none), made in
    one insert: those a notice to households reaches (or not)."""
    from coso.people.models import Household
    from coso.people.services import province_id_of

    province = province_id_of(place)
    return Household.objects.bulk_create(
        [
            Household(village=place, province_id=province, code=f"{place.code}-{i}", phone=phone)
            for i, phone in enumerate(phones)
        ]
    )
