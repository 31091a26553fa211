"""The demo province: Lai Châu with about 20,000 synthetic households and one account
per role. Deterministic and idempotent."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from coso.accounts.models import Role, RoleAssignment, User
from coso.core import indicators
from coso.core.errors import DomainError
from coso.core.manifests import DemoPlace, seed_steps
from coso.people.seed import SeedCounts, SeedSize, seed_communes
from coso.units.models import COMMUNITY_KINDS, Unit, UnitKind
from coso.units.services import unit_create, units_import_national

DEMO_PROVINCE = "12"  # Lai Châu
DEMO_HOUSEHOLDS = 20_000
VILLAGES_PER_COMMUNE = 10


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    unit_code: str | None
    full_name: str


def demo_accounts(commune_a: Unit, commune_b: Unit, village: Unit, org: Unit) -> list[DemoAccount]:
    return [
        DemoAccount("quantri", "quantri-demo", Role.ADMINISTRATOR, None, "Quản trị hệ thống"),
        DemoAccount(
            "trunguong", "trunguong-demo", Role.CENTRAL_VIEWER, None, "Ban Chỉ đạo Trung ương"
        ),
        DemoAccount(
            "tinh", "tinh-demo", Role.PROVINCE_VIEWER, DEMO_PROVINCE, "Ban Chỉ đạo tỉnh Lai Châu"
        ),
        DemoAccount(
            "xa", "xa-demo", Role.COMMUNE_OFFICIAL, commune_a.code, f"Cán bộ {commune_a.name}"
        ),
        DemoAccount(
            "xab", "xab-demo", Role.COMMUNE_OFFICIAL, commune_b.code, f"Cán bộ {commune_b.name}"
        ),
        DemoAccount(
            "truongthon",
            "truongthon-demo",
            Role.VILLAGE_HEAD,
            village.code,
            f"Trưởng {village.name}",
        ),
        DemoAccount(
            "mattran",
            "mattran-demo",
            Role.FRONT_OFFICER,
            commune_a.code,
            f"Mặt trận {commune_a.name}",
        ),
        DemoAccount(
            "thanhtra",
            "thanhtra-demo",
            Role.INSPECTION_MEMBER,
            commune_a.code,
            f"Ban Thanh tra nhân dân {commune_a.name}",
        ),
        DemoAccount("doanhnghiep", "doanhnghiep-demo", Role.ORG_OFFICER, org.code, org.name),
    ]


def _account(spec: DemoAccount) -> None:
    user, _ = User.objects.get_or_create(username=spec.username)
    user.full_name = spec.full_name
    user.is_superuser = user.is_staff = spec.role == Role.ADMINISTRATOR
    user.set_password(spec.password)
    user.save()
    unit = Unit.objects.get(code=spec.unit_code) if spec.unit_code else None
    RoleAssignment.objects.get_or_create(user=user, unit=unit, role=spec.role)


def _org(commune: Unit) -> Unit:
    code = f"{commune.code}-DN01"
    existing = Unit.objects.filter(code=code).first()
    if existing:
        return existing
    try:
        return unit_create(
            actor=None,
            parent=commune,
            code=code,
            kind=UnitKind.ENTERPRISE,
            name="Công ty TNHH Chè Tam Đường (mô phỏng)",
        )
    except DomainError as error:  # pragma: no cover - the code was checked just above
        raise RuntimeError(error.message) from error


def demo_people(
    progress: Callable[[SeedCounts], None] | None = None,
) -> tuple[SeedCounts, list[DemoAccount]]:
    """The province's households and the demo accounts: enough to sign in."""
    units_import_national()
    communes = _communes()
    per_village = round(DEMO_HOUSEHOLDS / (len(communes) * VILLAGES_PER_COMMUNE))
    counts = seed_communes(
        communes=communes, size=SeedSize(VILLAGES_PER_COMMUNE, per_village), progress=progress
    )
    commune_a, commune_b = communes[0], communes[1]
    village = _first_village(commune_a)
    with transaction.atomic():
        accounts = demo_accounts(commune_a, commune_b, village, _org(commune_a))
        for spec in accounts:
            _account(spec)
    return counts, accounts


def demo_records() -> None:
    """Everything else the demo shows: each app's seed steps, as its manifest declares
    them (disclosures, matters, petitions, dialogues, models, support, oversight…), then
    the figures, then the steps that need them (the communes' reports)."""
    communes = _communes()
    place = DemoPlace(
        communes=communes,
        commune=communes[0],
        village=_first_village(communes[0]),
        actor=User.objects.get(username="quantri"),
    )
    with indicators.deferred():
        for step in seed_steps(after_figures=False):
            step(place)
    # The seeds write in bulk: the figures are computed from the records once
    # (idempotent), before the communes' reports freeze them.
    call_command("indicators", "refresh", "--since", str(timezone.localdate().year - 1))
    for step in seed_steps(after_figures=True):
        step(place)


def build_demo(
    progress: Callable[[SeedCounts], None] | None = None,
) -> tuple[SeedCounts, list[DemoAccount]]:
    """The whole demo, idempotent."""
    counts, accounts = demo_people(progress)
    demo_records()
    return counts, accounts


def _communes() -> list[Unit]:
    province = Unit.objects.get(code=DEMO_PROVINCE)
    return list(Unit.objects.filter(parent=province, kind=UnitKind.COMMUNE).order_by("code"))


def _first_village(commune: Unit) -> Unit:
    return Unit.objects.filter(parent=commune, kind__in=COMMUNITY_KINDS).order_by("code")[0]
