"""The demo's boards in the first commune: a People's Inspection Board elected village by
village, an inspection with its findings and a recommendation now overdue, residents'
requests; and the village road the households voted to fund, supervised by the board
its community elected, with the dues the households decided, payments, spending and a
visit — the project's page adds up."""

import datetime as dt
from typing import Any

from django.utils import timezone

from coso.core.manifests import DemoPlace
from coso.decisions import services as decisions
from coso.decisions.models import Matter, Status
from coso.decisions.seed import COUNTING_BOARD
from coso.oversight import contribution, selectors, services
from coso.oversight.models import Due, Plan
from coso.people.models import Household
from coso.units.models import COMMUNITY_KINDS, Unit

FAMILY = ["Lò Văn", "Tòng Thị", "Cầm Văn", "Lường Thị", "Quàng Văn", "Vì Thị", "Điêu Văn"]
GIVEN = ["Pọm", "Xuân", "Khâm", "Ính", "Thoa", "Chiến", "Panh", "Hương", "Duyên", "Thắng", "Lả"]
SUPERVISORS = ["Lò Văn Sơn", "Tòng Thị Hoa", "Cầm Văn Dũng", "Lường Thị Mai", "Quàng Văn Tính"]


def _elect(actor: Any, unit: Unit, title: str, board: str, names: list[str]) -> Matter:
    """A village meeting elects `names` (one more candidate falls short), published."""
    seats = len(names)
    matter = decisions.matter_create(
        actor=actor,
        unit=unit,
        matter_type="5",
        title=title,
        candidates=[*names, "Hà Văn Dự Khuyết"],
        seats=seats,
        board=board,
        counting_board=COUNTING_BOARD,
    )
    decisions.matter_open(actor=actor, matter=matter)
    ids = list(Household.objects.filter(village=unit).values_list("id", flat=True))
    present = ids[: len(ids) * 9 // 10]
    decisions.attendance_record(actor=actor, matter=matter, household_ids=present)
    counts = {f"c{i}": len(ids) * 3 // 5 + 1 for i in range(1, seats + 1)}
    counts[f"c{seats + 1}"] = len(present) // 5
    decisions.tally_record(actor=actor, matter=matter, counts=counts)
    decisions.matter_count(actor=actor, matter=matter)
    return decisions.matter_publish(
        actor=actor, matter=matter, chair="Trưởng thôn", secretary="Thư ký"
    )


def seed_oversight(*, commune: Unit, village: Unit, actor: Any) -> int:
    """Idempotent: nothing is added once the commune's board has a plan."""
    if Plan.objects.filter(commune=commune).exists():
        return 0
    today = timezone.localdate()
    places = Unit.objects.filter(parent=commune, kind__in=COMMUNITY_KINDS).order_by("code")
    for n, place in enumerate(places):
        if Household.objects.filter(village=place).exists():
            name = f"{FAMILY[n % len(FAMILY)]} {GIVEN[n % len(GIVEN)]}"
            title = f"Bầu thành viên Ban Thanh tra nhân dân — {place.name}"
            matter = _elect(actor, place, title, "pib", [name])
            services.members_from_election(actor=actor, matter=matter)
    _roles(actor, commune)
    plan = services.plan_create(
        actor=actor,
        commune=commune,
        subject="Kiểm tra việc thu, chi quỹ xây dựng nhà văn hóa",
        notified_on=today - dt.timedelta(weeks=6),
        starts_on=today - dt.timedelta(weeks=4),
    )
    found = today - dt.timedelta(weeks=3)
    services.plan_findings(
        actor=actor,
        plan=plan,
        findings="Sổ thu chưa ghi ngày nộp của 12 hộ; chứng từ chi mua xi măng thiếu hóa đơn.",
        on=found,
    )
    services.recommend(
        actor=actor,
        plan=plan,
        text="Bổ sung hóa đơn mua xi măng và công khai lại bảng thu, chi tại nhà văn hóa.",
        owner_name="",
        on=found,
    )
    for text in (
        "Đề nghị Ban xem lại việc thu tiền vệ sinh môi trường ở tổ 3.",
        "Đề nghị kiểm tra chất lượng đoạn rãnh thoát nước mới làm.",
    ):
        services.request_receive(commune=commune, text=text, sender="Một người dân")
    _project(actor, commune, village, today)
    return 1


def _roles(actor: Any, commune: Unit) -> None:
    """The Front names the board's head and, where there are enough members, a deputy."""
    members = selectors.board_members(commune=commune)
    if members:
        services.board_roles_set(
            actor=actor,
            commune=commune,
            head=members[0].pk,
            deputies=[m.pk for m in members[1:2]],
        )


def _project(actor: Any, commune: Unit, village: Unit, today: dt.date) -> None:
    """The village road its households voted to fund at 500.000 đồng each: the dues
    follow that decision, four households in five have paid."""
    road = (
        Matter.objects.filter(unit=village, matter_type="1", status=Status.PUBLISHED)
        .order_by("id")
        .first()
    )
    said = contribution.stated_in(road.proposal if road else "").amounts
    project = services.project_create(
        actor=actor,
        commune=commune,
        data=services.ProjectData(
            name=f"Đường bê tông nội thôn {village.name}",
            budget=850_000_000,
            sources="Nhân dân đóng góp theo mức đã biểu quyết và ngày công; "
            "ngân sách xã và Nhà nước hỗ trợ xi măng phần còn lại",
            contractor="Hợp tác xã Xây dựng Tam Đường (mô phỏng)",
            starts_on=today,
            ends_on=today + dt.timedelta(weeks=26),
            approved_by=road,
            due_per_household=min(said) if said else 500_000,
        ),
    )
    board = _elect(actor, village, "Bầu Ban giám sát đầu tư của cộng đồng", "cisb", SUPERVISORS)
    services.project_board_from_election(actor=actor, project=project, matter=board)
    supervisors = selectors.supervisors(project=project)
    services.project_roles_set(
        actor=actor, project=project, head=supervisors[0].pk, deputies=[supervisors[1].pk]
    )
    dues = (
        Due.objects.filter(project=project).select_related("household").order_by("household__code")
    )
    for n, due in enumerate(dues):
        if n % 5:
            services.payment_record(
                actor=actor, project=project, code=due.household.code, amount=due.amount
            )
    for what, amount in (
        ("Xi măng, cát, đá đợt 1", 120_000_000),
        ("Nhân công đổ bê tông", 35_000_000),
    ):
        services.spending_record(actor=actor, project=project, what=what, amount=amount)
    services.project_progress(actor=actor, project=project, progress=15)
    services.visit_record(
        actor=actor,
        project=project,
        findings="Lớp bê tông đoạn đầu dày 16 cm, đúng thiết kế; bãi tập kết vật liệu lấn lối đi.",
        recommendation="Dời bãi vật liệu khỏi lối đi của học sinh trước ngày 15.",
    )


def seed_demo(place: DemoPlace) -> None:
    """The demo's People's Inspection Board and community-funded project."""
    seed_oversight(commune=place.commune, village=place.village, actor=place.actor)
