"""Synthetic disclosures for the demo: each commune has published part of its catalogue,
some late, some taken down early, so that compliance pages have something to show."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from coso.core.manifests import DemoPlace
from coso.core.seeding import communes_to_seed
from coso.disclosures import catalogues
from coso.disclosures.models import Disclosure
from coso.disclosures.services import DisclosureData, disclosure_publish, disclosure_take_down
from coso.units.models import Unit

TITLES = {
    "1": "Kế hoạch phát triển kinh tế - xã hội năm {year}",
    "2": "Công khai dự toán ngân sách xã năm {year}",
    "3": "Phương án bồi thường, hỗ trợ, tái định cư dự án đường liên thôn",
    "4": "Quy chế thực hiện dân chủ ở cơ sở của xã",
    "5": "Các khoản huy động đóng góp xây dựng nhà văn hóa thôn",
    "6": "Kết quả kiểm kê tài sản công năm {year}",
    "7": "Danh sách hộ nghèo, cận nghèo được hỗ trợ năm {year}",
    "8": "Tiếp nhận, phân bổ ủng hộ khắc phục hậu quả lũ quét",
    "9": "Danh sách công dân gọi nhập ngũ năm {year}",
    "10": "Kết luận thanh tra việc quản lý đất công ích",
    "11": "Kết quả lấy ý kiến Nhân dân về quy hoạch sử dụng đất",
    "12": "Các khoản phí, lệ phí thu tại bộ phận một cửa",
    "13": "Danh mục thủ tục hành chính cấp xã",
}


def seed_disclosures(*, communes: Iterable[Unit], actor: Any) -> int:
    """Publish a deterministic share of each commune's catalogue; skip communes that
    already have disclosures."""
    today = timezone.localdate()
    created = 0
    for commune, rng in communes_to_seed(communes, Disclosure.objects, "disclosures"):
        keys = [k for k in catalogues.mandatory_keys(commune) if rng.random() < 0.7]
        for key in keys:
            posted = today - dt.timedelta(days=rng.randint(1, 300))
            decided = posted - dt.timedelta(days=rng.choice([1, 2, 3, 4, 12]))
            disclosure = disclosure_publish(
                actor=actor,
                unit=commune,
                data=DisclosureData(
                    category=key,
                    title=TITLES.get(key, "Thông báo").format(year=today.year),
                    body=f"{commune.name} công khai nội dung này theo Luật Thực hiện dân chủ ở cơ sở.",
                    channels=["notice_board", "loudspeaker"],
                    decided_on=decided,
                    posted_on=posted,
                ),
            )
            if rng.random() < 0.1 and not disclosure.is_permanent:
                disclosure_take_down(
                    actor=actor,
                    disclosure=disclosure,
                    on=min(today, posted + dt.timedelta(days=10)),
                    reason="Văn bản được thay thế",
                )
            created += 1
    return created


def seed_demo(place: DemoPlace) -> None:
    """The demo's disclosures, in every commune."""
    seed_disclosures(communes=place.communes, actor=place.actor)
