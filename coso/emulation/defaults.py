"""Coso's example criteria for communes (Quy định của Coso, not a law's): what a new
set may start from, each weight and target for the assessing body to change. The
grassroots-democracy criterion reads the participation index (`index.participation`,
0–10, computed by the reports app from the maintained figures)."""

from decimal import Decimal

from coso.emulation.models import Scoring, Source
from coso.emulation.services import CriterionData

A, L = Source.AUTOMATIC, Scoring.LINEAR

COMMUNE_CRITERIA = [
    CriterionData(
        "participation",
        "Chỉ số tham gia của người dân (thực hiện dân chủ ở cơ sở)",
        Decimal(25),
        A,
        L,
        "index.participation",
        {"floor": 0, "target": 10},
    ),
    CriterionData(
        "petitions-on-time",
        "Giải quyết phản ánh, kiến nghị đúng hạn",
        Decimal(25),
        A,
        L,
        "petitions.on_time_share",
        {"floor": 50, "target": 100},
    ),
    CriterionData(
        "followups-on-time",
        "Thực hiện việc đã hứa với dân đúng hạn",
        Decimal(20),
        A,
        L,
        "followups.on_time_share",
        {"floor": 50, "target": 100},
    ),
    CriterionData(
        "reception-held",
        "Tổ chức tiếp công dân theo lịch",
        Decimal(10),
        A,
        L,
        "reception.held_share",
        {"floor": 50, "target": 100},
    ),
    CriterionData(
        "mobilisation",
        "Công tác dân vận, tuyên truyền (cơ quan đánh giá chấm)",
        Decimal(20),
        Source.ASSESSED,
        Scoring.POINTS,
    ),
]
