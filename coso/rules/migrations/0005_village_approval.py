"""GDL art. 21(1): a commune-wide matter of items 1–2 of art. 15 also needs the approval
of a share of the commune's villages and residential groups (`vote.approval.villages`)."""

from django.db import migrations


def load(apps, schema_editor):
    from coso.rules.loader import load_catalogue

    load_catalogue(apps.get_model("rules", "Rule"))


class Migration(migrations.Migration):
    dependencies = [("rules", "0004_law_136_2025")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
