"""The topic catalogue as Coso first ships it (loaded by migration 0002). Like the
rulebook's catalogue, this is the *initial* content: later changes are revisions made
by an administrator (coso/concerns/topics.py), never an edit here, so that a database
built from scratch matches one that has lived.

The first-level codes are the eight of the earlier fixed list (the petitions' Open311
service codes), plus `democracy`; a subtopic's code is its parent's, a dot and its own.
Keywords are matched regardless of case and diacritics (coso/concerns/matching.py), so
a phrase must stay specific once its accents are gone: "cầu" (bridge) is also "câu"
(question) and the end of "yêu cầu", and is only used inside longer phrases.
"""

# (code, Vietnamese label, English label, keywords)
Entry = tuple[str, str, str, list[str]]

TOPICS: list[Entry] = [
    (
        "roads",
        "Đường sá, cầu cống",
        "Roads and bridges",
        ["giao thông nông thôn", "đường giao thông", "làm đường", "mở đường", "bê tông hóa"],
    ),
    (
        "roads.damaged",
        "Đường hư hỏng, xuống cấp",
        "Damaged roads",
        ["đường hư hỏng", "đường xuống cấp", "ổ gà", "sửa đường", "đường lầy lội"],
    ),
    (
        "roads.bridges",
        "Cầu, cống, kênh mương",
        "Bridges, culverts and canals",
        ["cầu treo", "cầu tạm", "sập cầu", "cầu yếu", "cống thoát nước", "kênh mương"],
    ),
    (
        "roads.lighting",
        "Đèn đường, chiếu sáng công cộng",
        "Street lighting",
        ["đèn đường", "đèn chiếu sáng", "chiếu sáng công cộng"],
    ),
    (
        "roads.traffic",
        "An toàn giao thông",
        "Road safety",
        ["an toàn giao thông", "tai nạn giao thông", "biển báo", "gờ giảm tốc"],
    ),
    (
        "environment",
        "Môi trường, rác thải",
        "Environment and waste",
        ["môi trường", "vệ sinh môi trường"],
    ),
    (
        "environment.waste",
        "Thu gom, xử lý rác thải",
        "Waste collection",
        ["rác thải", "thu gom rác", "bãi rác", "xả rác", "đổ rác"],
    ),
    (
        "environment.pollution",
        "Ô nhiễm môi trường",
        "Pollution",
        ["ô nhiễm", "khói bụi", "mùi hôi", "nước thải", "tiếng ồn"],
    ),
    (
        "environment.flooding",
        "Ngập úng, sạt lở",
        "Flooding and landslides",
        ["ngập úng", "ngập lụt", "sạt lở"],
    ),
    ("water_power", "Điện, nước sinh hoạt", "Power and water", []),
    (
        "water_power.water",
        "Nước sạch, nước sinh hoạt",
        "Drinking water",
        ["nước sạch", "nước sinh hoạt", "mất nước", "thiếu nước", "nước máy"],
    ),
    (
        "water_power.power",
        "Điện sinh hoạt",
        "Electricity",
        ["mất điện", "cúp điện", "điện sinh hoạt", "lưới điện", "giá điện", "tiền điện"],
    ),
    (
        "land",
        "Đất đai, xây dựng",
        "Land and building",
        ["đất đai", "quyền sử dụng đất", "quy hoạch"],
    ),
    (
        "land.compensation",
        "Bồi thường, giải phóng mặt bằng",
        "Compensation and site clearance",
        ["đền bù", "bồi thường", "giải phóng mặt bằng", "thu hồi đất", "tái định cư"],
    ),
    (
        "land.disputes",
        "Tranh chấp, lấn chiếm đất đai",
        "Land disputes and encroachment",
        ["tranh chấp đất", "lấn chiếm", "ranh giới đất", "mốc giới"],
    ),
    (
        "land.certificates",
        "Cấp giấy chứng nhận quyền sử dụng đất",
        "Land-use certificates",
        [
            "sổ đỏ",
            "sổ hồng",
            "giấy chứng nhận quyền sử dụng đất",
            "cấp giấy chứng nhận",
            "chuyển mục đích sử dụng đất",
        ],
    ),
    (
        "land.construction",
        "Trật tự xây dựng",
        "Building control",
        [
            "xây dựng trái phép",
            "xây dựng không phép",
            "xây dựng sai phép",
            "trật tự xây dựng",
            "giấy phép xây dựng",
        ],
    ),
    ("security", "An ninh, trật tự", "Security and public order", ["an ninh trật tự"]),
    (
        "security.order",
        "Trật tự công cộng, trộm cắp",
        "Public order and theft",
        ["gây rối", "đánh nhau", "trộm cắp", "mất trộm", "cờ bạc", "tụ tập"],
    ),
    (
        "security.drugs",
        "Ma túy, tệ nạn xã hội",
        "Drugs and social evils",
        ["ma túy", "nghiện hút", "tệ nạn xã hội", "mại dâm"],
    ),
    (
        "security.fraud",
        "Lừa đảo, tín dụng đen",
        "Fraud and loan sharks",
        ["lừa đảo", "tín dụng đen", "cho vay nặng lãi"],
    ),
    (
        "procedures",
        "Thủ tục hành chính",
        "Administrative procedures",
        ["thủ tục hành chính", "bộ phận một cửa", "dịch vụ công"],
    ),
    (
        "procedures.delay",
        "Chậm giải quyết hồ sơ",
        "Late handling of files",
        ["chậm giải quyết", "trễ hẹn", "chậm trễ", "hồ sơ bị trả lại"],
    ),
    (
        "procedures.conduct",
        "Thái độ, trách nhiệm của cán bộ",
        "Officials' conduct",
        [
            "hách dịch",
            "nhũng nhiễu",
            "gây phiền hà",
            "vòi vĩnh",
            "thái độ của cán bộ",
            "thái độ cán bộ",
        ],
    ),
    (
        "procedures.fees",
        "Phí, lệ phí, lạm thu",
        "Fees and overcharging",
        ["thu phí", "lệ phí", "lạm thu", "thu sai quy định"],
    ),
    ("social", "Chính sách xã hội", "Social policy", ["chính sách xã hội", "an sinh xã hội"]),
    (
        "social.poverty",
        "Hộ nghèo, bảo trợ xã hội",
        "Poor households and social assistance",
        ["hộ nghèo", "cận nghèo", "bảo trợ xã hội", "trợ cấp xã hội"],
    ),
    (
        "social.merit",
        "Chính sách người có công",
        "People with meritorious services",
        ["người có công", "thương binh", "liệt sĩ"],
    ),
    (
        "social.insurance",
        "Bảo hiểm y tế, bảo hiểm xã hội",
        "Health and social insurance",
        ["bảo hiểm y tế", "bảo hiểm xã hội", "bhyt", "bhxh", "lương hưu"],
    ),
    (
        "social.services",
        "Trường học, trạm y tế",
        "Schools and health stations",
        ["trường học", "học phí", "trạm y tế", "khám chữa bệnh"],
    ),
    (
        "democracy",
        "Thực hiện dân chủ, công khai, minh bạch",
        "Democracy and transparency",
        ["dân chủ", "minh bạch"],
    ),
    (
        "democracy.disclosure",
        "Công khai thông tin",
        "Disclosure of information",
        ["không công khai", "công khai thông tin", "niêm yết công khai"],
    ),
    (
        "democracy.contributions",
        "Huy động đóng góp của Nhân dân",
        "Residents' contributions",
        ["huy động đóng góp", "đóng góp xây dựng", "thu tiền đóng góp", "quỹ đóng góp"],
    ),
    (
        "democracy.consultation",
        "Lấy ý kiến, bàn bạc với Nhân dân",
        "Consulting residents",
        ["không lấy ý kiến", "không được bàn", "không họp dân"],
    ),
    ("other", "Khác", "Other", []),
]
