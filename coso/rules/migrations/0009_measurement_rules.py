"""The rules of measurement (issue 20): minimum samples, the participation index's
formula, the criteria of a per-case rating (coso/rules/catalogue/measure.py)."""

from django.db import migrations


def load(apps, schema_editor):
    from coso.rules.loader import load_catalogue

    load_catalogue(apps.get_model("rules", "Rule"))


class Migration(migrations.Migration):
    dependencies = [("rules", "0008_secret_round_board_threshold")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
