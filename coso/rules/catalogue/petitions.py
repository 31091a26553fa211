"""Petitions: complaints, denunciations, feedback and citizen reception."""

import datetime as dt

from coso.rules.catalogue.texts import (
    C07,
    CALENDAR,
    D20,
    D20_FROM,
    D124,
    D155,
    GDL,
    L136,
    LAW_136_FROM,
    LC,
    LC_FROM,
    LD,
    LD_FROM,
    LR,
    LR_FROM,
    WORKING,
    Rule,
    days,
)

PETITIONS: list[Rule] = [
    (
        "complaint.limitation_days",
        "Thời hiệu khiếu nại",
        "period",
        CALENDAR,
        days(90),
        f"{LC}, điều 9",
        LC_FROM,
        "",
    ),
    (
        "complaint.first.accept",
        "Thụ lý khiếu nại lần đầu",
        "period",
        WORKING,
        days(10),
        f"{LC}, điều 27; {C07}, điều 5",
        LC_FROM,
        "Điều 27 (bản 2011) ghi “10 ngày”; giữ ngày làm việc theo DOMAIN.md và Thông tư 07. "
        "Luật 136/2025/QH15 (hiệu lực 01/7/2026) sửa Luật Khiếu nại; mức 7 ngày làm việc chưa đối "
        "chiếu được nên chưa tạo phiên bản mới.",
    ),
    (
        "complaint.first.resolve",
        "Giải quyết khiếu nại lần đầu",
        "period",
        CALENDAR,
        days(30, complex=45),
        f"{LC}, điều 28",
        LC_FROM,
        "Luật ghi “không quá 30 ngày, kể từ ngày thụ lý” (ngày, không phải ngày làm việc). "
        "Từ 01/07/2026, thời gian tạm đình chỉ giải quyết không tính vào thời hạn "
        "(complaint.suspension).",
    ),
    (
        "complaint.first.resolve.remote",
        "Giải quyết khiếu nại lần đầu ở vùng sâu, vùng xa đi lại khó khăn",
        "period",
        CALENDAR,
        days(45, complex=60),
        f"{LC}, điều 28",
        LC_FROM,
        "",
    ),
    (
        "complaint.second.file_days",
        "Thời hạn khiếu nại lần hai",
        "period",
        CALENDAR,
        days(30, remote=45),
        f"{LC}, điều 33",
        LC_FROM,
        "",
    ),
    (
        "complaint.second.accept",
        "Thụ lý khiếu nại lần hai",
        "period",
        WORKING,
        days(10),
        f"{LC}, điều 36; {C07}",
        LC_FROM,
        "Áp dụng cho khiếu nại nhận đến hết 30/06/2026; từ 01/07/2026 là 07 ngày làm việc "
        "(Nghị định 155/2026/NĐ-CP, phiên bản sau).",
    ),
    (
        "complaint.second.resolve",
        "Giải quyết khiếu nại lần hai",
        "period",
        CALENDAR,
        days(45, complex=60),
        f"{LC}, điều 37",
        LC_FROM,
        "",
    ),
    (
        "complaint.second.resolve.remote",
        "Giải quyết khiếu nại lần hai ở vùng sâu, vùng xa đi lại khó khăn",
        "period",
        CALENDAR,
        days(60, complex=70),
        f"{LC}, điều 37",
        LC_FROM,
        "",
    ),
    (
        "complaint.resolve.day_kind",
        "Cách đếm thời hạn giải quyết khiếu nại",
        "text",
        "",
        {"unit": CALENDAR},
        f"{LC}, điều 28, 37",
        LC_FROM,
        "Điều 28 và 37 ghi “ngày”, không ghi “ngày làm việc”; không tìm thấy quy định riêng về cách "
        "đếm (kể cả Nghị định 124/2020/NĐ-CP), nên theo Bộ luật Dân sự điều 145–148: ngày dương "
        "lịch. Đây là suy luận từ câu chữ, chưa phải giải thích chính thức.",
    ),
    (
        "denunciation.intake",
        "Vào sổ, phân loại, quyết định thụ lý tố cáo",
        "period",
        WORKING,
        days(7, extended=10),
        f"{LD}, điều 24",
        LD_FROM,
        "Kéo dài đến 10 ngày làm việc khi cần xác minh nhiều nơi.",
    ),
    (
        "denunciation.forward",
        "Chuyển tố cáo đến cơ quan có thẩm quyền và báo người tố cáo",
        "period",
        WORKING,
        days(5),
        f"{LD}, điều 24",
        LD_FROM,
        "",
    ),
    (
        "denunciation.notify",
        "Thông báo thụ lý cho người tố cáo, người bị tố cáo",
        "period",
        WORKING,
        days(5),
        f"{LD}, điều 29 khoản 3",
        LD_FROM,
        "",
    ),
    (
        "denunciation.resolve",
        "Giải quyết tố cáo kể từ ngày thụ lý",
        "period",
        CALENDAR,
        days(30),
        f"{LD}, điều 30",
        LD_FROM,
        "",
    ),
    (
        "denunciation.extension",
        "Gia hạn giải quyết tố cáo (phức tạp 1 lần, đặc biệt phức tạp 2 lần)",
        "period",
        CALENDAR,
        days(30, max_extensions_complex=1, max_extensions_very_complex=2),
        f"{LD}, điều 30",
        LD_FROM,
        "Mỗi lần không quá 30 ngày.",
    ),
    (
        "denunciation.confidential",
        "Giữ bí mật người tố cáo",
        "text",
        "",
        {},
        f"{LD}, điều 9 khoản 1 điểm b, điều 56; {GDL}, điều 9",
        LD_FROM,
        "Họ tên, địa chỉ, bút tích và thông tin cá nhân khác được giữ bí mật.",
    ),
    (
        "reception.commune.frequency",
        "Chủ tịch UBND xã tiếp công dân",
        "frequency",
        "",
        {"times": 1, "per": "week"},
        f"{LR}, điều 15 khoản 2 điểm d",
        LR_FROM,
        "Ít nhất 1 ngày mỗi tuần, tại trụ sở UBND xã (bản 2013), đến hết 30/06/2026; từ "
        "01/07/2026 là ít nhất 2 ngày mỗi tháng (phiên bản sau).",
    ),
    (
        "reception.province.frequency",
        "Chủ tịch UBND tỉnh tiếp công dân",
        "frequency",
        "",
        {"times": 1, "per": "month"},
        f"{LR}, điều 12 khoản 5",
        LR_FROM,
        "Ít nhất 1 ngày mỗi tháng.",
    ),
    (
        "reception.reply",
        "Trả lời người được tiếp về việc thụ lý, từ chối hoặc chuyển",
        "period",
        WORKING,
        days(10),
        f"{LR}, điều 28",
        LR_FROM,
        "",
    ),
    (
        "feedback.forward",
        "Chuyển phản ánh, kiến nghị gửi nhầm cơ quan",
        "period",
        WORKING,
        days(5),
        f"{D20}, điều 9",
        D20_FROM,
        "Ngày hiệu lực của nghị định chưa đối chiếu.",
    ),
    (
        "reception.forms",
        "Hình thức tiếp công dân",
        "list",
        "",
        {
            "items": [
                {"key": "in_person", "label": "Tiếp công dân trực tiếp"},
                {"key": "online", "label": "Tiếp công dân trực tuyến"},
            ]
        },
        "Luật Tiếp công dân số 42/2013/QH13, điều 3a (bổ sung bởi Luật số 136/2025/QH15, "
        "điều 1 khoản 1)",
        dt.date(2026, 7, 1),
        "Nguồn: văn bản Luật 136/2025/QH15 ngày 10/12/2025 (thuviennhadat.vn); ngày hiệu lực "
        "01/07/2026 theo trang giới thiệu luật của Cổng Chính phủ (xaydungchinhsach.chinhphu.vn). "
        "Chính phủ quy định chi tiết việc tiếp công dân trực tuyến. Trước ngày này chỉ ghi nhận "
        "tiếp trực tiếp.",
    ),
    (
        "complaint.suspension",
        "Tạm đình chỉ giải quyết khiếu nại: thời gian tạm đình chỉ không tính vào thời hạn",
        "text",
        "",
        {"suspended_days_counted": False, "resume_from": "continue_decision"},
        f"{LC}, điều 11a (bổ sung bởi {L136}, điều 2); {D124}, điều 28a, 28b (bổ sung bởi "
        f"{D155}, điều 12)",
        LAW_136_FROM,
        "Đã đối chiếu Nghị định 155/2026/NĐ-CP (bản lưu van-ban/tu-phap/ của kho "
        "diepxuan/diepxuan.github.io): điều 28b khoản 2 “Thời hạn giải quyết khiếu nại tiếp tục "
        "được tính từ ngày ban hành quyết định tiếp tục giải quyết khiếu nại”; quyết định tạm "
        "đình chỉ gửi các bên trong 03 ngày làm việc (điều 28b khoản 1); căn cứ là sự kiện bất "
        "khả kháng, trở ngại khách quan (điều 28a); điều 22 khoản 1 áp dụng cả cho vụ việc đã "
        "thụ lý trước 01/07/2026 chưa có quyết định giải quyết. Coso tính: thời hạn dời thêm số "
        "ngày từ ngày quyết định tạm đình chỉ đến ngày quyết định tiếp tục. Văn bản điều 11a "
        "Luật Khiếu nại chưa đọc được trong bản lưu; nội dung “không tính vào thời hạn” theo "
        "người rà soát và điều 28b của Nghị định.",
    ),
    # Added with the petitions module (migration rules.0003).
    (
        "feedback.resolve",
        "Xử lý, trả lời phản ánh, kiến nghị kể từ ngày thụ lý",
        "period",
        CALENDAR,
        days(30, complex=45),
        f"{LR}, điều 28 (thông báo tiếp nhận); thời hạn xử lý do đơn vị quy định",
        LR_FROM,
        "Không tìm thấy thời hạn luật định chung cho việc xử lý phản ánh, kiến nghị; 30 ngày là "
        "giá trị mặc định của Coso để theo dõi (45 ngày khi gia hạn vì phức tạp), đơn vị sửa theo "
        "quy chế của mình. Chưa đối chiếu.",
    ),
]
