"""A demo support programme: Tết gifts to twenty households of the first commune's first
village, posted, with one resident's objection answered."""

import datetime as dt
from typing import Any

from django.utils import timezone

from coso.core.manifests import DemoPlace
from coso.people.models import Household
from coso.support import services
from coso.support.models import Programme
from coso.units.models import Unit


def seed_support(*, commune: Unit, village: Unit, actor: Any) -> int:
    """Idempotent: nothing is added once the commune has a programme."""
    if Programme.objects.filter(unit=commune).exists():
        return 0
    today = timezone.localdate()
    codes = list(
        Household.objects.filter(village=village)
        .order_by("code")
        .values_list("code", flat=True)[:20]
    )
    if not codes:
        return 0
    programme = services.programme_create(
        actor=actor,
        unit=commune,
        data=services.ProgrammeData(
            name="Tặng quà hộ nghèo, cận nghèo dịp cuối năm",
            kind="poor",
            source="Quỹ Vì người nghèo của xã và doanh nghiệp tài trợ (mô phỏng)",
            value_per_household=1_150_000,
            handed_on=today - dt.timedelta(days=3),
            description="Bình xét tại hội nghị thôn; ưu tiên hộ nghèo có người già neo đơn.",
        ),
    )
    services.recipients_add(actor=actor, programme=programme, village=village, codes=codes)
    services.programme_post(actor=actor, programme=programme, on=today - dt.timedelta(days=2))
    objection = services.objection_submit(
        programme=programme, text="Đề nghị xem lại: một hộ trong danh sách đã có xe ô tô."
    )
    services.objection_answer(
        actor=actor,
        objection=objection,
        answer="Xã đã kiểm tra tại hộ: xe của con trai ở tỉnh khác, hộ vẫn thuộc diện cận nghèo.",
    )
    return len(codes)


def seed_demo(place: DemoPlace) -> None:
    """The demo's support programme, in the first commune's first village."""
    seed_support(commune=place.commune, village=place.village, actor=place.actor)
