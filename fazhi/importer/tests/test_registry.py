"""Imported figures in the indicator registry: source 导入 with their quote and place, only for
those who may read the import; figures of records are printed exactly as before."""

import pytest

from fazhi.core import indicators as registry
from fazhi.core.indicators import Figure, Source
from fazhi.core.models import Level, Org
from fazhi.importer import services

from .files import REPORT_LINES, text_file

pytestmark = pytest.mark.django_db


def test_a_records_figure_prints_as_it_always_did():
    assert Figure("disclosure.requests_received", 3, "件").as_json() == {
        "key": "disclosure.requests_received",
        "value": 3,
        "unit": "件",
    }
    assert Figure("normdocs.issued", None, "件", "待接入").as_json() == {
        "key": "normdocs.issued",
        "value": None,
        "unit": "件",
        "missing": "待接入",
    }


def test_an_imported_figure_prints_its_source_and_quote():
    figure = Figure(
        "mediation.cases", 12, "件", source=Source.IMPORTED, quote="调解纠纷12件", link="/imports/1/"
    )
    assert figure.as_json() == {
        "key": "mediation.cases",
        "value": 12,
        "unit": "件",
        "source": "imported",
        "quote": "调解纠纷12件",
    }


def test_the_importer_is_a_registered_provider():
    assert services.imported_figures in registry.IMPORTED_PROVIDERS


@pytest.fixture
def town(tree):
    return Org.objects.create(code="SL-C", name="丙镇人民政府", level=Level.TOWNSHIP, parent=tree["city"])


def import_text(people, tree, name, lines):
    return services.import_upload(
        tree["city"], text_file(name, "\n".join(lines)), user=people["supervisor"]
    ).report


def test_the_latest_report_of_a_unit_and_year_gives_its_figures_corrected_where_corrected(people, tree, town):
    older = import_text(people, tree, "旧.txt", [*REPORT_LINES, "（初稿）"])
    report = import_text(people, tree, "丙镇.txt", REPORT_LINES)
    assert older.unit == report.unit == town
    answered = report.figures.get(key="disclosure.requests_answered")
    services.correct(answered, 10, "原文有误", user=people["supervisor"])
    found = registry.imported_figures([town.pk, tree["own"].pk], 2025, people["supervisor"])
    assert set(found) == {town.pk}
    figures = found[town.pk]
    received = figures["disclosure.requests_received"]
    assert (received.value, received.unit, received.source) == (12, "件", Source.IMPORTED)
    assert received.quote == "政府信息公开申请12件"
    assert received.link == services.figure_link(report.figures.get(key="disclosure.requests_received"))
    assert figures["disclosure.requests_answered"].value == 10
    assert registry.imported_figures([town.pk], 2024, people["supervisor"]) == {}


def test_only_a_reader_of_the_import_gets_its_figures(people, tree, town):
    import_text(people, tree, "丙镇.txt", REPORT_LINES)
    assert registry.imported_figures([town.pk], 2025, people["admin"]).keys() == {town.pk}
    for persona in ("clerk", "sibling"):
        assert registry.imported_figures([town.pk], 2025, people[persona]) == {}
    assert registry.imported_figures([town.pk], 2025, None) == {}
