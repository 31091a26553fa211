"""Measuring democracy where it happens (issue 20): the figures behind satisfaction
surveys, per-case ratings, the participation index and emulation.

None of these numbers is set by a law: the law asks the commune to keep a way for
residents to rate their satisfaction (`satisfaction.system`, GDL arts. 34, 35(2)(a))
and makes grassroots democracy a criterion of emulation; how the answers are counted
is Coso's own policy, written here as data so that an administrator changes it by a
new version, and each note says so.
"""

import datetime as dt

from coso.rules.catalogue.texts import CALENDAR, GDL, GDL_FROM, Rule, days

# The Law on Emulation and Commendation (in force 1 January 2024): emulation is public
# and transparent. The numbers below are Coso's own, not this law's.
LTDKT = "Luật Thi đua, khen thưởng số 06/2022/QH15"
LTDKT_FROM = dt.date(2024, 1, 1)

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
    (
        "emulation.objection_days",
        "Thi đua: thời hạn đơn vị kiến nghị về kết quả chấm điểm",
        "period",
        CALENDAR,
        days(10),
        f"{LTDKT}, điều 5 (thi đua công khai, minh bạch)",
        LTDKT_FROM,
        "Quy định của Coso, không phải của luật: kết quả chấm điểm được công bố để mỗi "
        "đơn vị xem điểm của mình và kiến nghị trong 10 ngày trước khi thành chính thức.",
    ),
    (
        "emulation.grades",
        "Thi đua: điểm tối thiểu của mỗi mức xếp loại (mặc định của bộ tiêu chí mới)",
        "count",
        "",
        {"excellent": 90, "good": 75, "fair": 60},
        f"{LTDKT}, điều 5 (thi đua công khai, minh bạch)",
        LTDKT_FROM,
        "Quy định của Coso, không phải của luật: thang 100 điểm, Xuất sắc từ 90, Tốt từ "
        "75, Khá từ 60, còn lại Trung bình; không tìm được văn bản quy định các mức này "
        "cho việc chấm thực hiện dân chủ ở cơ sở. Cơ quan đánh giá sửa được trong từng "
        "bộ tiêu chí.",
    ),
]
