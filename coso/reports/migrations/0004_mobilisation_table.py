from django.db import migrations

TITLE = "Đối thoại, tiếp xúc và thực hiện cam kết với Nhân dân"
TABLE = {
    "title": TITLE,
    "indicators": [
        "dialogues.held",
        "dialogues.met_share",
        "voters.meetings",
        "meetings.questions",
        "meetings.answered",
        "followups.made",
        "followups.done",
        "followups.on_time_share",
        "followups.overdue",
        "visits.held",
    ],
}


def forwards(apps, schema_editor):
    ReportType = apps.get_model("reports", "ReportType")
    for report_type in ReportType.objects.all():
        if not any(t["title"] == TITLE for t in report_type.tables):
            report_type.tables.insert(len(report_type.tables) - 1, TABLE)
            report_type.save(update_fields=["tables"])


def backwards(apps, schema_editor):
    ReportType = apps.get_model("reports", "ReportType")
    for report_type in ReportType.objects.all():
        report_type.tables = [t for t in report_type.tables if t["title"] != TITLE]
        report_type.save(update_fields=["tables"])


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_span_from_and_reception_share")]

    operations = [migrations.RunPython(forwards, backwards)]
