"""A secret round publishes a village's counts only from a minimum number of households
(`vote.secret.min_group`, Coso's policy to keep the ballot secret; its note says why)."""

from django.db import migrations


def load(apps, schema_editor):
    from coso.rules.loader import load_catalogue

    load_catalogue(apps.get_model("rules", "Rule"))


class Migration(migrations.Migration):
    dependencies = [("rules", "0006_law_as_it_stands_from_2026_07_01")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
