"""Lists at two sizes of a province: the first page and a deep page (90 % of the way
down, or the last full page of a short list) of every list, each beside hand-written
SQL for the same page (the floor), at a small and a large province; then each time at
the large size over the small (goal: ≤ 1.5, the cost of a page does not grow with the
unit).

Each size lives in its own database beside the configured one (bench_lists_<N>), kept
after the run: `--reuse` measures an existing one again instead of rebuilding it (a
million households take several minutes to seed). Other records are seeded in
proportion to the households (a petition per 10, a follow-up per 20, ...).

    .venv/bin/python bench/lists.py [--households 20000 1000000] [--reuse]
"""

import argparse
import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import django
from common import best_of
from django.apps import apps

PROVINCE = "12"
PAGE = 50
# Records of each list per household of the province.
PER_HOUSEHOLD = {
    "petitions": 1 / 10,
    "followups": 1 / 20,
    "meetings": 1 / 50,
    "consultations": 1 / 200,
    "disclosures": 1 / 20,
    "matters": 1 / 200,
    "projects": 1 / 200,
}
# The commonest surname and middle name, hundreds of matches at a million households,
# every one of its trigrams common: the worst case of the names' trigram index (replaced
# in people migration 0004).
SEARCH = "nguyen van h"
# A full name no one has (a male given name after a woman's middle name): a rare name,
# the worst case of a plan that would walk the unit's households checking each.
RARE = "giang thi pao"
# Best of this many: the machine is shared, the fastest run is the cost.
RUNS = 15


@dataclass
class Size:
    households: int
    villages_per_commune: int
    households_per_village: int


def size_for(households: int, communes: int) -> Size:
    villages = 10 if households < 100_000 else 40
    return Size(households, villages, max(1, round(households / communes / villages)))


def use_database(name: str, *, reuse: bool) -> None:
    """Point the connection at database `name`, created and migrated (kept as it is,
    but migrated, when `reuse` finds it)."""
    from django.db import connection

    connection.close()
    if connection.vendor == "sqlite":  # a file: kept under var/, which git ignores
        Path("var").mkdir(exist_ok=True)
        name = f"var/{name}.sqlite3"
    connection.settings_dict["TEST"]["NAME"] = name
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=reuse)


def vacuum() -> None:
    """Fresh planner statistics, the GIN indexes' pending entries merged (a
    GIN index buffers rows inserted in bulk until a vacuum; autovacuum does it in
    time, a benchmark cannot wait), and the visibility map that lets a read stay in
    an index set."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


class Builder:
    """Fills what is missing of a province of `households` households: the people
    (`coso seed`'s path), then each list's records in proportion, a part of them in
    the first commune (the lists of one unit)."""

    def __init__(self, households: int) -> None:
        from coso.accounts.models import User
        from coso.units.models import Unit, UnitKind
        from coso.units.services import units_import_national

        units_import_national()
        self.province = Unit.objects.get(code=PROVINCE, kind=UnitKind.PROVINCE)
        self.communes = list(
            Unit.objects.filter(kind=UnitKind.COMMUNE, path__startswith=self.province.path)
        )
        self.communes.sort(key=lambda u: u.code)
        self.households = households
        self.user = User.objects.filter(username="bench").first() or User.objects.create_superuser(
            "bench", password="bench-pass-1"
        )
        self.rng = random.Random(18)
        self.today = dt.date.today()

    def count(self, name: str) -> int:
        return round(self.households * PER_HOUSEHOLD[name])

    def day(self, back: int = 300) -> dt.date:
        return self.today - dt.timedelta(days=self.rng.randint(0, back))

    def commune(self, i: int) -> Any:
        return self.communes[0] if i % 2 else self.rng.choice(self.communes)

    def build(self) -> None:
        started = time.perf_counter()
        made = False
        for label, seed in self.seeds().items():
            # A commune with villages is left alone by the people's seed; another
            # list's records are made once.
            if label != "people.Household" and apps.get_model(label).objects.exists():
                continue
            made = seed() or made
        if made:
            vacuum()
        print(f"  filled in {time.perf_counter() - started:.0f} s")

    def seeds(self) -> dict[str, Callable[[], bool]]:
        """What each seed makes (the model of the list), and the seed."""
        return {
            "people.Household": self.people,
            "petitions.Petition": self.petitions,
            "dialogues.Meeting": self.meetings,
            "consultations.Consultation": self.consultations,
            "disclosures.Disclosure": self.disclosures,
            "decisions.Matter": self.matters,
            "oversight.Project": self.projects,
        }

    @staticmethod
    def bulk(model: Any, rows: Any) -> list[Any]:
        return model.objects.bulk_create(rows, batch_size=5000)

    def people(self) -> bool:
        from coso.people.seed import SeedSize, seed_communes

        size = size_for(self.households, len(self.communes))
        counts = seed_communes(
            communes=self.communes,
            size=SeedSize(size.villages_per_commune, size.households_per_village),
        )
        return counts.households > 0

    def petitions(self) -> bool:
        from coso.petitions.models import Petition

        rows = []
        for i in range(self.count("petitions")):
            received = self.day()
            closed = self.rng.random() < 0.5
            due = received + dt.timedelta(days=self.rng.randint(10, 60))
            rows.append(
                Petition(
                    tracking_code=f"B{i:09d}",
                    kind="feedback",
                    subject=f"Đơn {i}",
                    description="Nội dung",
                    unit=self.rng.choice(self.communes),
                    province=self.province,
                    channel="portal",
                    received_on=received,
                    accept_due=received + dt.timedelta(days=14),
                    due_on=due,
                    next_due=None if closed else due,
                    status="resolved" if closed else self.rng.choice(["received", "accepted"]),
                    closed_on=received + dt.timedelta(days=20) if closed else None,
                    on_time=True if closed else None,
                )
            )
        self.bulk(Petition, rows)
        return True

    def meetings(self) -> bool:
        from django.contrib.contenttypes.models import ContentType

        from coso.dialogues.models import Item, Meeting
        from coso.followups.models import FollowUp

        meetings = self.bulk(
            Meeting,
            [
                Meeting(
                    kind="dialogue",
                    unit=self.rng.choice(self.communes),
                    date=self.day(),
                    place="Hội trường",
                    chair="Chủ tịch",
                )
                for _ in range(self.count("meetings"))
            ],
        )
        self.bulk(Item, [Item(meeting=m, number=k, text="Hỏi") for m in meetings for k in (1, 2)])
        origin = ContentType.objects.get_for_model(Meeting)
        self.bulk(
            FollowUp,
            [
                FollowUp(
                    text=f"Cam kết {i}",
                    unit=self.rng.choice(self.communes),
                    owner_name="Chủ tịch",
                    opened_on=self.day(),
                    due_on=self.day(60) + dt.timedelta(days=90),
                    origin_type=origin,
                    origin_id=meetings[i % len(meetings)].pk,
                    origin_label="Hội nghị",
                )
                for i in range(self.count("followups"))
            ],
        )
        return True

    def consultations(self) -> bool:
        from coso.consultations.models import Consultation, Opinion

        rows = self.bulk(
            Consultation,
            [
                Consultation(
                    unit=self.rng.choice(self.communes),
                    category="other",
                    title=f"Dự thảo {i}",
                    opened_on=self.day(),
                    closes_on=self.today,
                    created_by=self.user,
                )
                for i in range(self.count("consultations"))
            ],
        )
        self.bulk(
            Opinion,
            [
                Opinion(consultation=c, text="Ý kiến", source="meeting", received_on=self.today)
                for c in rows
                for _ in range(5)
            ],
        )
        return True

    def disclosures(self) -> bool:
        from coso.disclosures.models import Disclosure

        rows = [
            Disclosure(
                unit=self.commune(i),
                province=self.province,
                catalogue="budget",
                category="budget",
                title=f"Công khai {i}",
                search_text=f"cong khai {i}",
                posted_on=self.day(),
                created_by=self.user,
            )
            for i in range(self.count("disclosures"))
        ]
        self.bulk(Disclosure, rows)
        return True

    def matters(self) -> bool:
        from coso.decisions.models import Matter

        rows = [
            Matter(
                unit=self.commune(i),
                province=self.province,
                matter_type="other",
                title=f"Việc {i}",
                created_by=self.user,
            )
            for i in range(self.count("matters"))
        ]
        self.bulk(Matter, rows)
        return True

    def projects(self) -> bool:
        from coso.oversight.models import Project

        rows = [
            Project(
                commune=self.commune(i),
                name=f"Công trình {i}",
                budget=1_000_000_000,
                sources="Ngân sách và Nhân dân đóng góp",
                starts_on=self.day(),
                ends_on=self.today,
                created_by=self.user,
            )
            for i in range(self.count("projects"))
        ]
        self.bulk(Project, rows)
        return True


HOUSEHOLDS_SQL = """
SELECT h.id, h.code, h.address, h.phone, h.village_id, v.name,
  (SELECT r.full_name FROM people_resident r
   WHERE r.household_id = h.id AND r.is_representative LIMIT 1),
  (SELECT COUNT(*) FROM people_resident r WHERE r.household_id = h.id)
FROM people_household h JOIN units_unit v ON v.id = h.village_id
WHERE v.path LIKE %s AND h.id > %s {search} ORDER BY h.id LIMIT 51
"""
# A name contains the piece at its start (the names' prefix index), or further on: a
# prefix of one of its suffixes past the first character (the distinct names' suffix
# index, people migrations 0004 and 0005); or the code does (its trigram index).
SEARCH_SQL = """AND h.id = ANY(ARRAY(
  SELECT household_id FROM people_resident WHERE search_name LIKE %s
  UNION ALL SELECT household_id FROM people_resident WHERE search_name = ANY(ARRAY(
    SELECT name FROM people_name WHERE people_name_suffixes(name) @@ %s::tsquery))
  UNION ALL SELECT id FROM people_household WHERE UPPER(code) LIKE UPPER(%s)))"""
# SQLite has no such indexes: the names and codes containing the piece.
SEARCH_SQLITE = """AND h.id IN (SELECT household_id FROM people_resident WHERE search_name LIKE %s
  UNION SELECT id FROM people_household WHERE UPPER(code) LIKE UPPER(%s))"""
PETITIONS_SQL = """
SELECT p.id, p.tracking_code, p.kind, p.category, p.subject, p.status, p.received_on,
  p.accept_due, p.due_on, p.next_due, p.unit_id, p.closed_on, p.on_time
FROM petitions_petition p JOIN units_unit u ON u.id = p.unit_id
WHERE u.path LIKE %s AND p.status IN ('received', 'accepted', 'suspended')
  AND p.next_due IS NOT NULL {key} ORDER BY p.next_due, p.id LIMIT 51
"""
FOLLOWUPS_SQL = """
SELECT f.id, f.text, f.topic, f.unit_id, f.owner_name, f.opened_on, f.due_on, f.status,
  f.closed_on, f.on_time, f.response, f.origin_label, f.origin_type_id, f.origin_id
FROM followups_followup f JOIN units_unit u ON u.id = f.unit_id
WHERE u.path LIKE %s AND f.status IN ('open', 'in_progress')
  AND f.due_on IS NOT NULL {key} ORDER BY f.due_on, f.id LIMIT 51
"""
MEETINGS_SQL = """
SELECT m.id, m.kind, m.unit_id, m.date, m.place, m.chair, m.participants, u.name, u.code,
  (SELECT COUNT(*) FROM dialogues_item i WHERE i.meeting_id = m.id),
  (SELECT COUNT(*) FROM followups_followup f WHERE f.origin_type_id = %s AND f.origin_id = m.id)
FROM dialogues_meeting m JOIN units_unit u ON u.id = m.unit_id
WHERE u.path LIKE %s {key} ORDER BY m.date DESC, m.id DESC LIMIT 51
"""
CONSULTATIONS_SQL = """
SELECT c.*, (SELECT COUNT(*) FROM consultations_opinion o WHERE o.consultation_id = c.id)
FROM consultations_consultation c JOIN units_unit u ON u.id = c.unit_id
WHERE u.path LIKE %s {key} ORDER BY c.opened_on DESC, c.id DESC LIMIT 51
"""
MATTERS_SQL = """
SELECT m.* FROM decisions_matter m WHERE m.unit_id = %s AND m.id < %s ORDER BY m.id DESC LIMIT 51
"""
PROJECTS_SQL = """
SELECT p.* FROM oversight_project p WHERE p.commune_id = %s {key}
ORDER BY p.starts_on DESC, p.id DESC LIMIT 51
"""
DISCLOSURES_SQL = """
SELECT d.* FROM disclosures_disclosure d WHERE d.unit_id = %s AND d.is_current {key}
ORDER BY d.id DESC LIMIT 51
"""


def sql(statement: str, params: list[Any]) -> list[Any]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall()


def count_sql(table: str, where: str, params: list[Any]) -> Any:
    """The floor of a capped count (coso.core.pagination.count_up_to)."""
    return sql(
        f"SELECT COUNT(*) FROM (SELECT 1 FROM {table} JOIN units_unit u ON u.id = {where}"
        " LIMIT 1001) t",
        params,
    )


@dataclass
class Case:
    """One list: the app's page and the floor's, both from a key (None: the first
    page), and the key 90 % of the way down."""

    name: str
    app: Callable[[Any], Any]
    floor: Callable[[Any], Any]
    deep: Any


def dated(date: dt.date, pk: int) -> str:
    return f"{date.isoformat()}_{pk}"


def deep_row(statement: str, params: list[Any]) -> Any:
    """The row 90 % of the way down the rows `statement` orders, or higher where that
    would leave less than a full page after it: at both sizes the deep page shows as
    many rows (a short list's last page costs less for having fewer rows, not for
    being small)."""
    total = sql(f"SELECT COUNT(*) FROM ({statement}) t", params)[0][0]
    offset = max(0, min(total * 9 // 10, total - PAGE - 2))
    return sql(f"{statement} LIMIT 1 OFFSET %s", [*params, offset])[0]


def cases() -> list[Case]:  # noqa: PLR0915 - one entry per list
    from django.contrib.contenttypes.models import ContentType

    from coso.accounts.models import User
    from coso.consultations import selectors as consultations
    from coso.decisions import selectors as matters
    from coso.dialogues import selectors as dialogues
    from coso.dialogues.models import Meeting
    from coso.disclosures import selectors as disclosures
    from coso.followups import selectors as followups
    from coso.oversight import selectors as projects
    from coso.people import selectors as people
    from coso.petitions import selectors as petitions
    from coso.units.models import Unit

    user = User.objects.get(username="bench")
    province = Unit.objects.get(code=PROVINCE, kind="province")
    commune = Unit.objects.filter(disclosures__isnull=False).order_by("code").first()
    assert commune is not None
    under = province.path + "%"
    far = dt.date(9999, 12, 31)

    def fresh() -> Any:
        user.__dict__.pop("_coso_assignments", None)
        return user

    def ascending(template: str, column: str) -> Callable[[Any], Any]:
        def run(key: Any) -> Any:
            day, pk = key.split("_") if key else ("0001-01-01", "0")
            condition = f"AND ({column}, {template[1]}) > (%s, %s)"
            return sql(template[0].format(key=condition), [under, day, int(pk)])

        return run

    def descending(template: str, column: str, pk: str, params: list[Any]) -> Callable:  # type: ignore[type-arg]
        def run(key: Any) -> Any:
            day, last = key.split("_") if key else (far.isoformat(), str(2**62))
            condition = f"AND ({column}, {pk}) < (%s, %s)"
            return sql(template.format(key=condition), [*params, day, int(last)])

        return run

    needle = f"%{SEARCH}%"

    def searched(text: str) -> Callable[[Any], Any]:
        def run(key: Any) -> Any:
            from django.db import connection

            if connection.vendor != "postgresql":
                params = [under, key or 0, f"%{text}%", f"%{text}%"]
                return sql(HOUSEHOLDS_SQL.format(search=SEARCH_SQLITE), params)
            params = [under, key or 0, f"{text}%", f"'{text}':*", f"%{text}%"]
            return sql(HOUSEHOLDS_SQL.format(search=SEARCH_SQL), params)

        return run

    origin = ContentType.objects.get_for_model(Meeting).pk
    found = "SELECT DISTINCT household_id FROM people_resident WHERE search_name LIKE %s ORDER BY 1"
    pet_where = (
        "p.unit_id WHERE u.path LIKE %s AND p.status IN ('received', 'accepted', 'suspended')"
        " AND p.next_due IS NOT NULL"
    )
    fol_where = (
        "f.unit_id WHERE u.path LIKE %s AND f.status IN ('open', 'in_progress')"
        " AND f.due_on IS NOT NULL"
    )
    return [
        Case(
            "households",
            lambda key: people.households_page(user=fresh(), under=province, after=key, size=PAGE),
            lambda key: sql(HOUSEHOLDS_SQL.format(search=""), [under, key or 0]),
            deep_row("SELECT id FROM people_household ORDER BY id", [])[0],
        ),
        Case(
            "households, search",
            lambda key: people.households_page(
                user=fresh(), under=province, after=key, size=PAGE, query=SEARCH
            ),
            searched(SEARCH),
            deep_row(found, [needle])[0],
        ),
        Case(
            "households, rare name",
            lambda key: people.households_page(
                user=fresh(), under=province, after=key, size=PAGE, query=RARE
            ),
            searched(RARE),
            deep_row("SELECT id FROM people_household ORDER BY id", [])[0],
        ),
        Case(
            "petitions",
            lambda key: petitions.worklist(user=fresh(), unit=province, after=key, size=PAGE),
            lambda key: (
                ascending((PETITIONS_SQL, "p.id"), "p.next_due")(key),
                count_sql("petitions_petition p", pet_where, [under]),
            ),
            dated(
                *deep_row(
                    f"SELECT p.next_due, p.id FROM petitions_petition p JOIN units_unit u ON u.id = "
                    f"{pet_where} ORDER BY p.next_due, p.id",
                    [under],
                )
            ),
        ),
        Case(
            "follow-ups",
            lambda key: followups.worklist(user=fresh(), unit=province, after=key, size=PAGE),
            lambda key: (
                ascending((FOLLOWUPS_SQL, "f.id"), "f.due_on")(key),
                count_sql("followups_followup f", fol_where, [under]),
            ),
            dated(
                *deep_row(
                    f"SELECT f.due_on, f.id FROM followups_followup f JOIN units_unit u ON u.id = "
                    f"{fol_where} ORDER BY f.due_on, f.id",
                    [under],
                )
            ),
        ),
        Case(
            "dialogues",
            lambda key: dialogues.meetings(user=fresh(), unit=province, after=key or "", size=PAGE),
            descending(MEETINGS_SQL, "m.date", "m.id", [origin, under]),
            dated(
                *deep_row("SELECT date, id FROM dialogues_meeting ORDER BY date DESC, id DESC", [])
            ),
        ),
        Case(
            "consultations",
            lambda key: consultations.consultations(
                unit=province, user=fresh(), after=key or "", size=PAGE
            ),
            descending(CONSULTATIONS_SQL, "c.opened_on", "c.id", [under]),
            dated(
                *deep_row(
                    "SELECT opened_on, id FROM consultations_consultation"
                    " ORDER BY opened_on DESC, id DESC",
                    [],
                )
            ),
        ),
        Case(
            "disclosures (a commune)",
            lambda key: disclosures.unit_disclosures_page(
                user=fresh(), unit=commune, after=key, size=PAGE
            ),
            lambda key: sql(
                DISCLOSURES_SQL.format(key="AND d.id < %s"), [commune.pk, key or 2**62]
            ),
            deep_row(
                "SELECT id FROM disclosures_disclosure WHERE unit_id = %s ORDER BY id DESC",
                [commune.pk],
            )[0],
        ),
        Case(
            "matters (a commune)",
            lambda key: matters.matters_page(user=fresh(), unit=commune, after=key, size=PAGE),
            lambda key: sql(MATTERS_SQL, [commune.pk, key or 2**62]),
            deep_row(
                "SELECT id FROM decisions_matter WHERE unit_id = %s ORDER BY id DESC",
                [commune.pk],
            )[0],
        ),
        Case(
            "projects (a commune)",
            lambda key: projects.projects_page(commune=commune, after=key or "", size=PAGE),
            descending(PROJECTS_SQL, "p.starts_on", "p.id", [commune.pk]),
            dated(
                *deep_row(
                    "SELECT starts_on, id FROM oversight_project WHERE commune_id = %s"
                    " ORDER BY starts_on DESC, id DESC",
                    [commune.pk],
                )
            ),
        ),
    ]


def measure() -> dict[str, dict[str, tuple[float, float]]]:
    """Per list, per page ("first", "deep"): (app seconds, floor seconds), best of RUNS."""
    results: dict[str, dict[str, tuple[float, float]]] = {}
    for case in cases():
        results[case.name] = {}
        for page, key in (("first", None), ("deep", case.deep)):
            app, _ = best_of(RUNS, partial(case.app, key))
            floor, _ = best_of(RUNS, partial(case.floor, key))
            results[case.name][page] = (app, floor)
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, nargs=2, default=[20_000, 1_000_000])
    parser.add_argument("--reuse", action="store_true", help="measure kept databases again")
    args = parser.parse_args()
    django.setup()
    from django.db import connection

    from coso.people.models import Household

    by_size = {}
    for households in args.households:
        name = f"bench_lists_{households}"
        use_database(name, reuse=args.reuse)
        print(f"{name}: {households:,} households and their records", flush=True)
        Builder(households).build()
        by_size[households] = measure()
        print(f"{name}: {Household.objects.count():,} households ({connection.vendor})")
    small, large = args.households
    print(
        f"\n{'list':<24}{'page':<7}{'app ' + f'{small:,}':>13}{'floor':>9}"
        f"{'app ' + f'{large:,}':>15}{'floor':>9}{'app large/small':>17}{'floor l/s':>11}"
    )
    for name, pages in by_size[small].items():
        for page, (app_s, floor_s) in pages.items():
            app_l, floor_l = by_size[large][name][page]
            print(
                f"{name:<24}{page:<7}{app_s * 1000:>10.2f} ms{floor_s * 1000:>6.2f} ms"
                f"{app_l * 1000:>12.2f} ms{floor_l * 1000:>6.2f} ms"
                f"{app_l / app_s:>17.2f}{floor_l / floor_s:>11.2f}"
            )


if __name__ == "__main__":
    main()
