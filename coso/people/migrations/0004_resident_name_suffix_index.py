"""On PostgreSQL, residents' folded names indexed so that a search reads its matches
only: by their start, and by their suffixes, instead of by their trigrams.

A text contains a piece when it starts with it, or when one of its suffixes from the
second character on starts with it. The first is a range of a btree on the name, which
holds the household too, so the search never leaves the index ("nguyen van h": the
names that start so, nothing else). The second is a prefix query on the suffixes (a
tsvector of them, GIN-indexed: the index finds the few distinct suffixes in the range,
then their rows). The trigram index they replace has to intersect the long row lists of
trigrams as common as "ngu", "van" and " h" to find the same rows, a cost that grows
with the table. Suffixes starting with a space are left out: a searched piece is
folded, so it never starts with one.
"""

from django.db import migrations

SUFFIXES = """
CREATE OR REPLACE FUNCTION people_name_suffixes(name text) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT array_to_tsvector(ARRAY(
        SELECT substr(name, i) FROM generate_series(2, length(name)) AS i
        WHERE substr(name, i, 1) <> ' '
    ))
$$
"""
FORWARD = (
    SUFFIXES,
    # Django's startswith reads "search_name"::text LIKE 'piece%'.
    "CREATE INDEX IF NOT EXISTS resident_search_name_start"
    " ON people_resident (search_name varchar_pattern_ops) INCLUDE (household_id)",
    "CREATE INDEX IF NOT EXISTS resident_search_name_suffix"
    " ON people_resident USING gin (people_name_suffixes(search_name))",
    "DROP INDEX IF EXISTS resident_search_name_trgm",
)
BACKWARD = (
    "CREATE INDEX IF NOT EXISTS resident_search_name_trgm"
    " ON people_resident USING gin (search_name gin_trgm_ops)",
    "DROP INDEX IF EXISTS resident_search_name_start",
    "DROP INDEX IF EXISTS resident_search_name_suffix",
    "DROP FUNCTION IF EXISTS people_name_suffixes(text)",
)


def on_postgresql(statements):
    """SQLite reads the folded column with LIKE, as before: no index to make there."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("people", "0003_resident_search_name")]
    operations = [migrations.RunPython(on_postgresql(FORWARD), on_postgresql(BACKWARD))]
