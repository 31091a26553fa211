"""A secret round opened encrypted needs more than half of its counting board to
decrypt its totals (`vote.secret.threshold`, Coso's policy; its note says why)."""

from django.db import migrations


def load(apps, schema_editor):
    from coso.rules.loader import load_catalogue

    load_catalogue(apps.get_model("rules", "Rule"))


class Migration(migrations.Migration):
    dependencies = [("rules", "0007_secret_round_minimum_group")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
