from django.db import migrations


def load(apps, schema_editor):
    from coso.rules.loader import load_catalogue

    load_catalogue(apps.get_model("rules", "Rule"))


class Migration(migrations.Migration):
    dependencies = [("rules", "0002_load_legal_rules")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
