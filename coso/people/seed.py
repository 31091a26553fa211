"""Synthetic villages, households and residents with realistic Vietnamese names.

Deterministic (a seeded random generator per commune) and idempotent (a commune that
already has villages is left alone). Rows are generated as plain tuples batch by batch,
so memory stays flat whatever the scale, and written by `coso.core.bulk` (COPY on
PostgreSQL) in one transaction: an interrupted run leaves nothing, and runs again.
"""

import datetime as dt
import functools
import random
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import transaction
from django.db.models import Model

from coso.core import audit, bulk
from coso.core.text import fold
from coso.people.models import Household, Relation, Resident, Sex
from coso.units.models import DivisionType, Unit, UnitKind
from coso.units.services import unit_path

# The generator draws its names from short lists, so a million residents bear a few
# thousand names: each is folded once.
_folded = functools.cache(fold)

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
# Household sizes drawn from these weights (one entry per hundredth).
HOUSEHOLD_SIZES = tuple(
    size
    for size, weight in zip(range(1, 8), [8, 15, 22, 27, 16, 8, 4], strict=True)
    for _ in range(weight)
)
# Dates of birth as ISO text, `k` days before the reference day: both databases read it.
_DAYS = [(REFERENCE_DAY - dt.timedelta(days=k)).isoformat() for k in range(100 * 365)]

# The columns each table is written with, in the order of the generated tuples. A new
# column of these models goes here and in the row built below (test_seed checks that
# every column of the model is written).
UNIT_COLUMNS = (
    "id", "created_at", "updated_at", "code", "name", "search_name", "kind",
    "division_type", "parent_id", "path", "depth", "valid_from", "valid_to",
)  # fmt: skip
HOUSEHOLD_COLUMNS = (
    "id", "created_at", "updated_at", "village_id", "province_id", "code", "address", "phone",
)  # fmt: skip
RESIDENT_COLUMNS = (
    "created_at", "updated_at", "household_id", "province_id", "full_name", "search_name",
    "sex", "date_of_birth", "citizen_id", "relation", "is_representative",
)  # fmt: skip

# The nation at full scale: about 28.1 million households in the 3,321 communes (the
# figure issue 18 sizes the platform for), villages of about 350 households.
NATION_HOUSEHOLDS = 28_100_000
HOUSEHOLDS_PER_VILLAGE = 350
# A scaled-down nation keeps at least this many households in each village.
MIN_HOUSEHOLDS_PER_VILLAGE = 10
# Wards (phường) are denser than rural communes, special zones (islands) smaller.
_DENSITY: dict[str, float] = {DivisionType.PHUONG: 1.6, DivisionType.DAC_KHU: 0.3}
# Households generated before they are written (memory stays flat).
FLUSH_HOUSEHOLDS = 50_000


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
    # The first rows written to each table, when a sample was asked for.
    sample: dict[type[Model], list[tuple[Any, ...]]] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return self.villages + self.households + self.residents


def nation_sizes(communes: Sequence[Unit], fraction: float) -> dict[str, SeedSize]:
    """Villages and households for each commune of the nation at `fraction` of its
    real size: a log-normal spread (each commune's own draw, denser in wards) scaled so
    that the whole list adds up to `fraction` of the nation's households."""
    weights = {
        c.code: _DENSITY.get(c.division_type, 1.0)
        * random.Random(f"coso-size-{c.code}").lognormvariate(0, 0.6)
        for c in communes
    }
    per_weight = NATION_HOUSEHOLDS / sum(weights.values())
    sizes = {}
    for code, weight in weights.items():
        real = weight * per_weight
        households = max(1, round(real * fraction))
        villages = max(
            1, min(round(real / HOUSEHOLDS_PER_VILLAGE), households // MIN_HOUSEHOLDS_PER_VILLAGE)
        )
        sizes[code] = SeedSize(villages, max(1, round(households / villages)))
    return sizes


# Middle and given name together, so that a person's name is one draw.
_GIVEN = {
    Sex.MALE.value: [f"{m} {g}" for m in MALE_MIDDLE for g in MALE_GIVEN],
    Sex.FEMALE.value: [f"{m} {g}" for m in FEMALE_MIDDLE for g in FEMALE_GIVEN],
}
_SEXES = (Sex.MALE.value, Sex.FEMALE.value)
_HEAD, _SPOUSE = Relation.HEAD.value, Relation.SPOUSE.value
_CHILD, _GRANDCHILD = Relation.CHILD.value, Relation.GRANDCHILD.value

# The generator draws with `draw()` (a Random's `random`) and indexes its lists itself:
# a third of the cost of `choice` and `randint`, which matters at a hundred million rows.
Draw = Callable[[], float]
_T = TypeVar("_T")


def _pick(draw: Draw, items: Sequence[_T]) -> _T:
    return items[int(draw() * len(items))]


def _person(draw: Draw, surname: str, sex: str, age: int, relation: str) -> tuple[str, ...]:
    """(name, sex, date of birth, relation) of one person."""
    born = _DAYS[age * 365 + int(draw() * 365)]
    return (f"{surname} {_pick(draw, _GIVEN[sex])}", sex, born, relation)


def _members(draw: Draw) -> list[tuple[str, ...]]:
    """(name, sex, date of birth, relation) of one household, its head first."""
    size = _pick(draw, HOUSEHOLD_SIZES)
    head_sex = _SEXES[0] if draw() < 0.78 else _SEXES[1]
    surname = _pick(draw, SURNAMES)
    head_age = 22 + int(draw() * 61)
    people = [_person(draw, surname, head_sex, head_age, _HEAD)]
    if size > 1 and draw() < 0.85:
        age = max(18, head_age - 6 + int(draw() * 11))
        spouse_sex = _SEXES[1] if head_sex == _SEXES[0] else _SEXES[0]
        people.append(_person(draw, _pick(draw, SURNAMES), spouse_sex, age, _SPOUSE))
    while len(people) < size:
        sex = _pick(draw, _SEXES)
        if head_age > 60 and draw() < 0.4:
            people.append(_person(draw, surname, sex, int(draw() * 21), _GRANDCHILD))
        else:
            age = int(draw() * (max(0, min(35, head_age - 19)) + 1))
            people.append(_person(draw, surname, sex, age, _CHILD))
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


class _Batch:
    """The communes of one batch: their residents streamed to the database as they are
    made (on PostgreSQL the database loads them on another core meanwhile), their
    villages and households written at the end, with ids drawn beforehand."""

    def __init__(self, now: object, communes: list[tuple[Unit, int, SeedSize]]) -> None:
        self.now = now
        self.communes = communes
        self.unit_ids = iter(bulk.id_block(Unit, sum(s.villages_per_commune for *_, s in communes)))
        # Enough for the largest villages a commune's draw can make; the rest is given
        # back once the batch is written.
        most = sum(s.villages_per_commune * _most_households(s) for *_, s in communes)
        self.household_block = bulk.id_block(Household, most)
        self.household_ids = iter(self.household_block)
        self.units: list[tuple[Any, ...]] = []
        self.households: list[tuple[Any, ...]] = []

    def write(self, counts: SeedCounts, sample: int) -> None:
        residents = counts.sample.setdefault(Resident, []) if sample else []
        with bulk.streaming(Resident, RESIDENT_COLUMNS) as put:
            for commune, province_id, size in self.communes:
                for row in self._commune(commune, province_id, size):
                    put(row)
                    counts.residents += 1
                    if len(residents) < sample:
                        residents.append(row)
        for model, columns, rows in (
            (Unit, UNIT_COLUMNS, self.units),
            (Household, HOUSEHOLD_COLUMNS, self.households),
        ):
            bulk.write_rows(model, columns, rows)
            if sample:
                kept = counts.sample.setdefault(model, [])
                kept += rows[: max(0, sample - len(kept))]
        bulk.id_block_end(Household, self.household_block.start + len(self.households))
        counts.communes += len(self.communes)
        counts.villages += len(self.units)
        counts.households += len(self.households)

    def _commune(
        self, commune: Unit, province_id: int, size: SeedSize
    ) -> Iterator[tuple[Any, ...]]:
        """The commune's residents; its villages and households kept for `write`."""
        rng = random.Random(f"coso-seed-{commune.code}")
        draw, now, mean = rng.random, self.now, size.households_per_village
        valid_from = REFERENCE_DAY.isoformat()
        names = _village_names(rng, commune, size.villages_per_commune)
        for i, (kind, name) in enumerate(names, 1):
            village_id, code = next(self.unit_ids), f"{commune.code}-{i:03d}"
            self.units.append(
                (village_id, now, now, code, name, fold(name), kind, "", commune.pk, unit_path(commune, code),
                 commune.depth + 1, valid_from, None)
            )  # fmt: skip
            address = f"{name}, {commune.name}"
            # Villages differ in size: between half and one and a half times the mean.
            for n in range(1, rng.randint((mean + 1) // 2, _most_households(size)) + 1):
                household_id = next(self.household_ids)
                self.households.append(
                    (household_id, now, now, village_id, province_id, f"{code}-{n:04d}", address, "")
                )  # fmt: skip
                for index, (full_name, sex, born, relation) in enumerate(_members(draw)):
                    yield (now, now, household_id, province_id, full_name, _folded(full_name), sex,
                           born, None, relation, index == 0)  # fmt: skip


def _most_households(size: SeedSize) -> int:
    """The most households a village of `size` is drawn with."""
    mean = size.households_per_village
    return mean + mean // 2


def _batches(
    pending: list[Unit], size: SeedSize | Mapping[str, SeedSize]
) -> Iterator[list[tuple[Unit, int, SeedSize]]]:
    """The pending communes with their province and size, in batches of about
    FLUSH_HOUSEHOLDS households."""
    provinces = {u.code: u.pk for u in Unit.objects.filter(kind=UnitKind.PROVINCE)}
    batch: list[tuple[Unit, int, SeedSize]] = []
    households = 0
    for commune in pending:
        own = size if isinstance(size, SeedSize) else size[commune.code]
        batch.append((commune, provinces[commune.path.strip("/").split("/")[0]], own))
        households += own.villages_per_commune * own.households_per_village
        if households >= FLUSH_HOUSEHOLDS:
            yield batch
            batch, households = [], 0
    if batch:
        yield batch


def seed_communes(
    *,
    communes: Iterable[Unit],
    size: SeedSize | Mapping[str, SeedSize],
    actor: object = None,
    progress: Callable[[SeedCounts], None] | None = None,
    sample: int = 0,
) -> SeedCounts:
    """Populate every commune of `communes` that has no villages yet, each with `size`
    (or its own, by commune code). Keeps the first `sample` rows written to each table
    in the counts (to measure COPY on the same rows)."""
    counts = SeedCounts()
    seeded = set(
        Unit.objects.filter(kind__in=[UnitKind.VILLAGE, UnitKind.RESIDENTIAL_GROUP])
        .values_list("parent_id", flat=True)
        .distinct()
    )
    pending = [c for c in communes if c.pk not in seeded]
    if not pending:
        return counts
    with transaction.atomic(), bulk.indexes_after(Household, Resident):
        now = bulk.stamp()
        for communes_of_batch in _batches(pending, size):
            _Batch(now, communes_of_batch).write(counts, sample)
            if progress:
                progress(counts)
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
