"""The periodic report tells what residents raised, the hotspots and the warnings of
democracy not practised (issue 21), before its last table."""

from django.db import migrations

TITLE = "Nắm tình hình Nhân dân: ý kiến, kiến nghị, điểm nóng và cảnh báo"
TABLE = {
    "title": TITLE,
    "indicators": [
        "concerns.households",
        "concerns.records",
        "hotspots.opened",
        "hotspots.open",
        "warnings.opened",
        "warnings.open",
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
    dependencies = [("reports", "0006_figure_touches")]

    operations = [migrations.RunPython(forwards, backwards)]
