import hashlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from coso.core import bulk
from coso.people.models import Household, Resident
from coso.people.seed import (
    HOUSEHOLD_COLUMNS,
    NATION_HOUSEHOLDS,
    RESIDENT_COLUMNS,
    UNIT_COLUMNS,
    SeedSize,
    nation_sizes,
    seed_communes,
)
from coso.units.models import DivisionType, Unit, UnitKind
from coso.units.services import units_import_national
from coso.units.tests.factories import commune, province

postgresql_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="COPY and its indexes are PostgreSQL's"
)


def _fingerprint(parent: Unit) -> str:
    """A digest of every row seeded under `parent`, ids and timestamps left out."""
    villages = Unit.objects.filter(parent=parent).order_by("code")
    households = Household.objects.filter(village__parent=parent).order_by("code")
    residents = Resident.objects.filter(household__village__parent=parent).order_by("id")
    rows = [
        *villages.values_list("code", "name", "search_name", "kind", "path", "depth", "valid_from"),
        *households.values_list("code", "village__code", "province__code", "address", "phone"),
        *residents.values_list(
            "household__code",
            "province__code",
            "full_name",
            "sex",
            "date_of_birth",
            "citizen_id",
            "relation",
            "is_representative",
        ),
    ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_every_column_of_the_tables_is_written():
    # A column added to these models must be added to the loader's rows as well.
    def columns(model):
        return {f.column for f in model._meta.concrete_fields}

    assert set(UNIT_COLUMNS) == columns(Unit)
    assert set(HOUSEHOLD_COLUMNS) == columns(Household)
    assert set(RESIDENT_COLUMNS) | {"id"} == columns(Resident)


def test_seed_writes_the_same_rows_on_every_database(db):
    # The digest is the same on SQLite (executemany) and PostgreSQL (COPY): `make test`
    # runs this test on both.
    fresh = commune(province("Lai Châu", code="99"), "Xã Mới", code="09999")
    counts = seed_communes(communes=[fresh], size=SeedSize(3, 8))
    assert counts.villages == 3
    assert (counts.households, counts.residents) == (
        Household.objects.count(),
        Resident.objects.count(),
    )
    assert _fingerprint(fresh) == (
        "028efb07ca8758270a99f0eed51b91d9a71eebc59acdd6a99d23278321b42893"
    )


def test_ids_drawn_for_a_batch_stay_dense_and_the_sequence_carries_on(tree):
    """A batch draws ids for the most households its villages could hold and gives
    back the rest: the next household, written the ordinary way, takes the next id."""
    fresh = commune(tree.province, "Xã Mới")
    counts = seed_communes(communes=[fresh], size=SeedSize(3, 8))
    ids = sorted(Household.objects.filter(village__parent=fresh).values_list("id", flat=True))
    assert ids == list(range(ids[0], ids[0] + counts.households))
    village = Unit.objects.filter(parent=fresh).first()
    after = Household.objects.create(village=village, province=tree.province, code="X-1")
    assert after.id == ids[-1] + 1


def test_seed_is_idempotent_and_each_household_has_one_representative(tree):
    size = SeedSize(villages_per_commune=2, households_per_village=6)
    assert seed_communes(communes=[tree.a, tree.b], size=size).communes == 0  # have villages
    fresh = commune(tree.province, "Xã Mới")
    counts = seed_communes(communes=[fresh], size=size)
    assert counts.villages == 2
    assert counts.households == Household.objects.filter(village__parent=fresh).count()
    assert counts.residents == Resident.objects.filter(household__village__parent=fresh).count()
    before = _fingerprint(fresh)
    assert seed_communes(communes=[fresh], size=size).communes == 0
    assert _fingerprint(fresh) == before
    for household in Household.objects.filter(village__parent=fresh):
        assert household.members.filter(is_representative=True).count() == 1
        assert household.members.get(is_representative=True).relation == "head"
    # Deleted and seeded again, the commune gets the very same people.
    Resident.objects.filter(household__village__parent=fresh).delete()
    Household.objects.filter(village__parent=fresh).delete()
    Unit.objects.filter(parent=fresh).delete()
    seed_communes(communes=[fresh], size=size)
    assert _fingerprint(fresh) == before


def test_nation_sizes_add_up_to_the_fraction_with_a_spread(db):
    units_import_national()
    communes = list(Unit.objects.filter(kind=UnitKind.COMMUNE))
    sizes = nation_sizes(communes, 0.01)
    households = {c.code: s.villages_per_commune * s.households_per_village for c, s in
                  ((c, sizes[c.code]) for c in communes)}  # fmt: skip
    assert len(sizes) == 3321
    assert (
        abs(sum(households.values()) - NATION_HOUSEHOLDS * 0.01) < 0.05 * NATION_HOUSEHOLDS * 0.01
    )
    assert max(households.values()) > 5 * min(households.values())
    wards = [households[c.code] for c in communes if c.division_type == DivisionType.PHUONG]
    rural = [households[c.code] for c in communes if c.division_type == DivisionType.XA]
    assert sum(wards) / len(wards) > sum(rural) / len(rural)
    # At full scale, villages of a few hundred households.
    full = nation_sizes(communes, 1.0)
    assert 200 < sum(s.households_per_village for s in full.values()) / len(full) < 500


def test_seed_command_for_the_nation_at_a_tiny_scale(db):
    out = StringIO()
    call_command("seed", "--scale", "nation", "--fraction", "0.0005", "--communes", "3", stdout=out)
    text = out.getvalue()
    communes = list(Unit.objects.filter(kind=UnitKind.COMMUNE).order_by("code")[:3])
    sizes = nation_sizes(list(Unit.objects.filter(kind=UnitKind.COMMUNE)), 0.0005)
    villages = Unit.objects.filter(parent__in=communes)
    assert villages.count() == sum(sizes[c.code].villages_per_commune for c in communes)
    households = Household.objects.filter(village__parent__in=communes)
    for village in villages:
        mean = sizes[village.parent.code].households_per_village
        assert (mean + 1) // 2 <= households.filter(village=village).count() <= mean + mean // 2
    residents = Resident.objects.filter(household__village__parent__in=communes)
    assert (
        f"{villages.count():,} thôn/tổ, {households.count():,} hộ, {residents.count():,} nhân khẩu"
        in text
    )
    assert Household.objects.count() == households.count()  # no other commune touched
    assert ("% của COPY" in text) == (connection.vendor == "postgresql")
    assert "Cả nước (28,100,000 hộ" in text
    again = StringIO()
    call_command(
        "seed", "--scale", "nation", "--fraction", "0.0005", "--communes", "3", stdout=again
    )
    assert "không sinh thêm" in again.getvalue()
    assert Household.objects.count() == households.count()


def test_seed_command_for_a_province(db):
    out = StringIO()
    call_command(
        "seed",
        "--scale",
        "province",
        "--communes",
        "2",
        "--villages-per-commune",
        "2",
        "--households-per-village",
        "4",
        stdout=out,
    )
    assert "dòng/giây" in out.getvalue()
    assert Unit.objects.filter(parent__code__in=["03388", "03390"]).count() == 4
    assert Household.objects.exists()


def _schema(*tables):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint"
            " WHERE conrelid::regclass::text = ANY(%s) UNION"
            " SELECT tablename, indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s)"
            " ORDER BY 1, 2",
            [list(tables), list(tables)],
        )
        return cursor.fetchall()


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_indexes_and_constraints_come_back_after_a_load_into_empty_tables():
    tables = (Household._meta.db_table, Resident._meta.db_table)
    before = _schema(*tables)
    assert len(before) > 8
    call_command("seed", "--scale", "nation", "--fraction", "0.0003", "--communes", "2")
    assert _schema(*tables) == before
    household = Household.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Household.objects.create(
            village_id=household.village_id, province_id=household.province_id, code=household.code
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Resident.objects.create(
            household=household,
            province_id=household.province_id,
            full_name="X",
            sex="M",
            date_of_birth="2000-01-01",
            relation="child",
            is_representative=True,
        )
    # With rows already there, the indexes stay while loading.
    with transaction.atomic(), bulk.indexes_after(Household, Resident) as deferred:
        assert not deferred
        assert _schema(*tables) == before


@postgresql_only
def test_the_copy_floor_leaves_nothing_behind(tree):
    now = bulk.stamp()
    columns = ("id", "created_at", "updated_at", "code", "name", "search_name", "kind",
               "division_type", "path", "depth")  # fmt: skip
    rows = [(n, now, now, f"X{n}", "x", "x", "village", "", f"/X{n}/", 0) for n in (1, 2)]
    assert bulk.copy_floor(Unit, columns, rows) > 0
    assert not Unit.objects.filter(code__startswith="X").exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('copy_floor')")
        assert cursor.fetchone()[0] is None
