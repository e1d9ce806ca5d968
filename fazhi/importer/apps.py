from django.apps import AppConfig


class ImporterConfig(AppConfig):
    name = "fazhi.importer"
    verbose_name = "年度报告导入"

    def ready(self):
        from fazhi.core.indicators import register_imported

        from .services import imported_figures

        register_imported(imported_figures)
