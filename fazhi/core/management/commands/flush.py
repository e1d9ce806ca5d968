"""Django's flush, aware of the audit guard: lifted for the flush, put back after it.

The working-day calendar that the flush empties is seeded again by the post_migrate
handler in `fazhi.core.apps` (flush emits post_migrate).
"""

from django.core.management.commands import flush
from django.db import connections

from fazhi.core import dbguard


class Command(flush.Command):
    def handle(self, **options):
        connection = connections[options["database"]]
        dbguard.remove(connection)
        try:
            return super().handle(**options)
        finally:
            dbguard.install(connection)
