"""Measuring democracy where it happens (issue 20): the figures behind satisfaction
surveys, per-case ratings, the participation index and emulation.

None of these numbers is set by a law: the law asks the commune to keep a way for
residents to rate their satisfaction (`satisfaction.system`, GDL arts. 34, 35(2)(a))
and makes grassroots democracy a criterion of emulation; how the answers are counted
is Coso's own policy, written here as data so that an administrator changes it by a
new version, and each note says so.
"""

from coso.rules.catalogue.texts import GDL, GDL_FROM, Rule

MEASURE: list[Rule] = [
    (
        "survey.min_sample",
        "Chỉ số hài lòng: số câu trả lời tối thiểu để công bố",
        "count",
        "",
        {"min": 30},
        f"{GDL}, điều 34 và điều 35 khoản 2 điểm a (hệ thống đánh giá sự hài lòng)",
        GDL_FROM,
        "Quy định của Coso, không phải của luật: dưới 30 câu trả lời, khoảng tin cậy 95 % "
        "của tỷ lệ hài lòng rộng hơn ±18 điểm phần trăm, nên chỉ số không được công bố "
        "(chỉ hiện số câu trả lời).",
    ),
]
