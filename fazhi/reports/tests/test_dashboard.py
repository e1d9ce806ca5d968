"""The dashboard on a small dataset counted by hand; every figure opens onto its records.

number  unit    received     replied      published   (2025 unless said)
Q1      SL-A    2025-02-03   2025-02-20
Q2      SL-A    2025-03-03   —
Q3      SL-A1   2025-05-06   2025-05-20
Q4      SL-B    2025-06-03   2025-06-20
Q5      SL      2025-07-01   —                         the city's own (本级)
Q6      SL-A    2024-06-03   2024-06-20                last year
P1      SL-A                              2025-04-10
P2      SL-B                              2025-09-01
P3      SL-B                              2024-09-01   last year

2025, each unit with everything below it:
            新收  办结  主动公开
SL-A         3     2      1        (a clerk of SL-A, who reads SL-A only: 2, 1, 1)
SL-B         1     1      1
本级 SL      1     0      0
合计         5     3      2        2024: 新收 1, 主动公开 1
"""

import datetime
import html
import io
import re

import pytest
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from fazhi.conftest import make_user
from fazhi.core import indicators as registry
from fazhi.core.models import Level, Org
from fazhi.disclosure.models import DisclosureRequest, PublicationItem
from fazhi.reports import dashboard

D = datetime.date
YEAR = 2025
RECEIVED, ANSWERED, PUBLISHED = (
    "disclosure.requests_received",
    "disclosure.requests_answered",
    "disclosure.items_published",
)
PENDING_KEY = "enforcement.penalty_decisions"  # 待接入 until the 行政执法 system arrives

REQUESTS = [
    ("Q1", "own", D(2025, 2, 3), D(2025, 2, 20)),
    ("Q2", "own", D(2025, 3, 3), None),
    ("Q3", "child", D(2025, 5, 6), D(2025, 5, 20)),
    ("Q4", "sibling", D(2025, 6, 3), D(2025, 6, 20)),
    ("Q5", "city", D(2025, 7, 1), None),
    ("Q6", "own", D(2024, 6, 3), D(2024, 6, 20)),
]
ITEMS = [("P1", "own", D(2025, 4, 10)), ("P2", "sibling", D(2025, 9, 1)), ("P3", "sibling", D(2024, 9, 1))]

# (unit code, subtree) -> {key: 2025 figure}
EXPECTED = {
    ("SL-A", True): {RECEIVED: 3, ANSWERED: 2, PUBLISHED: 1},
    ("SL-B", True): {RECEIVED: 1, ANSWERED: 1, PUBLISHED: 1},
    ("SL", False): {RECEIVED: 1, ANSWERED: 0, PUBLISHED: 0},
    ("SL", True): {RECEIVED: 5, ANSWERED: 3, PUBLISHED: 2},
}


def make_request(org, number, received, replied):
    return DisclosureRequest.objects.create(
        org=org,
        number=number,
        channel="online",
        applicant_type="natural_person",
        applicant_name="申请人",
        description=f"申请内容{number}",
        received_on=received,
        replied_on=replied,
        state="replied" if replied else "handling",
        outcome="grant" if replied else "",
    )


def make_item(org, title, published):
    return PublicationItem.objects.create(
        org=org,
        title=title,
        category="announcement",
        body="…",
        formed_on=published - datetime.timedelta(days=3),
        state="published",
        published_on=published,
    )


@pytest.fixture
def dataset(tree, people):
    for number, org, received, replied in REQUESTS:
        make_request(tree[org], number, received, replied)
    for title, org, published in ITEMS:
        make_item(tree[org], title, published)
    return tree


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content.decode()[:500]
    return response


def shown(text: str, key: str, code: str, year: int = YEAR, subtree: bool = True) -> set[str]:
    """Every number the page shows as a link to the records of (key, org, year)."""
    org = Org.objects.get(code=code)
    link = html.escape(dashboard.records_url(key, org, year, subtree))
    return set(re.findall(re.escape(f'href="{link}"') + r"[^>]*>([^<]+)</a>", text))


def dashboard_url(code: str = "SL", year: int = YEAR, path: str = "/dashboard/") -> str:
    return f"{path}?org={code}&year={year}"


# --- the figures ------------------------------------------------------------------------------


def test_the_supervisor_sees_each_unit_and_the_total_exactly_as_counted(dataset, people, login):
    text = page(login(people["supervisor"]), dashboard_url()).content.decode()
    for (code, subtree), figures in EXPECTED.items():
        for key, value in figures.items():
            assert shown(text, key, code, subtree=subtree) == {str(value)}, (code, subtree, key)
    assert shown(text, RECEIVED, "SL", year=YEAR - 1) == {"1"}
    assert shown(text, PUBLISHED, "SL", year=YEAR - 1) == {"1"}


def test_the_unit_rows_and_the_own_row_add_up_to_the_total(dataset, people, login):
    board = page(login(people["supervisor"]), dashboard_url()).context["board"]
    rows = {r.kind: r for r in board.unit_rows if r.kind != "unit"}
    units = [r for r in board.unit_rows if r.kind == "unit"]
    assert [r.org.code for r in units] == ["SL-A", "SL-B"]  # SL-A1 is inside SL-A's row
    for n, indicator in enumerate(board.keys):
        parts = sum(r.cells[n].value for r in [*units, rows["own"]])
        assert parts == rows["total"].cells[n].value, indicator.key


def test_a_clerk_sees_only_the_own_units_records_and_no_table_of_units(dataset, people, login):
    response = page(login(people["clerk"]), "/dashboard/")  # opens on the clerk's own unit
    text, board = response.content.decode(), response.context["board"]
    assert board.org.code == "SL-A" and not board.subtree and board.units == []
    this_year = timezone.localdate().year
    assert shown(text, RECEIVED, "SL-A", this_year, subtree=False) == {"0"}  # none this year
    text = page(login(people["clerk"]), dashboard_url("SL-A")).content.decode()
    assert shown(text, RECEIVED, "SL-A", subtree=False) == {"2"}  # Q1, Q2 — not SL-A1's Q3
    assert shown(text, PUBLISHED, "SL-A", subtree=False) == {"1"}
    assert 'aria-label="下属单位"' not in text


def test_this_year_is_compared_with_last_year(dataset, people, login):
    board = page(login(people["supervisor"]), dashboard_url()).context["board"]
    received = next(c for c in board.key_rows if c.indicator.key == RECEIVED)
    assert (received.this_year.value, received.last_year.value, received.change) == (5, 1, 4)
    assert received.change_label == "+4（+400%）"


def test_a_year_before_the_platform_is_not_shown_as_zero(dataset, people, login):
    """2024 has records, 2023 none: the 2024 board says there is nothing to compare with."""
    response = page(login(people["supervisor"]), dashboard_url(year=2024))
    received = next(c for c in response.context["board"].key_rows if c.indicator.key == RECEIVED)
    assert received.this_year.value == 1 and received.last_year.value is None
    assert received.last_year.missing.startswith("无记录") and received.change_label == "—"
    assert "系统中没有2023年度的记录" in response.content.decode()


def test_the_monthly_trend_counts_each_month_and_leaves_months_to_come_empty(dataset, people, login):
    board = page(login(people["supervisor"]), dashboard_url()).context["board"]
    received = [cells[RECEIVED].value for _, cells in board.trend]
    assert received == [0, 1, 1, 0, 1, 1, 1, 0, 0, 0, 0, 0]
    today = timezone.localdate()
    current = page(login(people["supervisor"]), dashboard_url(year=today.year)).context["board"]
    to_come = [cells[RECEIVED] for month, (_, cells) in enumerate(current.trend, 1) if month > today.month]
    assert all(c.value is None and c.missing for c in to_come)


# --- every figure opens onto its records --------------------------------------------------------


@pytest.mark.parametrize(("code", "subtree"), list(EXPECTED))
def test_each_figure_opens_a_list_of_exactly_its_records(dataset, people, login, code, subtree):
    client = login(people["supervisor"])
    for key, value in EXPECTED[(code, subtree)].items():
        org = Org.objects.get(code=code)
        response = page(client, dashboard.records_url(key, org, YEAR, subtree))
        assert response.context["page"].paginator.count == value
        assert len(response.context["rows"]) == value
        assert f'<strong class="record-count">{value}</strong>' in response.content.decode()


def test_the_records_page_names_the_indicator_its_definition_and_basis_and_links_each_record(
    dataset, people, login
):
    org = Org.objects.get(code="SL-A")
    response = page(login(people["supervisor"]), dashboard.records_url(RECEIVED, org, YEAR))
    text = response.content.decode()
    indicator = registry.get(RECEIVED)
    assert indicator.name in text and indicator.definition in text and html.escape(indicator.basis) in text
    numbers = {row[0].split()[0] for row in response.context["rows"]}
    assert numbers == {"Q1", "Q2", "Q3"}
    q1 = DisclosureRequest.objects.get(number="Q1")
    assert f'href="/disclosure/requests/{q1.pk}/"' in text
    assert "2025-02-03" in text  # the received date


def test_the_records_list_is_paged_by_thirty_and_exported_whole(tree, people, login):
    for n in range(35):
        make_request(tree["own"], f"N{n:02}", D(2025, 3, 1) + datetime.timedelta(days=n), None)
    client = login(people["supervisor"])
    url = dashboard.records_url(RECEIVED, tree["own"], YEAR)
    first, second = page(client, url), page(client, url + "&page=2")
    assert (len(first.context["rows"]), len(second.context["rows"])) == (30, 5)
    sheet = load_workbook(io.BytesIO(page(client, url + "&export=xlsx").content)).active
    assert sheet.max_row == 1 + 35
    assert [c.value for c in sheet[1]] == ["记录", "承办单位", "日期"]


def test_a_clerk_asking_for_the_units_below_gets_the_own_units_records(dataset, people, login):
    org = Org.objects.get(code="SL-A")
    response = page(login(people["clerk"]), dashboard.records_url(RECEIVED, org, YEAR, subtree=True))
    assert response.context["page"].paginator.count == 2  # not SL-A1's Q3, which the clerk cannot read


# --- missing figures: "—" with the reason, never 0 ----------------------------------------------


def test_a_pending_figure_shows_a_dash_with_its_reason_and_never_zero(dataset, people, login, monkeypatch):
    monkeypatch.setattr(dashboard, "KEY_INDICATORS", ((RECEIVED, "新收"), (PENDING_KEY, "规范性文件")))
    client = login(people["supervisor"])
    response = page(client, dashboard_url())
    text, board = response.content.decode(), response.context["board"]
    pending = [r.cells[1] for r in board.unit_rows]
    assert all(c.value is None and c.missing == registry.PENDING_REASON for c in pending)
    assert f'<span class="missing" title="{registry.PENDING_REASON}">—</span>' in text
    assert shown(text, PENDING_KEY, "SL") == set()  # no number, so no link to records
    sheet = load_workbook(
        io.BytesIO(page(client, dashboard_url(path="/dashboard/export/units.xlsx")).content)
    )
    column = [row[4] for row in sheet.active.iter_rows(min_row=2, values_only=True)]
    assert column == ["— 待接入"] * len(board.unit_rows)


def test_every_pending_indicator_is_listed_as_pending_in_the_table_of_all(dataset, people, login):
    response = page(login(people["supervisor"]), dashboard_url())
    pending = [c for c in response.context["board"].compared if c.indicator.source == "pending"]
    assert pending and all(c.this_year.missing and c.this_year.value is None for c in pending)
    text = response.content.decode()
    row = re.search(r"<tr>(?:(?!</tr>).)*行政处罚本年处理决定数量(?:(?!</tr>).)*</tr>", text, re.S).group(0)
    assert "—" in row and "待接入" in row and ">0<" not in row


def test_the_records_page_of_a_pending_indicator_says_so_and_lists_nothing(dataset, people, login):
    org = Org.objects.get(code="SL")
    response = page(login(people["supervisor"]), dashboard.records_url(PENDING_KEY, org, YEAR))
    assert response.context["pending"] and "rows" not in response.context
    assert "待接入" in response.content.decode()


def test_a_failing_query_leaves_its_figure_missing_with_the_reason_and_the_page_up(
    dataset, people, login, monkeypatch
):
    def broken(scope):
        raise DatabaseError("boom")

    failing = registry.Indicator("test.broken", "测试故障指标", "件", "…", "…", aggregate=broken)
    monkeypatch.setitem(registry.INDICATORS, failing.key, failing)
    response = page(login(people["supervisor"]), dashboard_url())
    broken_row = next(c for c in response.context["board"].compared if c.indicator.key == failing.key)
    assert broken_row.this_year.value is None and broken_row.this_year.missing.startswith("计算失败")
    assert shown(response.content.decode(), RECEIVED, "SL") == {"5"}  # the others are still counted


# --- lights and reports -------------------------------------------------------------------------


def test_lights_count_the_running_clocks_and_open_the_same_list(dataset, people, login):
    from fazhi.supervision import services

    today = timezone.localdate()
    item = services.draft(
        people["supervisor"], dataset["child"], title="逾期事项", requirement="r", source="other"
    )
    services.assign(
        item,
        people["supervisor"],
        due_on=today - datetime.timedelta(days=5),
        on=today - datetime.timedelta(days=20),
    )
    client = login(people["supervisor"])
    board = page(client, dashboard_url()).context["board"]
    rows = {(r.org.code, r.kind): r for r in board.unit_rows}
    assert rows[("SL-A", "unit")].lights["red"].value == 1
    assert rows[("SL-B", "unit")].lights["red"].value == 0
    assert rows[("SL", "own")].lights["red"].value == 0
    assert rows[("SL", "total")].lights["red"].value == board.lights["red"].value == 1
    listed = page(client, rows[("SL-A", "unit")].lights["red"].url)
    assert listed.context["page"].paginator.count == 1


def test_the_report_status_of_each_unit_links_to_the_report(dataset, people, login):
    from fazhi.reports import services

    report = services.open_report(dataset["own"], YEAR, people["clerk"])
    response = page(login(people["supervisor"]), dashboard_url())
    rows = {(r.org.code, r.kind): r for r in response.context["board"].unit_rows}
    status = rows[("SL-A", "unit")].report
    assert (status.label, status.stage, status.url) == ("起草中", "报送", f"/reports/{report.pk}/")
    assert status.due == datetime.date(2026, 2, 28)
    assert rows[("SL-B", "unit")].report.label == "尚未起草"
    assert f'href="/reports/{report.pk}/"' in response.content.decode()
    assert dict(response.context["board"].report_states) == {"起草中": 1, "尚未起草": 2}


# --- exports --------------------------------------------------------------------------------------


def rows_of(response) -> list[list]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_units_table_exports_the_same_numbers(dataset, people, login):
    client = login(people["supervisor"])
    board = page(client, dashboard_url()).context["board"]
    exported = rows_of(page(client, dashboard_url(path="/dashboard/export/units.xlsx")))
    head, body = exported[0], exported[1:]
    assert head[:3] == ["单位", "超期", "临期"]
    for row, line in zip(board.unit_rows, body, strict=True):
        assert line[3 : 3 + len(board.keys)] == [c.value for c in row.cells]
    by_unit = {line[0]: line for line in body}
    received = head.index("新收申请（件）")
    assert by_unit["甲局"][received] == 3
    assert by_unit["示例市人民政府（合计）"][received] == 5
    assert by_unit["示例市人民政府（本级）"][received] == 1


def test_the_key_table_and_the_table_of_all_export_the_same_numbers(dataset, people, login):
    client = login(people["supervisor"])
    key = {line[0]: line for line in rows_of(page(client, dashboard_url(path="/dashboard/export/key.xlsx")))}
    assert key[registry.get(RECEIVED).name][2:5] == [5, 1, "+4（+400%）"]
    everything = rows_of(page(client, dashboard_url(path="/dashboard/export/all.xlsx")))
    by_key = {line[-1]: line for line in everything[1:]}
    assert len(by_key) == len(registry.INDICATORS)
    assert by_key[PUBLISHED][3:5] == [2, 1]
    assert by_key[PENDING_KEY][3:6] == ["— 待接入", "— 待接入", "待接入"]
    months = rows_of(page(client, dashboard_url(path="/dashboard/export/months.xlsx")))
    assert [line[1] for line in months[1:]] == [0, 1, 1, 0, 1, 1, 1, 0, 0, 0, 0, 0]


# --- who may see what: a small matrix over the personas ---------------------------------------------

# persona -> the orgs whose dashboard, records and exports it may open
READS = {
    "clerk": {"SL-A"},
    "head": {"SL-A"},
    "reviewer": {"SL-A"},
    "supervisor": {"SL", "SL-A", "SL-A1", "SL-B"},
    "admin": {"SL", "SL-A", "SL-A1", "SL-B"},
    "sibling": {"SL-B"},
    "child_clerk": {"SL-A1"},
}


def urls_for(code: str) -> list[str]:
    return [
        dashboard_url(code),
        f"/dashboard/records/?key={RECEIVED}&org={code}&year={YEAR}",
        dashboard_url(code, path="/dashboard/export/units.xlsx"),
        dashboard_url(code, path="/dashboard/export/all.xlsx"),
    ]


@pytest.mark.parametrize("persona", READS)
def test_each_persona_opens_exactly_the_orgs_it_reads(dataset, people, login, persona):
    client = login(people[persona])
    for code in ("SL", "SL-A", "SL-A1", "SL-B"):
        for url in urls_for(code):
            response = client.get(url)
            if code in READS[persona]:
                assert response.status_code == 200, (persona, url)
            else:
                assert response.status_code == 403, (persona, url)
                assert "无权查看该单位" in response.content.decode()
                assert "申请内容" not in response.content.decode()


def test_the_org_list_offers_only_readable_orgs(dataset, people, login):
    response = page(login(people["sibling"]), "/dashboard/")
    assert [code for code, _ in response.context["orgs"]] == ["SL-B"]


def test_the_public_is_sent_to_the_login_page(dataset, client):
    for url in urls_for("SL"):
        assert client.get(url).status_code == 302


# --- parameters it cannot use: a Chinese page and a 4xx, never a 500 --------------------------------


@pytest.mark.parametrize(
    ("url", "status", "words"),
    [
        ("/dashboard/?year=abc", 400, "年度应为"),
        ("/dashboard/?year=1999", 400, "年度应为"),
        (f"/dashboard/?year={datetime.date.today().year + 1}", 400, "年度应为"),
        ("/dashboard/?org=NOPE", 404, "没有找到这个单位"),
        (f"/dashboard/records/?key=no.such&org=SL&year={YEAR}", 404, "没有这个指标"),
        (f"/dashboard/records/?org=SL&year={YEAR}", 404, "没有这个指标"),
        (f"/dashboard/records/?key={RECEIVED}&org=SL&year=20x5", 400, "年度应为"),
        (f"/dashboard/records/?key={RECEIVED}&org=NOPE&year={YEAR}", 404, "没有找到这个单位"),
        ("/dashboard/export/nothing.xlsx?org=SL", 404, "没有这张表"),
        ("/dashboard/export/units.xlsx?org=SL&year=0", 400, "年度应为"),
    ],
)
def test_a_bad_parameter_gives_a_chinese_4xx_page(dataset, people, login, url, status, words):
    response = login(people["supervisor"]).get(url)
    assert response.status_code == status
    assert words in response.content.decode()


def test_a_page_number_that_is_no_number_shows_the_first_page(dataset, people, login):
    org = Org.objects.get(code="SL")
    response = page(login(people["supervisor"]), dashboard.records_url(RECEIVED, org, YEAR) + "&page=x9")
    assert response.context["page"].number == 1


def test_a_user_without_a_post_is_told_so(db, login):
    from django.contrib.auth import get_user_model

    nobody = get_user_model().objects.create_user("nobody", password="x")
    response = login(nobody).get("/dashboard/")
    assert response.status_code == 403 and "尚未分配单位" in response.content.decode()


# --- the number of queries does not grow with the number of units -----------------------------------


def city_of(n: int, people) -> Org:
    city = Org.objects.create(code=f"C{n}", name=f"{n}单位市人民政府", level=Level.CITY)
    for i in range(n):
        unit = Org.objects.create(code=f"C{n}-U{i}", name=f"第{i}局", level=Level.DEPARTMENT, parent=city)
        make_request(unit, f"C{n}-{i}", D(2025, 3, 2), D(2025, 3, 10))
        make_item(unit, f"公告{n}-{i}", D(2025, 4, 1))
    make_user(f"boss{n}", city, "supervisor")
    return city


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        page(client, url)
    return len(captured.captured_queries)


def test_a_city_of_forty_units_costs_the_same_queries_as_a_city_of_three(tree, people, client):
    from django.contrib.auth import get_user_model

    counts = {}
    for n in (3, 40):
        city_of(n, people)
        client.force_login(get_user_model().objects.get(username=f"boss{n}"))
        counts[n] = queries_for(client, dashboard_url(f"C{n}"))
    assert counts[3] == counts[40]
    # fixed, whatever the units: a family per indicator system, and a count whose condition
    # needs a subquery (the reply clock) in a query of its own — for the year and each month;
    # the bound grows by a few with each family a system registers, never with the units
    assert counts[40] < 150


def test_the_demo_citys_dashboard_in_queries(db, client):
    """The figure the brief asks for: the supervisor's dashboard of the demo city."""
    from fazhi.core import demo

    city = demo.load()
    client.force_login(city.users["supervisor"])
    counted = queries_for(client, "/dashboard/")
    client.force_login(city.users["clerk"])
    print(f"\ndemo city: supervisor dashboard {counted} queries, clerk {queries_for(client, '/dashboard/')}")
    assert counted < 150


# --- a unit outside the platform: the figures of its imported annual report ------------------------

OUTSIDE_REPORT = "\n".join(
    [
        "丙镇人民政府2025年法治政府建设年度报告",
        "一、主要举措和成效",
        "全年共收到政府信息公开申请12件，已办理答复完毕11件。",
        "二、存在的不足和原因",
        "法治宣传的针对性有待提升。",
        "三、2026年工作安排",
        "持续推进依法行政。",
    ]
)


def import_report(tree, people, text: str, name: str = "丙镇.txt"):
    """A report imported by the city's supervisor, through the importer's service."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fazhi.importer import services

    upload = SimpleUploadedFile(name, text.encode("utf-8"))
    return services.import_upload(tree["city"], upload, user=people["supervisor"]).report


@pytest.fixture
def outside(dataset, tree, people):
    """丙镇 (SL-C) keeps no records on the platform; its 2025 report was imported."""
    town = Org.objects.create(code="SL-C", name="丙镇人民政府", level=Level.TOWNSHIP, parent=tree["city"])
    report = import_report(tree, people, OUTSIDE_REPORT)
    assert report.unit == town and report.year == YEAR
    return report


def test_a_unit_outside_the_platform_shows_its_imported_figures_marked_and_linked(outside, people, login):
    response = page(login(people["supervisor"]), dashboard_url())
    board, text = response.context["board"], response.content.decode()
    rows = {r.org.code: r for r in board.unit_rows if r.kind == "unit"}
    town = rows["SL-C"]
    assert town.imported and board.imported_units == [town.org]
    cells = {i.key: c for i, c in zip(board.keys, town.cells, strict=True)}
    for key, value, quote in ((RECEIVED, 12, "政府信息公开申请12件"), (ANSWERED, 11, "答复完毕11件")):
        figure = outside.figures.get(key=key)
        link = f"/imports/{outside.pk}/?figure={figure.pk}#fig-{figure.pk}"
        assert (cells[key].value, cells[key].source, cells[key].url) == (value, "imported", link)
        assert cells[key].note == f"原文：“{quote}”"
        assert f'<a href="{html.escape(link)}" class="imported" title="原文：“{quote}”">{value}</a>' in text
    assert cells[PUBLISHED].value is None and "未写明" in cells[PUBLISHED].missing  # never 0
    assert text.count('<span class="tag brand" title="原文：') == 2
    assert "丙镇人民政府尚未在平台上办理业务，其数字来自导入的2025年度报告" in text


def test_the_total_counts_the_imported_figures_and_says_so(outside, people, login):
    board = page(login(people["supervisor"]), dashboard_url()).context["board"]
    total = next(r for r in board.unit_rows if r.kind == "total")
    cells = {i.key: c for i, c in zip(board.keys, total.cells, strict=True)}
    assert (cells[RECEIVED].value, cells[ANSWERED].value, cells[PUBLISHED].value) == (5 + 12, 3 + 11, 2)
    assert cells[RECEIVED].source == "mixed" and "丙镇人民政府" in cells[RECEIVED].note
    assert cells[PUBLISHED].source == ""
    units = [r for r in board.unit_rows if r.kind in ("unit", "own")]
    assert sum(r.cells[0].value for r in units) == total.cells[0].value


def test_a_unit_with_records_of_its_own_is_shown_from_its_records_not_its_import(
    dataset, tree, people, login
):
    import_report(tree, people, OUTSIDE_REPORT.replace("丙镇人民政府", "乙局"), "乙局.txt")
    text = page(login(people["supervisor"]), dashboard_url()).content.decode()
    assert shown(text, RECEIVED, "SL-B") == {"1"}
    assert "导入</span>" not in text and "imported-note" not in text


def test_an_import_of_another_year_is_not_shown(outside, people, login):
    board = page(login(people["supervisor"]), dashboard_url(year=YEAR - 1)).context["board"]
    assert not board.imported_units and all(not c.source for r in board.unit_rows for c in r.cells)


def test_the_units_export_names_the_unit_whose_figures_are_imported(outside, people, login):
    exported = rows_of(page(login(people["supervisor"]), dashboard_url(path="/dashboard/export/units.xlsx")))
    head, by_unit = exported[0], {line[0]: line for line in exported[1:]}
    line = by_unit["丙镇人民政府（数字来自导入的年度报告）"]
    assert line[head.index("新收申请（件）")] == 12 and line[head.index("办结申请（件）")] == 11


def test_a_clerk_sees_no_imported_figures(outside, people, login):
    text = page(login(people["clerk"]), dashboard_url("SL-A")).content.decode()
    assert "导入" not in text
