from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "fazhi.disclosure"
    label = "disclosure"
    verbose_name = "政务公开"

    def ready(self):
        from fazhi.core import demo as core_demo
        from fazhi.core import worklist

        from . import demo, gio, indicators, ledger, passages, procedure, queries  # noqa: F401 — registers rules, indicators, passages, the importer and the report
        from .services import publication

        core_demo.register(demo.load)
        worklist.register(queries.worklist_rows)
        worklist.register(publication.worklist_rows)
        worklist.register_subject(
            "disclosure.disclosurerequest",
            "依申请公开",
            "disclosure:request",
            self.get_model("DisclosureRequest"),
        )
        worklist.register_subject(
            "disclosure.annualreport",
            "政务公开年报",
            "disclosure:gio-report-clock",
            self.get_model("AnnualReport"),
        )
        worklist.register_subject(
            "disclosure.publicationitem",
            "主动公开",
            "disclosure:item",
            self.get_model("PublicationItem"),
        )
