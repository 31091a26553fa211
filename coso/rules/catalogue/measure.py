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
