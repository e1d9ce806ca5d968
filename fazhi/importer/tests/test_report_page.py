"""The report page: the original text whole and escaped, every figure marked around exactly its
quote, the parts outlined, the warnings at their places; corrections kept and audited; the
comparison of all reports and its Excel file carrying the stored values."""

import html
import io
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook

from fazhi.core.models import AuditEvent, EventKind
from fazhi.importer import services
from fazhi.importer.models import ImportedFigure, ImportedReport

from .conftest import SEEDS
from .files import REPORT_LINES, seed_file, text_file

pytestmark = pytest.mark.django_db
ALL_SEEDS = sorted(p.name[:3] for p in SEEDS.glob("*.txt"))


class Document(HTMLParser):
    """The text of div.doc-text (one line per paragraph, labels left out) and the text inside
    each <mark id=...>, nested marks included."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside div.doc-text
        self.skip = 0  # inside a part label
        self.lines: list[str] = []
        self.marks: dict[str, str] = {}
        self.open: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "div" and "doc-text" in classes:
            self.depth = 1
        elif self.depth and tag == "div":
            self.depth += 1
            self.skip += "part-label" in classes
        elif self.depth and tag == "p":
            self.lines.append("")
        elif self.depth and tag == "mark":
            self.open.append(attrs.get("id"))
            if attrs.get("id"):
                self.marks[attrs["id"]] = ""

    def handle_endtag(self, tag):
        if self.depth and tag == "div":
            self.depth -= 1
            self.skip = 0
        elif self.depth and tag == "mark":
            self.open.pop()

    def handle_data(self, data):
        if not self.depth or self.skip:
            return
        self.lines[-1] += data
        for mark in self.open:
            if mark:
                self.marks[mark] += data


def read(page: str) -> Document:
    document = Document()
    document.feed(page)
    return document


def imported(people, tree, file) -> ImportedReport:
    outcome = services.import_upload(tree["city"], file, user=people["supervisor"])
    assert not outcome.error, outcome.error
    return outcome.report


@pytest.fixture
def supervisor(login, people):
    return login(people["supervisor"])


@pytest.mark.parametrize("number", ALL_SEEDS)
def test_every_figure_of_the_seed_is_marked_around_exactly_its_quote(supervisor, people, tree, number):
    report = imported(people, tree, seed_file(number))
    document = read(supervisor.get(f"/imports/{report.pk}/").content.decode())
    assert "\n".join(document.lines) == report.text
    figures = list(report.figures.all())
    assert figures
    for figure in figures:
        assert document.marks[f"fig-{figure.pk}"] == figure.quote == report.text[figure.start : figure.end]


def test_the_text_is_escaped_everywhere_else(supervisor, people, tree):
    lines = [
        *REPORT_LINES[:2],
        "<script>alert('法治')</script> & 共收到政府信息公开申请12件 <b>",
        *REPORT_LINES[3:],
    ]
    report = imported(people, tree, text_file("丙镇.txt", "\n".join(lines)))
    page = supervisor.get(f"/imports/{report.pk}/").content.decode()
    assert (
        "<script>alert" not in page and "&lt;script&gt;alert(&#x27;法治&#x27;)&lt;/script&gt; &amp;" in page
    )
    assert "\n".join(read(page).lines) == report.text


def test_present_parts_link_to_their_place_and_missing_ones_are_flagged(supervisor, people, tree):
    report = imported(people, tree, seed_file("002"))  # no 第一责任人 part, no 其他
    page = supervisor.get(f"/imports/{report.pk}/").content.decode()
    for part in ("measures", "shortcomings", "next_year_plan"):
        assert f'href="#part-{part}"' in page and f'id="part-{part}"' in page
    assert page.count('<span class="tag warn">未找到</span>') == 1  # first_responsible
    assert '党政主要负责人履行推进法治建设第一责任人职责情况</span> <span class="tag warn">未找到' in page


def test_each_warning_with_a_place_links_to_an_anchor_there(supervisor, people, tree):
    report = imported(people, tree, seed_file("000"))  # garbled passages, a contradiction
    page = supervisor.get(f"/imports/{report.pk}/").content.decode()
    placed = [n for n, w in enumerate(report.warnings) if w.get("start") is not None]
    assert placed
    for n in placed:
        assert f'href="#warn-{n}"' in page and f'id="warn-{n}"' in page
    assert html.escape(report.warnings[placed[0]]["message"]) in page
    assert "文字乱码" in page and "数字矛盾" in page


def test_a_chosen_figure_shows_its_key_name_value_unit_and_quote(supervisor, people, tree):
    report = imported(people, tree, seed_file("002"))
    figure = report.figures.get(key="meetings.executive")
    page = supervisor.get(f"/imports/{report.pk}/?figure={figure.pk}").content.decode()
    detail = page.split(f'id="detail-{figure.pk}"')[1].split('<div class="fig-detail"')[0]
    assert "hidden" not in detail.split(">")[0]
    assert "政府常务会议" in detail and "<code>meetings.executive</code>" in detail
    assert '20<span class="muted">次</span>' in detail and "常务会议20次" in detail


def test_a_registered_key_is_named_as_the_indicator_registry_names_it(supervisor, people, tree):
    report = imported(people, tree, seed_file("004"))
    figure = report.figures.filter(key="disclosure.requests_received").first()
    page = supervisor.get(f"/imports/{report.pk}/?figure={figure.pk}").content.decode()
    assert "本年新收政府信息公开申请数量" in page


def correct(client, figure, value, reason="原文此处为受理数"):
    url = f"/imports/{figure.report_id}/figures/{figure.pk}/correct/"
    return client.post(url, {"value": value, "reason": reason}, follow=True)


def test_a_correction_is_kept_beside_the_extraction_audited_and_shown(supervisor, people, tree):
    report = imported(people, tree, seed_file("002"))
    figure = report.figures.get(key="meetings.executive")
    response = correct(supervisor, figure, "21")
    figure.refresh_from_db()
    assert figure.value == 20 and figure.corrected_value == 21 and figure.value_used == 21
    assert figure.correction_reason == "原文此处为受理数" and figure.corrected_by == people["supervisor"]
    event = AuditEvent.objects.get(subject_type="importer.importedfigure", subject_id=figure.pk)
    assert event.kind == EventKind.EDITED and event.chain == tree["city"].pk
    assert event.data["before"] == {"value": 20, "corrected_value": None, "reason": ""}
    assert event.data["after"] == {"value": 21, "corrected_value": 21, "reason": "原文此处为受理数"}
    assert event.data["quote"] == "常务会议20次" and event.data["fields"]["reason"] == "原文此处为受理数"
    page = response.content.decode()
    assert "已更正“政府常务会议”：20 → 21次。" in page
    assert "<s>20次</s>" in page and f'class="fig corrected" id="fig-{figure.pk}"' in page
    assert "更正数字：政府常务会议 20 → 21次" in page  # the audit trail on the page


def test_a_correction_needs_a_number_and_a_reason(supervisor, people, tree):
    report = imported(people, tree, seed_file("002"))
    figure = report.figures.get(key="meetings.executive")
    for value, reason in (("二十一", "理由"), ("21", ""), ("-1", "理由")):
        page = correct(supervisor, figure, value, reason).content.decode()
        assert "请检查" in page or "更正" in page
    figure.refresh_from_db()
    assert figure.corrected_value is None
    assert not AuditEvent.objects.filter(subject_type="importer.importedfigure").exists()


def test_withdrawing_a_correction_restores_the_extraction_and_is_audited(supervisor, people, tree):
    report = imported(people, tree, seed_file("002"))
    figure = report.figures.get(key="meetings.executive")
    correct(supervisor, figure, "21")
    url = f"/imports/{report.pk}/figures/{figure.pk}/withdraw/"
    supervisor.post(url, {"reason": "核对后原文无误"})
    figure.refresh_from_db()
    assert figure.corrected_value is None and figure.value_used == 20
    last = AuditEvent.objects.filter(subject_id=figure.pk, subject_type="importer.importedfigure").last()
    assert last.data["before"]["value"] == 21 and last.data["after"]["value"] == 20
    assert last.data["fields"]["reason"] == "核对后原文无误"


def test_the_unit_and_year_can_be_set_by_hand_and_the_change_is_audited(supervisor, people, tree):
    report = imported(people, tree, seed_file("004"))
    supervisor.post(f"/imports/{report.pk}/assign/", {"unit": tree["sibling"].pk, "year": 2024})
    report.refresh_from_db()
    assert report.unit == tree["sibling"] and report.year == 2024
    event = AuditEvent.objects.filter(subject_type="importer.importedreport", subject_id=report.pk).last()
    assert event.data["before"] == {"unit": None, "year": 2024}
    assert event.data["after"] == {"unit": "乙局", "year": 2024}


def test_a_unit_outside_the_importing_office_cannot_be_assigned(supervisor, people, tree):
    from fazhi.core.models import Level, Org

    elsewhere = Org.objects.create(code="XX", name="他市人民政府", level=Level.CITY)
    report = imported(people, tree, seed_file("004"))
    supervisor.post(f"/imports/{report.pk}/assign/", {"unit": elsewhere.pk, "year": 2024})
    report.refresh_from_db()
    assert report.unit is None


def test_the_comparison_shows_every_report_side_by_side_with_corrections_marked(supervisor, people, tree):
    first = imported(people, tree, seed_file("001"))
    second = imported(people, tree, seed_file("002"))
    corrected = second.figures.get(key="meetings.executive")
    correct(supervisor, corrected, "21")
    page = supervisor.get("/imports/compare/").content.decode()
    for report in (first, second):
        assert f'href="/imports/{report.pk}/"' in page
        for figure in report.figures.all():
            assert f'href="/imports/{report.pk}/?figure={figure.pk}#fig-{figure.pk}"' in page
    assert '>21</a><sup class="corr" title="已更正">更正</sup>' in page
    assert page.index("行政复议收案") < page.index("政府常务会议")  # the vocabulary's order


def test_the_comparison_can_be_narrowed_to_a_year(supervisor, people, tree):
    imported(people, tree, seed_file("001"))  # 2020
    second = imported(people, tree, seed_file("002"))  # 2022
    page = supervisor.get("/imports/compare/?year=2022").content.decode()
    assert f'href="/imports/{second.pk}/"' in page and "梧州" not in page


def test_the_comparison_in_excel_carries_the_stored_values(supervisor, people, tree):
    reports = [imported(people, tree, seed_file(n)) for n in ("001", "002")]
    correct(supervisor, reports[1].figures.get(key="meetings.executive"), "21")
    response = supervisor.get("/imports/compare.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    head = rows[0]
    assert head[:3] == ("指标代码", "指标", "计量单位")
    columns = {r.pk: head.index(f"{r.unit_label}（{r.year}）") for r in reports}
    table = rows[1 : rows.index((None,) * len(head))] if (None,) * len(head) in rows else rows[1:]
    by_key = {row[0]: row for row in table}
    for report in reports:
        figures = list(ImportedFigure.objects.filter(report=report).order_by("start", "pk"))
        for key in {f.key for f in figures}:
            values = [f.shown_value for f in figures if f.key == key]
            cell = by_key[key][columns[report.pk]]
            assert cell == (values[0] if len(values) == 1 else "、".join(str(v) for v in values))
    assert by_key["meetings.executive"][columns[reports[1].pk]] == 21
    assert any(row and row[0] == "注：以下数字已人工更正，表中为更正后的数值" for row in rows)
