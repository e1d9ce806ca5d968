from django.apps import AppConfig


class NormdocsConfig(AppConfig):
    name = "fazhi.normdocs"
    label = "normdocs"
    verbose_name = "规范性文件"

    def ready(self):
        from fazhi.core import demo as core_demo
        from fazhi.core import notices, worklist

        from . import demo, importer, indicators, procedure, queries, reminders  # noqa: F401 — registers rules, indicators, importer

        core_demo.register(demo.load)
        for reminder in reminders.REMINDERS:
            notices.register_reminder(reminder)
        worklist.register(queries.worklist_rows)
        worklist.register_subject(
            "normdocs.document", "规范性文件", "normdocs:detail", self.get_model("Document")
        )
        worklist.register_subject(
            "normdocs.legalityreview", "合法性审核", "normdocs:review", self.get_model("LegalityReview")
        )
