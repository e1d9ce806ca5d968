from django.apps import AppConfig


class ImporterConfig(AppConfig):
    name = "fazhi.importer"
    verbose_name = "年度报告导入"
