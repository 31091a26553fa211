"""Residents' names folded for search (lower case, no diacritics), filled for the rows
already there; on PostgreSQL, trigram indexes so a substring search on names or on
household codes reads an index instead of every row of the unit."""

from django.db import migrations, models

from coso.core.text import fold

TRIGRAM_INDEXES = (
    "CREATE INDEX IF NOT EXISTS resident_search_name_trgm"
    " ON people_resident USING gin (search_name gin_trgm_ops)",
    # Django's icontains reads UPPER("code"::text) LIKE UPPER(%s) on PostgreSQL.
    "CREATE INDEX IF NOT EXISTS household_code_trgm"
    " ON people_household USING gin ((UPPER(code::text)) gin_trgm_ops)",
)


def fill_search_names(apps, schema_editor):
    Resident = apps.get_model("people", "Resident")
    last = 0
    while True:
        batch = list(Resident.objects.filter(pk__gt=last).order_by("pk").only("full_name")[:5000])
        if not batch:
            return
        for resident in batch:
            resident.search_name = fold(resident.full_name)
        Resident.objects.bulk_update(batch, ["search_name"])
        last = batch[-1].pk


def add_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite has no trigram index; the same LIKE reads the folded column
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for statement in TRIGRAM_INDEXES:
        schema_editor.execute(statement)


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS resident_search_name_trgm")
        schema_editor.execute("DROP INDEX IF EXISTS household_code_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_household_phone"),
    ]

    operations = [
        migrations.AddField(
            model_name="resident",
            name="search_name",
            field=models.CharField(default="", editable=False, max_length=150),
        ),
        migrations.RunPython(fill_search_names, migrations.RunPython.noop),
        migrations.RunPython(add_trigram_indexes, drop_trigram_indexes),
    ]
