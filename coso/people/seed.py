"""Synthetic villages, households and residents with realistic Vietnamese names.

Deterministic (a seeded random generator per commune) and idempotent (a commune that
already has villages is left alone). Rows are generated and inserted commune batch by
commune batch, so memory stays flat whatever the scale.
"""

import datetime as dt
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction

from coso.core import audit
from coso.core.text import fold
from coso.people.models import Household, Relation, Resident, Sex
from coso.units.models import DivisionType, Unit, UnitKind
from coso.units.services import unit_path

# Ages are counted back from a fixed day so that every run makes the same people.
REFERENCE_DAY = dt.date(2025, 7, 1)

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Lò",
    "Lường",
    "Tòng",
    "Quàng",
    "Giàng",
    "Vàng",
    "Sùng",
    "Thào",
    "Tẩn",
    "Chảo",
    "Phàn",
    "Điêu",
    "Hà",
    "Cầm",
    "Mùa",
    "Lầu",
    "Đào",
]
MALE_MIDDLE = ["Văn", "Đức", "Minh", "Quang", "Hữu", "A", "Seo", "Công", "Xuân", "Ngọc"]
FEMALE_MIDDLE = ["Thị", "Thu", "Ngọc", "Minh", "Hồng", "Thanh", "Kim", "Lan", "Mỹ", "Bích"]
MALE_GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Hải",
    "Hùng",
    "Huy",
    "Khánh",
    "Long",
    "Lâm",
    "Nam",
    "Phong",
    "Quân",
    "Sơn",
    "Tài",
    "Thắng",
    "Tuấn",
    "Việt",
    "Vinh",
    "Chứ",
    "Dế",
    "Páo",
    "Sử",
    "Chơ",
    "Pao",
    "Xuân",
    "Toàn",
    "Thành",
    "Hiếu",
]
FEMALE_GIVEN = [
    "Anh",
    "Chi",
    "Dung",
    "Giang",
    "Hà",
    "Hằng",
    "Hoa",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "Nga",
    "Ngân",
    "Nhung",
    "Phương",
    "Quỳnh",
    "Thảo",
    "Trang",
    "Uyên",
    "Vân",
    "Yến",
    "Mỷ",
    "Sua",
    "Mai",
    "Dợ",
    "Xuyến",
    "Hạnh",
    "Thủy",
    "Liên",
    "Tâm",
]
PLACE_FIRST = [
    "Nà",
    "Nậm",
    "Phiêng",
    "Hua",
    "Huổi",
    "Pá",
    "Tà",
    "Sì",
    "Co",
    "Mường",
    "Khau",
    "Bản",
    "Sin",
    "Lả",
    "Tân",
    "Đông",
    "Tây",
    "Hồng",
    "Thanh",
    "Phúc",
]
PLACE_SECOND = [
    "Luông",
    "Cung",
    "Pát",
    "Khum",
    "Mo",
    "Chải",
    "Lếch",
    "Dề",
    "Hon",
    "Bon",
    "Sảng",
    "Tè",
    "Lập",
    "Hòa",
    "Thịnh",
    "Sơn",
    "Lùng",
    "Pheo",
    "Nọi",
    "Xá",
]
HOUSEHOLD_SIZES = [1, 2, 3, 4, 5, 6, 7]
HOUSEHOLD_WEIGHTS = [8, 15, 22, 27, 16, 8, 4]


@dataclass(frozen=True)
class SeedSize:
    villages_per_commune: int
    households_per_village: int


@dataclass
class SeedCounts:
    communes: int = 0
    villages: int = 0
    households: int = 0
    residents: int = 0

    @property
    def rows(self) -> int:
        return self.villages + self.households + self.residents


def _person_name(rng: random.Random, surname: str, sex: str) -> str:
    if sex == Sex.MALE:
        return f"{surname} {rng.choice(MALE_MIDDLE)} {rng.choice(MALE_GIVEN)}"
    return f"{surname} {rng.choice(FEMALE_MIDDLE)} {rng.choice(FEMALE_GIVEN)}"


def _birthday(rng: random.Random, age: int) -> dt.date:
    return REFERENCE_DAY - dt.timedelta(days=age * 365 + rng.randrange(365))


def _members(rng: random.Random) -> list[tuple[str, str, dt.date, str]]:
    """(name, sex, date of birth, relation) of one household, its head first."""
    size = rng.choices(HOUSEHOLD_SIZES, HOUSEHOLD_WEIGHTS)[0]
    head_sex = Sex.MALE if rng.random() < 0.78 else Sex.FEMALE
    surname = rng.choice(SURNAMES)
    head_age = rng.randint(22, 82)
    people: list[tuple[str, str, dt.date, str]] = [
        (_person_name(rng, surname, head_sex), head_sex, _birthday(rng, head_age), Relation.HEAD)
    ]
    if size > 1 and rng.random() < 0.85:
        sex = Sex.FEMALE if head_sex == Sex.MALE else Sex.MALE
        age = max(18, head_age + rng.randint(-6, 4))
        people.append(
            (
                _person_name(rng, rng.choice(SURNAMES), sex),
                sex,
                _birthday(rng, age),
                Relation.SPOUSE,
            )
        )
    while len(people) < size:
        sex = rng.choice([Sex.MALE, Sex.FEMALE])
        if head_age > 60 and rng.random() < 0.4:
            age, relation = rng.randint(0, 20), Relation.GRANDCHILD
        else:
            age, relation = rng.randint(0, max(0, min(35, head_age - 19))), Relation.CHILD
        people.append((_person_name(rng, surname, sex), sex, _birthday(rng, age), relation))
    return people


def _village_names(rng: random.Random, commune: Unit, count: int) -> list[tuple[str, str]]:
    """(kind, name) for `count` villages or residential groups of a commune."""
    if commune.division_type == DivisionType.PHUONG:
        return [(UnitKind.RESIDENTIAL_GROUP, f"Tổ dân phố số {i}") for i in range(1, count + 1)]
    names: list[tuple[str, str]] = []
    used: set[str] = set()
    for i in range(1, count + 1):
        word = "Bản" if rng.random() < 0.5 else "Thôn"
        name = f"{word} {rng.choice(PLACE_FIRST)} {rng.choice(PLACE_SECOND)}"
        if name in used:
            name = f"{name} {i}"
        used.add(name)
        names.append((UnitKind.VILLAGE, name))
    return names


def _seed_commune(commune: Unit, province_id: int, size: SeedSize, counts: SeedCounts) -> None:
    rng = random.Random(f"coso-seed-{commune.code}")
    villages = [
        Unit(
            code=f"{commune.code}-{i:03d}",
            name=name,
            search_name=fold(name),
            kind=kind,
            parent=commune,
            path=unit_path(commune, f"{commune.code}-{i:03d}"),
            depth=commune.depth + 1,
            valid_from=REFERENCE_DAY,
        )
        for i, (kind, name) in enumerate(_village_names(rng, commune, size.villages_per_commune), 1)
    ]
    Unit.objects.bulk_create(villages)
    households: list[Household] = []
    plans: list[list[tuple[str, str, dt.date, str]]] = []
    for village in villages:
        # Villages differ in size: between half and one and a half times the mean.
        mean = size.households_per_village
        for n in range(1, rng.randint((mean + 1) // 2, mean + mean // 2) + 1):
            households.append(
                Household(
                    village=village,
                    province_id=province_id,
                    code=f"{village.code}-{n:04d}",
                    address=f"{village.name}, {commune.name}",
                )
            )
            plans.append(_members(rng))
    Household.objects.bulk_create(households, batch_size=5000)
    residents = [
        Resident(
            household=household,
            province_id=province_id,
            full_name=name,
            search_name=fold(name),
            sex=sex,
            date_of_birth=born,
            relation=relation,
            is_representative=index == 0,
        )
        for household, people in zip(households, plans, strict=True)
        for index, (name, sex, born, relation) in enumerate(people)
    ]
    Resident.objects.bulk_create(residents, batch_size=5000)
    counts.communes += 1
    counts.villages += len(villages)
    counts.households += len(households)
    counts.residents += len(residents)


def seed_communes(
    *,
    communes: Iterable[Unit],
    size: SeedSize,
    actor: object = None,
    progress: Callable[[SeedCounts], None] | None = None,
    batch: int = 20,
) -> SeedCounts:
    """Populate every commune of `communes` that has no villages yet."""
    counts = SeedCounts()
    provinces = {u.code: u.pk for u in Unit.objects.filter(kind=UnitKind.PROVINCE)}
    seeded = set(
        Unit.objects.filter(kind__in=[UnitKind.VILLAGE, UnitKind.RESIDENTIAL_GROUP])
        .values_list("parent_id", flat=True)
        .distinct()
    )
    pending = [c for c in communes if c.pk not in seeded]
    for start in range(0, len(pending), batch):
        with transaction.atomic():
            for commune in pending[start : start + batch]:
                province_id = provinces[commune.path.strip("/").split("/")[0]]
                _seed_commune(commune, province_id, size, counts)
        if progress:
            progress(counts)
    if counts.communes:
        audit.log_bulk(
            actor=actor,
            model="people.household",
            unit_id=None,
            summary={
                "synthetic": True,
                "communes": counts.communes,
                "villages": counts.villages,
                "households": counts.households,
                "residents": counts.residents,
            },
        )
    return counts
