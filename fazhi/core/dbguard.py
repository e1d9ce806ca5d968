"""The database-level guard that keeps the audit table append-only.

Installed by migration 0002; lifted only by `flush` (which empties every table on purpose),
since SQLite's flush deletes rows where PostgreSQL's truncates.
"""

GUARD = {
    "postgresql": (
        [
            "CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION '审计记录只能追加，不能修改或删除'; END; $$ LANGUAGE plpgsql",
            "CREATE TRIGGER core_auditevent_append_only BEFORE UPDATE OR DELETE ON core_auditevent "
            "FOR EACH ROW EXECUTE FUNCTION core_auditevent_append_only()",
        ],
        [
            "DROP TRIGGER IF EXISTS core_auditevent_append_only ON core_auditevent",
            "DROP FUNCTION IF EXISTS core_auditevent_append_only()",
        ],
    ),
    "sqlite": (
        [
            "CREATE TRIGGER core_auditevent_no_update BEFORE UPDATE ON core_auditevent "
            "BEGIN SELECT RAISE(ABORT, '审计记录只能追加，不能修改'); END",
            "CREATE TRIGGER core_auditevent_no_delete BEFORE DELETE ON core_auditevent "
            "BEGIN SELECT RAISE(ABORT, '审计记录不能删除'); END",
        ],
        [
            "DROP TRIGGER IF EXISTS core_auditevent_no_update",
            "DROP TRIGGER IF EXISTS core_auditevent_no_delete",
        ],
    ),
}


def install(connection) -> None:
    _run(connection, GUARD.get(connection.vendor, ([], []))[0])


def remove(connection) -> None:
    _run(connection, GUARD.get(connection.vendor, ([], []))[1])


def _run(connection, statements) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
