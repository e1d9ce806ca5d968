"""The full-text index over SearchEntry.tokens (see search.py): an FTS5 table kept equal by
triggers on SQLite, a GIN index over to_tsvector('simple', tokens) on PostgreSQL."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE normdocs_fts USING fts5(tokens)",
    "CREATE TRIGGER normdocs_fts_ai AFTER INSERT ON normdocs_searchentry BEGIN "
    "INSERT INTO normdocs_fts(rowid, tokens) VALUES (new.document_id, new.tokens); END",
    "CREATE TRIGGER normdocs_fts_ad AFTER DELETE ON normdocs_searchentry BEGIN "
    "DELETE FROM normdocs_fts WHERE rowid = old.document_id; END",
    "CREATE TRIGGER normdocs_fts_au AFTER UPDATE ON normdocs_searchentry BEGIN "
    "DELETE FROM normdocs_fts WHERE rowid = old.document_id; "
    "INSERT INTO normdocs_fts(rowid, tokens) VALUES (new.document_id, new.tokens); END",
]
SQLITE_UNDO = [
    "DROP TRIGGER normdocs_fts_au",
    "DROP TRIGGER normdocs_fts_ad",
    "DROP TRIGGER normdocs_fts_ai",
    "DROP TABLE normdocs_fts",
]
POSTGRES = [
    "CREATE INDEX normdocs_search_tsv ON normdocs_searchentry USING gin (to_tsvector('simple', tokens))"
]
POSTGRES_UNDO = ["DROP INDEX normdocs_search_tsv"]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("normdocs", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_UNDO, "postgresql": POSTGRES_UNDO}),
        )
    ]
