"""The two questionnaires Coso ships: SIPAS elements and PAPI sub-dimensions
(coso/surveys/catalogue.py; their wording is Coso's own, as each note says)."""

from django.db import migrations


def load(apps, schema_editor):
    from coso.surveys.catalogue import shipped

    Questionnaire = apps.get_model("surveys", "Questionnaire")
    for data in shipped():
        Questionnaire.objects.get_or_create(
            code=data["code"], version=data["version"], defaults=data
        )


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
