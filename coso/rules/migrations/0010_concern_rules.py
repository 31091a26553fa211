"""Hotspots and warnings (issue 21): when records on one topic make a hotspot, and
when the figures warn of democracy not practised (coso/rules/catalogue/concerns.py)."""

from django.db import migrations


def load(apps, schema_editor):
    from coso.rules.loader import load_catalogue

    load_catalogue(apps.get_model("rules", "Rule"))


class Migration(migrations.Migration):
    dependencies = [("rules", "0009_measurement_rules")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
