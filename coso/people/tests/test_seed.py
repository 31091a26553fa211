from io import StringIO

from django.core.management import call_command

from coso.people.models import Household, Resident
from coso.people.seed import SeedSize, seed_communes
from coso.units.models import Unit


def test_seed_is_deterministic_and_idempotent(tree):
    size = SeedSize(villages_per_commune=2, households_per_village=6)
    first = seed_communes(communes=[tree.b], size=size)
    assert first.communes == 0  # commune B already has a village
    seed_communes(communes=[tree.a], size=size)
    seeded = [u for u in Unit.objects.filter(parent=tree.a)]
    assert len(seeded) == 1  # commune A also has one
    from coso.units.tests.factories import commune

    fresh = commune(tree.province, "Xã Mới")
    counts = seed_communes(communes=[fresh], size=size)
    assert (
        counts.villages == 2
        and counts.households == Household.objects.filter(village__parent=fresh).count()
    )
    names = list(
        Resident.objects.filter(household__village__parent=fresh)
        .order_by("id")
        .values_list("full_name", flat=True)
    )
    assert seed_communes(communes=[fresh], size=size).communes == 0
    # Every seeded household has exactly one adult representative.
    for household in Household.objects.filter(village__parent=fresh):
        assert household.members.filter(is_representative=True).count() == 1
    Resident.objects.filter(household__village__parent=fresh).delete()
    Household.objects.filter(village__parent=fresh).delete()
    Unit.objects.filter(parent=fresh).delete()
    seed_communes(communes=[fresh], size=size)
    again = list(
        Resident.objects.filter(household__village__parent=fresh)
        .order_by("id")
        .values_list("full_name", flat=True)
    )
    assert again == names


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
