from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "fazhi.decisions"
    label = "decisions"
    verbose_name = "重大行政决策"

    def ready(self):
        from fazhi.core import consultation, worklist
        from fazhi.core import demo as core_demo

        from . import demo, indicators, procedure, queries  # noqa: F401 — registers rules, indicators, passages

        core_demo.register(demo.load)
        worklist.register(queries.worklist_rows)
        worklist.register_subject(
            "decisions.decision", "重大决策", "decisions:detail", self.get_model("Decision")
        )
        worklist.register_subject(  # its clock's notices and 期限预警 rows link to it
            "decisions.evaluation", "决策后评估", "decisions:evaluation", self.get_model("Evaluation")
        )
        consultation.register_citation("decisions.decision", procedure.PARTICIPATION)
