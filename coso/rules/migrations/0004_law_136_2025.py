"""Law 136/2025/QH15 (citizen reception, complaints, denunciations; from 1 July 2026):
the new rule on forms of citizen reception (online), and notes on the two reported
changes whose text could not be confirmed (the current values stay)."""

from django.db import migrations

NOTED = ("reception.commune.frequency", "complaint.first.resolve")


def forwards(apps, schema_editor):
    from coso.rules.catalogue import RULES
    from coso.rules.loader import load_catalogue

    Rule = apps.get_model("rules", "Rule")
    load_catalogue(Rule)
    notes = {code: note for code, *_rest, note in RULES if code in NOTED}
    for code, note in notes.items():
        Rule.objects.filter(code=code, effective_to__isnull=True).update(note=note)


class Migration(migrations.Migration):
    dependencies = [("rules", "0003_load_petition_rules")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
