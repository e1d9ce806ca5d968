from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "fazhi.supervision"
    label = "supervision"
    verbose_name = "督办"

    def ready(self):
        from fazhi.core import demo as core_demo
        from fazhi.core import worklist

        from . import demo, indicators, procedure, queries  # noqa: F401 — registers rules, indicators, passages

        core_demo.register(demo.load)
        worklist.register(queries.worklist_rows)
        worklist.register_subject(
            "supervision.supervisionitem", "督办", "supervision:detail", self.get_model("SupervisionItem")
        )
