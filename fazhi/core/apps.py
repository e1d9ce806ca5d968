from django.apps import AppConfig
from django.db.models.signals import post_migrate


def seed_calendar_if_empty(sender, using="default", **kwargs):
    """A database emptied by `flush` gets the shipped calendar back (migrations seed it first)."""
    from fazhi.core import holidays
    from fazhi.core.models import CalendarDay

    if not CalendarDay.objects.using(using).exists():
        holidays.seed()


class CoreConfig(AppConfig):
    name = "fazhi.core"
    label = "core"
    verbose_name = "核心"

    def ready(self):
        post_migrate.connect(seed_calendar_if_empty, sender=self)
