"""PostgreSQL: the tsvector stored beside the tokens (a generated column) and the GIN index on
it, so a match is not recomputed from the text on every heap row (a recheck of a lossy
bitmap, or a scan in id order for a very common word, read it as it is)."""

from django.db import migrations

POSTGRES = [
    "ALTER TABLE normdocs_searchentry ADD COLUMN tsv tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', tokens)) STORED",
    "DROP INDEX IF EXISTS normdocs_search_tsv",
    "CREATE INDEX normdocs_search_tsv ON normdocs_searchentry USING gin (tsv)",
]
POSTGRES_UNDO = [
    "DROP INDEX IF EXISTS normdocs_search_tsv",
    "ALTER TABLE normdocs_searchentry DROP COLUMN tsv",
    "CREATE INDEX normdocs_search_tsv ON normdocs_searchentry USING gin (to_tsvector('simple', tokens))",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("normdocs", "0003_library_order")]

    operations = [migrations.RunPython(_run(POSTGRES), _run(POSTGRES_UNDO))]
