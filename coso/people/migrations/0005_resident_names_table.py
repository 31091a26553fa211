"""On PostgreSQL, the suffix index reads the distinct names instead of every resident.

A name search reads the names that contain the piece past their first character
(people migration 0004), then the residents who bear them. Residents repeat a few
names over and over (17,340 distinct names among 1,027,076 residents of a seeded
province), so the suffix index is kept over `people_name`, one row per distinct folded
name, and the residents bearing the names found are read from the names' prefix index
(`resident_search_name_start`, which holds the household too). The index is two
orders of magnitude smaller, and building it no longer dominates a bulk load
(`coso seed`): the suffixes of a million residents took longer to index than the
residents took to load.

`people_name` is kept by statement triggers on the residents' table: each insert or
update adds the names its rows bear that are not there yet (COPY fires them too). A
name nobody bears any more stays: it finds no resident, so it changes no answer.
"""

from django.db import migrations

FORWARD = (
    "CREATE TABLE IF NOT EXISTS people_name (name varchar(150) PRIMARY KEY)",
    "INSERT INTO people_name SELECT DISTINCT search_name FROM people_resident"
    " ON CONFLICT DO NOTHING",
    "CREATE INDEX IF NOT EXISTS people_name_suffix"
    " ON people_name USING gin (people_name_suffixes(name))",
    """
CREATE OR REPLACE FUNCTION people_name_keep() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO people_name SELECT DISTINCT search_name FROM named
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$
""",
    # A trigger with a transition table cannot name its columns (UPDATE OF): every
    # update of residents reads its rows' names, which the primary key turns away.
    "CREATE TRIGGER people_name_on_insert AFTER INSERT ON people_resident"
    " REFERENCING NEW TABLE AS named FOR EACH STATEMENT EXECUTE FUNCTION people_name_keep()",
    "CREATE TRIGGER people_name_on_update AFTER UPDATE ON people_resident"
    " REFERENCING NEW TABLE AS named FOR EACH STATEMENT EXECUTE FUNCTION people_name_keep()",
    "DROP INDEX IF EXISTS resident_search_name_suffix",
)
BACKWARD = (
    "CREATE INDEX IF NOT EXISTS resident_search_name_suffix"
    " ON people_resident USING gin (people_name_suffixes(search_name))",
    "DROP TRIGGER IF EXISTS people_name_on_insert ON people_resident",
    "DROP TRIGGER IF EXISTS people_name_on_update ON people_resident",
    "DROP FUNCTION IF EXISTS people_name_keep()",
    "DROP TABLE IF EXISTS people_name",
)


def on_postgresql(statements):
    """SQLite reads the folded column with LIKE, as before: nothing to make there."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("people", "0004_resident_name_suffix_index")]
    operations = [migrations.RunPython(on_postgresql(FORWARD), on_postgresql(BACKWARD))]
