"""Demo matters for one village: a published meeting, an open household ballot that
takes online votes, and a village head election; and for its commune a published
contribution decided village by village."""

import random
from typing import Any

from coso.core.manifests import DemoPlace
from coso.decisions import services
from coso.decisions.models import Matter, Method, OnlineOptIn
from coso.people.models import Household
from coso.units.models import Unit

# The demo's counting board for secret rounds (D59 art. 3: 3 to 5 members).
COUNTING_BOARD = ("Lò Văn An", "Tòng Thị Bình", "Quàng Văn Cường")


def seed_matters(*, village: Unit, actor: Any) -> int:
    if Matter.objects.filter(unit=village).exists():
        return 0
    rng = random.Random(f"coso-matters-{village.code}")
    ids = list(
        Household.objects.filter(village=village).order_by("id").values_list("id", flat=True)
    )
    road = _opened(
        actor,
        village,
        matter_type="1",
        title="Đóng góp làm đường bê tông nội thôn năm 2027",
        proposal="Mỗi hộ góp 500.000 đồng và 3 ngày công; Nhà nước hỗ trợ xi măng.",
    )
    present = ids[: len(ids) * 9 // 10]
    services.attendance_record(actor=actor, matter=road, household_ids=present)
    yes = len(ids) * 7 // 10 + 1
    services.tally_record(
        actor=actor,
        matter=road,
        counts={"yes": yes, "no": min(len(present) - yes, rng.randint(1, 5)), "other": 0},
    )
    _published(actor, road, chair="Trưởng thôn", secretary="Thư ký")
    OnlineOptIn.objects.bulk_create(
        [OnlineOptIn(unit=village, household_id=h) for h in ids[: len(ids) * 6 // 10]]
    )
    _opened(
        actor,
        village,
        matter_type="6",
        title="Lắp đèn năng lượng mặt trời ở ngõ xóm",
        proposal="Dùng quỹ thôn lắp 20 đèn năng lượng mặt trời.",
        method=Method.BALLOT,
    )
    services.matter_create(
        actor=actor,
        unit=village,
        matter_type="4",
        title="Bầu trưởng thôn nhiệm kỳ 2027–2029",
        candidates=["Lò Văn Pọm", "Tòng Thị Xuân"],
        counting_board=COUNTING_BOARD,
    )
    return 3


def seed_commune_matter(*, commune: Unit, actor: Any) -> int:
    """A commune-wide contribution: each village meets and decides on its own households
    (GDL art. 21(1)); one village in three falls short."""
    if Matter.objects.filter(unit=commune).exists():
        return 0
    hall = _opened(
        actor,
        commune,
        matter_type="2",
        title="Đóng góp xây nhà văn hóa xã năm 2027",
        proposal="Mỗi hộ góp 300.000 đồng; ngân sách xã hỗ trợ phần còn lại.",
    )
    homes: dict[str, list[int]] = {}
    for hid, code in (
        Household.objects.filter(village__parent=commune)
        .order_by("id")
        .values_list("id", "village__code")
    ):
        homes.setdefault(code, []).append(hid)
    for n, place in enumerate(hall.villages):
        ids = homes[place["code"]]
        present = ids[: len(ids) * 9 // 10]
        # Two villages in three approve with 3/4 of their households, the third with half.
        yes = len(ids) // 2 if n % 3 == 2 else len(ids) * 3 // 4
        services.attendance_record(
            actor=actor, matter=hall, household_ids=present, cluster=place["code"]
        )
        services.tally_record(
            actor=actor,
            matter=hall,
            counts={"yes": yes, "no": len(present) - yes},
            cluster=place["code"],
        )
    _published(actor, hall, chair="Chủ tịch UBND xã", secretary="Văn phòng")
    return 1


def _opened(actor: Any, unit: Unit, **details: Any) -> Matter:
    """A matter put to `unit`'s households, open for its meeting or ballot."""
    matter = services.matter_create(actor=actor, unit=unit, **details)
    services.matter_open(actor=actor, matter=matter)
    return matter


def _published(actor: Any, matter: Matter, *, chair: str, secretary: str) -> None:
    """A matter whose attendance and tallies are recorded, counted and published."""
    services.matter_count(actor=actor, matter=matter)
    services.matter_publish(actor=actor, matter=matter, chair=chair, secretary=secretary)


def seed_demo(place: DemoPlace) -> None:
    """The demo's matters: a village's and a commune's."""
    seed_matters(village=place.village, actor=place.actor)
    seed_commune_matter(commune=place.commune, actor=place.actor)
