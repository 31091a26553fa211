from django.db import migrations

TABLES = [
    {
        "title": "Công khai thông tin (dân biết)",
        "indicators": [
            "disclosures.made",
            "disclosures.late",
            "disclosures.taken_down_early",
            "disclosures.categories_missing",
        ],
    },
    {
        "title": "Nhân dân bàn và quyết định",
        "indicators": [
            "decisions.decided",
            "decisions.passed",
            "decisions.fallbacks",
            "decisions.turnout",
        ],
    },
    {
        "title": "Tiếp công dân, giải quyết phản ánh, kiến nghị, khiếu nại, tố cáo",
        "indicators": [
            "petitions.received",
            "petitions.resolved",
            "petitions.resolved_on_time",
            "petitions.on_time_share",
            "petitions.overdue",
            "reception.sessions",
        ],
    },
    {"title": "Hộ gia đình, nhân khẩu", "indicators": ["people.households", "people.residents"]},
]
SECTIONS = [
    {"key": "results", "title": "Kết quả đạt được"},
    {"key": "shortcomings", "title": "Hạn chế, nguyên nhân"},
    {"key": "lessons", "title": "Bài học kinh nghiệm"},
    {"key": "tasks", "title": "Nhiệm vụ, giải pháp thời gian tới"},
    {"key": "recommendations", "title": "Kiến nghị, đề xuất"},
]
LEVELS = [{"level": "commune", "due_days": 10}, {"level": "province", "due_days": 20}]
TYPES = [
    ("so-ket-6-thang", "Báo cáo sơ kết 6 tháng thực hiện dân chủ ở cơ sở", "half", 1),
    ("tong-ket-nam", "Báo cáo tổng kết năm thực hiện dân chủ ở cơ sở", "year", 1),
    (
        "tong-ket-5-nam-kl120",
        "Báo cáo tổng kết 5 năm thực hiện Kết luận số 120-KL/TW",
        "span",
        5,
    ),
]


def create(apps, schema_editor):
    ReportType = apps.get_model("reports", "ReportType")
    for code, title, kind, years in TYPES:
        ReportType.objects.update_or_create(
            code=code,
            defaults={
                "title": title,
                "basis": "Kết luận số 120-KL/TW ngày 07/01/2016; Luật Thực hiện dân chủ ở cơ sở",
                "kind": kind,
                "span_years": years,
                "levels": LEVELS,
                "tables": TABLES,
                "sections": SECTIONS,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_indicators_and_reports")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
