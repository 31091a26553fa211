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
        "rating.criteria",
        "Đánh giá kết quả giải quyết từng việc: tiêu chí, thang điểm, mức hài lòng",
        "list",
        "",
        {
            "items": [
                {"key": "timeliness", "label": "Thời gian giải quyết"},
                {"key": "clarity", "label": "Câu trả lời rõ ràng, dễ hiểu"},
                {"key": "attitude", "label": "Thái độ của cán bộ, công chức"},
                {"key": "outcome", "label": "Kết quả giải quyết"},
                {"key": "overall", "label": "Mức độ hài lòng chung"},
            ],
            "scale": [
                {"points": 1, "label": "Rất không hài lòng"},
                {"points": 2, "label": "Không hài lòng"},
                {"points": 3, "label": "Bình thường"},
                {"points": 4, "label": "Hài lòng"},
                {"points": 5, "label": "Rất hài lòng"},
            ],
            "satisfied": [4, 5],
            "overall": "overall",
        },
        f"{GDL}, điều 34 và điều 35 khoản 2 điểm a (hệ thống đánh giá sự hài lòng)",
        GDL_FROM,
        "Quy định của Coso, không phải của luật: tiêu chí do Coso đặt cho việc người dân "
        "đánh giá từng đơn thư đã giải quyết, từng việc đã thực hiện, theo mô hình các yếu "
        "tố của SIPAS (Quyết định 1001/QĐ-BNV năm 2023: tiếp cận dịch vụ, thủ tục, công "
        "chức giải quyết, kết quả, tiếp nhận và xử lý phản ánh). Năm yếu tố đã đối chiếu "
        "được qua tài liệu mô tả Đề án đo lường sự hài lòng của Bộ Nội vụ; số và nội dung "
        "của Quyết định 1001/QĐ-BNV chưa đối chiếu được với văn bản gốc. Mức 4 và 5 trên "
        "thang 5 là hài lòng, như ở khảo sát.",
    ),
]

# The participation index: each part is a share of two sums of maintained indicators
# (a code prefixed "-" is subtracted: made − late), scaled to [0, 1], weighted; parts
# whose denominator is 0 are left out and the weights of the others renormalised.
_PART = tuple[str, list[str], list[str]]
_PARTS: list[_PART] = [
    (
        "disclosure_categories",
        ["disclosures.categories_covered"],
        ["disclosures.categories_covered", "disclosures.categories_missing"],
    ),
    ("disclosure_on_time", ["disclosures.made", "-disclosures.late"], ["disclosures.made"]),
    ("turnout", ["decisions.households_took_part"], ["decisions.households_eligible"]),
    ("petitions_on_time", ["petitions.resolved_on_time"], ["petitions.resolved"]),
    ("dialogues", ["dialogues.communes_met"], ["dialogues.communes_required"]),
    ("consultation_answers", ["consultations.answered"], ["consultations.opinions"]),
    (
        "board_answers",
        ["pib.answered_on_time", "cisb.answered_on_time"],
        ["pib.recommendations", "cisb.recommendations"],
    ),
]

MEASURE += [
    (
        "index.participation",
        "Chỉ số tham gia của người dân: công thức tính từ số liệu hồ sơ",
        "text",
        "",
        {
            "version": 1,
            "scale": {"min": 0, "max": 10},
            "parts": [
                {
                    "key": key,
                    "numerator": numerator,
                    "denominator": denominator,
                    "weight": 1,
                    "scaling": {"kind": "share"},
                }
                for key, numerator, denominator in _PARTS
            ],
        },
        f"{GDL}, điều 11–13 (công khai), điều 15–25 (bàn, quyết định), điều 32 (đối thoại), "
        "điều 33–35 (kiểm tra, giám sát)",
        GDL_FROM,
        "Quy định của Coso, không phải của luật: công thức riêng của Coso, thang 0–10 theo "
        "cách của PAPI (UNDP, CECODES, MTTQ) nhưng tính từ hồ sơ chứ không từ khảo sát. "
        "Mỗi thành phần là tỷ lệ tử số/mẫu số (mã chỉ tiêu, dấu “-” là trừ), đưa về 0–1 "
        "(“share”: giới hạn trong 0–1; “target”: chia cho mức mục tiêu rồi giới hạn), nhân "
        "trọng số; thành phần có mẫu số bằng 0 bị bỏ và trọng số các thành phần còn lại "
        "được chia lại. Chưa có chỉ tiêu số ứng cử viên mỗi cuộc bầu trưởng thôn nên chưa "
        "có thành phần này.",
    ),
    (
        "index.satisfaction",
        "Chỉ số hài lòng: cách tính tỷ lệ hài lòng và khoảng tin cậy",
        "text",
        "",
        {"version": 1, "element": "overall", "confidence": 0.95, "interval": "wilson"},
        f"{GDL}, điều 34 và điều 35 khoản 2 điểm a (hệ thống đánh giá sự hài lòng)",
        GDL_FROM,
        "Quy định của Coso, theo cách của SIPAS (Quyết định 1001/QĐ-BNV ngày 11/12/2023): "
        "tỷ lệ người trả lời hài lòng (mức 4 và 5 của thang 5) trên số người trả lời câu "
        "hỏi, theo từng yếu tố; chỉ số chung là yếu tố “overall”. Khoảng tin cậy 95 % "
        "theo Wilson (đúng cả khi mẫu nhỏ hoặc tỷ lệ gần 0 % hay 100 %).",
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
        "đơn vị xem điểm của mình và kiến nghị trong 10 ngày trước khi thành chính thức. "
        "Nguyên tắc thi đua “tự nguyện, tự giác, công khai, minh bạch” nằm ở chương I của "
        "Luật 06/2022/QH15 (bản tóm tắt trên vietjack.me); số điều 5 chưa đối chiếu được "
        "với bản gốc.",
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
