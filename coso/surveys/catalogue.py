"""The questionnaires Coso ships (loaded by migration surveys.0002).

SIPAS (Ministry of Home Affairs, Decision 1001/QĐ-BNV of 2023): five elements — access
to the service, the administrative procedure, the civil servant who handles it, the
result, the handling of feedback — each asked as an assessment, a satisfaction and an
expectation; only the satisfaction question counts towards the element, and an overall
satisfaction question closes the form. PAPI (UNDP, CECODES, the Fatherland Front): the
sub-dimensions participation at local levels, transparency and vertical accountability.

The structure (elements, the three kinds of question, the five-point scale whose top
two points count as satisfied) follows the published methods; the official forms'
wording could not be confirmed, so every question's wording is Coso's own, and each
questionnaire's note says so.
"""

from typing import Any

SATISFACTION = [
    "Rất không hài lòng",
    "Không hài lòng",
    "Bình thường",
    "Hài lòng",
    "Rất hài lòng",
]
ASSESSMENT = ["Rất kém", "Kém", "Bình thường", "Tốt", "Rất tốt"]
SATISFIED = ["4", "5"]  # the top two of five points (the SIPAS share satisfied)

USED = {"key": "used", "in": ["yes"]}

# element, what it is about, options of the expectation question
SIPAS_ELEMENTS: list[tuple[str, str, list[list[str]]]] = [
    (
        "access",
        "việc tiếp cận dịch vụ (nơi tiếp nhận, chỉ dẫn, chỗ ngồi chờ, tiếp nhận trực tuyến)",
        [["place", "Nơi làm thủ tục thuận tiện hơn"], ["online", "Làm được trực tuyến"]],
    ),
    (
        "procedure",
        "thủ tục hành chính (niêm yết công khai, thành phần hồ sơ, phí, thời hạn)",
        [["fewer", "Ít giấy tờ hơn"], ["faster", "Thời hạn ngắn hơn"]],
    ),
    (
        "official",
        "công chức trực tiếp giải quyết (thái độ, hướng dẫn, đúng quy định)",
        [["courtesy", "Thái độ tận tình hơn"], ["guidance", "Hướng dẫn rõ ràng, một lần"]],
    ),
    (
        "result",
        "kết quả giải quyết (đúng hạn, đúng quy định, thông tin chính xác)",
        [["on_time", "Trả kết quả đúng hẹn"], ["notice", "Báo trước khi trễ hẹn"]],
    ),
    (
        "feedback",
        "việc tiếp nhận, xử lý phản ánh, kiến nghị của ông/bà",
        [["answer", "Được trả lời nhanh hơn"], ["follow", "Được theo dõi kết quả xử lý"]],
    ),
]


def _sipas_questions(element: str, about: str, options: list[list[str]]) -> list[dict[str, Any]]:
    condition = {"key": "feedback_sent", "in": ["yes"]} if element == "feedback" else USED
    return [
        {
            "key": f"{element}_assess",
            "text": f"Ông/bà đánh giá thế nào về {about}?",
            "kind": "scale",
            "labels": ASSESSMENT,
            "satisfied": [],
            "condition": condition,
            "element": "",
        },
        {
            "key": f"{element}_satisfaction",
            "text": f"Ông/bà hài lòng thế nào với {about}?",
            "kind": "scale",
            "labels": SATISFACTION,
            "satisfied": SATISFIED,
            "condition": condition,
            "element": element,
        },
        {
            "key": f"{element}_expect",
            "text": f"Về {about}, ông/bà mong muốn điều gì nhất?",
            "kind": "choice",
            "labels": options,
            "satisfied": [],
            "condition": condition,
            "element": "",
        },
    ]


def _yesno(key: str, text: str, condition: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "key": key,
        "text": text,
        "kind": "yesno",
        "labels": [],
        "satisfied": [],
        "condition": condition,
        "element": "",
    }


def _satisfaction(key: str, text: str, element: str, condition: Any = None) -> dict[str, Any]:
    return {
        "key": key,
        "text": text,
        "kind": "scale",
        "labels": SATISFACTION,
        "satisfied": SATISFIED,
        "condition": condition,
        "element": element,
    }


COMMENT: dict[str, Any] = {
    "key": "comment",
    "text": "Ông/bà có góp ý gì thêm? (không ghi tên người)",
    "kind": "text",
    "labels": [],
    "satisfied": [],
    "condition": None,
    "element": "",
}


def sipas() -> dict[str, Any]:
    questions = [
        _yesno(
            "used",
            "Trong 12 tháng qua, ông/bà hoặc người trong hộ có đến Ủy ban nhân dân xã "
            "giải quyết thủ tục hành chính không?",
        )
    ]
    for element, about, options in SIPAS_ELEMENTS:
        if element == "feedback":
            questions.append(
                _yesno(
                    "feedback_sent",
                    "Khi làm thủ tục, ông/bà có gửi phản ánh, kiến nghị nào không?",
                    USED,
                )
            )
        questions += _sipas_questions(element, about, options)
    questions.append(
        _satisfaction(
            "overall",
            "Nhìn chung, ông/bà hài lòng thế nào với sự phục vụ của Ủy ban nhân dân xã?",
            "overall",
            USED,
        )
    )
    questions.append(COMMENT)
    return {
        "code": "sipas",
        "version": 1,
        "title": "Sự hài lòng với sự phục vụ của Ủy ban nhân dân xã (theo SIPAS)",
        "anonymous": True,
        "questions": questions,
        "source_note": (
            "Cấu trúc theo Quyết định 1001/QĐ-BNV năm 2023 của Bộ Nội vụ (5 yếu tố: tiếp "
            "cận dịch vụ, thủ tục hành chính, công chức, kết quả, tiếp nhận và xử lý phản "
            "ánh kiến nghị; mỗi yếu tố hỏi đánh giá, hài lòng, mong đợi; hài lòng là mức 4 "
            "và 5 của thang 5 mức). Câu chữ là của Coso: chưa đối chiếu được với phiếu "
            "chính thức."
        ),
    }


def _papi_questions() -> list[dict[str, Any]]:
    met = {"key": "meeting", "in": ["yes"]}
    raised = {"key": "raised", "in": ["yes"]}
    return [
        _yesno(
            "meeting",
            "Trong 12 tháng qua, hộ ông/bà có được mời họp thôn, tổ dân phố để bàn việc chung không?",
        ),
        _yesno(
            "discussed",
            "Ý kiến người dân nêu ở cuộc họp có được bàn và xem xét trước khi quyết định không?",
            met,
        ),
        _satisfaction(
            "participation_satisfaction",
            "Ông/bà hài lòng thế nào với việc người dân được bàn, quyết định việc của thôn, xã?",
            "participation",
        ),
        _yesno(
            "disclosed",
            "Ông/bà có biết xã đã công khai danh sách hộ nghèo, thu chi ngân sách xã và "
            "kế hoạch sử dụng đất không?",
        ),
        _satisfaction(
            "transparency_satisfaction",
            "Ông/bà hài lòng thế nào với việc xã công khai thông tin cho người dân?",
            "transparency",
        ),
        _yesno(
            "raised",
            "Trong 12 tháng qua, ông/bà có gặp cán bộ thôn, xã để đề nghị giải quyết việc gì không?",
        ),
        _yesno("resolved", "Việc ông/bà đề nghị có được giải quyết không?", raised),
        _satisfaction(
            "accountability_satisfaction",
            "Ông/bà hài lòng thế nào với việc cán bộ xã trả lời, giải quyết đề nghị của người dân?",
            "accountability",
        ),
        COMMENT,
    ]


def papi() -> dict[str, Any]:
    return {
        "code": "papi",
        "version": 1,
        "title": "Tham gia, công khai và trách nhiệm giải trình ở cơ sở (theo PAPI)",
        "anonymous": True,
        "questions": _papi_questions(),
        "source_note": (
            "Nội dung theo ba nội dung thành phần của Chỉ số PAPI (UNDP, CECODES, Mặt trận "
            "Tổ quốc Việt Nam): tham gia của người dân ở cấp cơ sở; công khai, minh bạch; "
            "trách nhiệm giải trình với người dân. Câu chữ là của Coso: chưa đối chiếu được "
            "với bảng hỏi chính thức của PAPI."
        ),
    }


def shipped() -> list[dict[str, Any]]:
    return [sipas(), papi()]
