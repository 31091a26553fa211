"""The rulebook as the law stands since 1 July 2026 (Law 136/2025/QH15, Decrees
154–156/2026/NĐ-CP): new versions of the commune chair's reception days and of the
period to accept a complaint, the suspension of a complaint's resolution; corrected
citations and dates of effect (Decrees 59 and 61 of 2023; GDL as amended by Laws
47/2024/QH15 and 97/2025/QH15), and each GDL rule's Law 97/2025/QH15 status."""

from django.db import migrations


def forwards(apps, schema_editor):
    from coso.rules.loader import correct_catalogue, load_catalogue, load_revisions

    Rule = apps.get_model("rules", "Rule")
    load_catalogue(Rule)
    correct_catalogue(Rule)
    load_revisions(Rule)


class Migration(migrations.Migration):
    dependencies = [("rules", "0005_village_approval")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
