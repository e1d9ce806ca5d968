from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "fazhi.reports"
    label = "reports"
    verbose_name = "法治政府建设年度报告"

    def ready(self):
        from fazhi.core import demo as core_demo
        from fazhi.core import worklist

        from . import annual, demo, procedure, queries  # noqa: F401 — registers the rules and the report

        core_demo.register(demo.load)
        worklist.register(queries.worklist_rows)

        worklist.register_subject(
            "reports.lawreport", "年度报告", "reports:detail", self.get_model("LawReport")
        )
