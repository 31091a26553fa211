"""Demo dialogues for the demo province: most communes held their yearly dialogue
conference, some also met voters; their commitments are kept, in progress or overdue;
the province's steering committee visited two communes."""

import datetime as dt
import random
from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from coso.core.manifests import DemoPlace
from coso.dialogues import services
from coso.dialogues.models import Kind, Meeting
from coso.followups.services import Promise, followup_move
from coso.units.models import Unit

QUESTIONS = [
    ("Đường vào bản sạt lở sau mưa, bao giờ sửa?", "roads", "Sửa đoạn đường sạt lở vào bản"),
    ("Nước sinh hoạt mùa khô thiếu", "water_power", "Khảo sát, nâng cấp bể nước tập trung"),
    ("Thủ tục cấp giấy chứng nhận quyền sử dụng đất còn chậm", "land", ""),
    ("Rác thải ở chợ phiên chưa được thu gom", "environment", "Bố trí điểm tập kết rác chợ phiên"),
    ("Hỗ trợ giống cây cho hộ nghèo", "social", ""),
]


def seed_dialogues(*, communes: Sequence[Unit], actor: Any) -> int:
    """Idempotent: communes that already have meetings are skipped."""
    today = timezone.localdate()
    done = set(Meeting.objects.values_list("unit_id", flat=True).distinct())
    created = 0
    for index, commune in enumerate(communes):
        if commune.pk in done or index % 5 == 4:  # one commune in five has not met yet
            continue
        rng = random.Random(f"coso-dialogues-{commune.code}")
        day = today - dt.timedelta(days=rng.randint(20, 200))
        meeting = services.meeting_create(
            actor=actor,
            unit=commune,
            data=services.MeetingData(
                kind=Kind.DIALOGUE if index % 3 else Kind.VOTERS,
                date=day,
                place="Hội trường UBND xã",
                chair="Chủ tịch UBND xã (mô phỏng)",
                led_by="" if index % 3 else "Tổ đại biểu HĐND tỉnh (mô phỏng)",
                participants={"residents": rng.randint(60, 200), "officials": rng.randint(8, 20)},
                topics=["roads", "land"],
            ),
        )
        for text, topic, promise in rng.sample(QUESTIONS, 3):
            item = services.item_add(
                actor=actor,
                meeting=meeting,
                data=services.ItemData(
                    text=text,
                    topic=topic,
                    answer="" if promise else "Đã giải thích chính sách tại hội nghị.",
                    commitment=Promise(
                        promise,
                        commune,
                        "Chủ tịch UBND xã",
                        day + dt.timedelta(days=rng.choice([15, 30, 90, 240])),
                        day,
                        topic=topic,
                        raised_by_resident=True,
                    )
                    if promise
                    else None,
                ),
            )
            followup = item.followup
            if followup is not None and rng.random() < 0.5:
                closed = min(today, followup.due_on + dt.timedelta(days=rng.randint(-10, 10)))
                followup_move(
                    actor=actor,
                    followup=followup,
                    status="done",
                    note="Đã thực hiện (dữ liệu mô phỏng).",
                    on=max(closed, followup.opened_on),
                )
            created += 1
    return created


def seed_visits(*, communes: Sequence[Unit], actor: Any) -> int:
    """The province's steering committee visited the first two communes."""
    today = timezone.localdate()
    created = 0
    for commune in communes[:2]:
        if Meeting.objects.filter(unit=commune, kind=Kind.VISIT).exists():
            continue
        visit = services.meeting_create(
            actor=actor,
            unit=commune,
            data=services.MeetingData(
                kind=Kind.VISIT,
                date=today - dt.timedelta(weeks=6),  # a demo date, not a legal period
                place="UBND xã",
                chair="Trưởng Ban Dân vận Tỉnh ủy (mô phỏng)",
                led_by="Ban Chỉ đạo thực hiện dân chủ ở cơ sở tỉnh",
                summary="Xã báo cáo kết quả thực hiện dân chủ ở cơ sở 9 tháng.",
            ),
        )
        services.item_add(
            actor=actor,
            meeting=visit,
            data=services.ItemData(
                text="Rà soát, ban hành lại quy chế thực hiện dân chủ của xã sau sắp xếp",
                topic="procedures",
                commitment=Promise(
                    "Rà soát, ban hành lại quy chế thực hiện dân chủ của xã sau sắp xếp",
                    commune,
                    "Chủ tịch UBND xã",
                    today + dt.timedelta(days=20),
                    visit.date,
                    topic="procedures",
                ),
            ),
        )
        created += 1
    return created


def seed_demo(place: DemoPlace) -> None:
    """The demo's dialogues, voter meetings and work visits."""
    seed_dialogues(communes=place.communes, actor=place.actor)
    seed_visits(communes=place.communes, actor=place.actor)
