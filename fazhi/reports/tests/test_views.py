"""The report's screens as its users meet them: clerk drafts and writes, head approves,
supervisor returns and accepts; outsiders see nothing; bad input gets a 4xx and a message."""

import datetime
import json

import pytest
from django.urls import reverse

from fazhi.reports import services
from fazhi.reports.models import LawReport, ReportDates
from fazhi.reports.procedure import State

from .test_drafting import records  # noqa: F401 — the hand-counted records
from .test_procedure import TEXT

D = datetime.date


@pytest.fixture
def report(records, people):  # noqa: F811
    return services.open_report(records["own"], 2025, people["clerk"], on=D(2026, 1, 5))


def page(client, user, url, **kwargs):
    client.force_login(user)
    return client.get(url, **kwargs)


def test_the_clerk_opens_the_draft_from_the_list(client, records, people):  # noqa: F811
    client.force_login(people["clerk"])
    listing = client.get(reverse("reports:list"), {"year": 2025})
    assert "起草" in listing.content.decode() and "尚未起草" in listing.content.decode()
    response = client.post(reverse("reports:create"), {"org": records["own"].pk, "year": 2025})
    report = LawReport.objects.get(org=records["own"], year=2025)
    assert response.status_code == 302 and response.url == reverse("reports:detail", args=[report.pk])


def test_no_report_is_opened_for_another_unit_or_a_future_year(client, records, people):  # noqa: F811
    client.force_login(people["clerk"])
    assert (
        client.post(reverse("reports:create"), {"org": records["sibling"].pk, "year": 2025}).status_code
        == 302
    )
    assert client.post(reverse("reports:create"), {"org": records["own"].pk, "year": 2099}).status_code == 302
    assert not LawReport.objects.exists()


def test_the_report_page_shows_the_drawn_text_with_links_to_the_records(client, report, people):
    html = page(client, people["clerk"], reverse("reports:detail", args=[report.pk])).content.decode()
    assert "全年新收政府信息公开申请" in html and "一、主要举措和成效" in html
    link = reverse("dashboard:records") + "?key=disclosure.requests_received&amp;org=SL-A&amp;year=2025"
    assert f'href="{link}"' in html and ">4件</a>" in html
    assert "撰写各部分内容" in html  # the clerk may write


def test_the_head_may_read_and_the_sibling_may_not(client, report, people):
    assert page(client, people["supervisor"], reverse("reports:detail", args=[report.pk])).status_code == 200
    assert page(client, people["sibling"], reverse("reports:detail", args=[report.pk])).status_code == 404
    assert (
        page(client, people["sibling"], reverse("reports:download", args=[report.pk, "json"])).status_code
        == 404
    )
    supervisor_html = page(client, people["supervisor"], reverse("reports:detail", args=[report.pk])).content
    assert "撰写各部分内容" not in supervisor_html.decode()


def test_writing_and_the_steps_through_the_screens(client, report, people):
    client.force_login(people["clerk"])
    assert client.post(reverse("reports:edit", args=[report.pk]), TEXT).status_code == 302
    assert client.post(reverse("reports:step", args=[report.pk, "propose"])).status_code == 302
    client.force_login(people["head"])
    assert client.post(reverse("reports:step", args=[report.pk, "approve"])).status_code == 302
    assert client.post(reverse("reports:step", args=[report.pk, "submit"])).status_code == 302
    client.force_login(people["supervisor"])
    returned = client.post(
        reverse("reports:step", args=[report.pk, "return"]), {"return-reason": "补充复议数据"}
    )
    assert returned.status_code == 302
    report.refresh_from_db()
    assert report.state == State.DRAFT and report.return_comments == "补充复议数据"
    html = page(client, people["clerk"], reverse("reports:detail", args=[report.pk])).content.decode()
    assert "退回意见" in html and "补充复议数据" in html and "将生成第2版" in html


def test_a_refused_step_says_why_with_a_409(client, report, people):
    client.force_login(people["clerk"])
    response = client.post(reverse("reports:step", args=[report.pk, "propose"]))
    assert response.status_code == 409 and "五个部分均须有内容" in response.content.decode()
    assert client.post(reverse("reports:step", args=[report.pk, "nonsense"])).status_code == 404


def test_a_return_without_comments_is_a_400(client, report, people):
    report.state = State.SUBMITTED
    report.save()
    client.force_login(people["supervisor"])
    response = client.post(reverse("reports:step", args=[report.pk, "return"]), {"return-reason": ""})
    assert response.status_code == 400 and "请检查填写的内容" in response.content.decode()


def test_editing_a_submitted_report_is_a_409_and_changes_nothing(client, report, people):
    report.state = State.SUBMITTED
    report.save()
    client.force_login(people["clerk"])
    response = client.post(reverse("reports:edit", args=[report.pk]), TEXT)
    assert response.status_code == 409 and "不能修改" in response.content.decode()
    assert report.versions.get().narrative("measures") == ""


def test_an_old_version_stays_readable(client, report, people):
    services.edit(report, people["clerk"], TEXT)
    services.propose(report, people["clerk"])
    services.revise(report, people["head"], reason="再改改")
    services.edit(report, people["clerk"], TEXT | {"other": "第二稿"})
    old = page(client, people["clerk"], reverse("reports:version", args=[report.pk, 1])).content.decode()
    assert "您正在查看第1版" in old and "第二稿" not in old
    assert page(client, people["clerk"], reverse("reports:version", args=[report.pk, 9])).status_code == 404


def test_the_json_export_holds_the_outline_the_text_and_every_figure(client, report, people):
    response = page(client, people["clerk"], reverse("reports:download", args=[report.pk, "json"]))
    doc = json.loads(response.content)
    assert [p["title"] for p in doc["parts"]][0] == "主要举措和成效"
    received = next(
        f for f in doc["figures"] if f["key"] == "disclosure.requests_received" and f["year"] == 2025
    )
    assert received == {"key": "disclosure.requests_received", "value": 4, "unit": "件", "year": 2025}
    assert (
        page(client, people["clerk"], reverse("reports:download", args=[report.pk, "exe"])).status_code == 404
    )


def test_the_command_line_exports_the_same_json(report, tmp_path):
    from django.core.management import call_command

    out = tmp_path / "r.json"
    call_command("report", "annual", "--org", "SL-A", "--year", "2025", "--format", "json", "--out", str(out))
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["title"] == "甲局2025年法治政府建设年度报告" and doc["version"] == 1


def test_the_command_line_drafts_without_saving_when_no_report_was_opened(records, tmp_path):  # noqa: F811
    from django.core.management import call_command

    out = tmp_path / "r.json"
    call_command("report", "annual", "--org", "SL-B", "--year", "2025", "--format", "json", "--out", str(out))
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["state"] == "draft" and not LawReport.objects.exists()
    received = next(
        f for f in doc["figures"] if f["key"] == "disclosure.requests_received" and f["year"] == 2025
    )
    assert received["value"] == 1


def test_local_dates_are_set_by_an_administrator_only(client, records, people):  # noqa: F811
    form = {
        "org": records["city"].pk, "since_year": 2025, "submit_month": 2, "submit_day": 15,
        "publish_month": 3, "publish_day": 20, "basis": "示例市工作指引",
    }  # fmt: skip
    client.force_login(people["clerk"])
    assert client.post(reverse("reports:dates"), form).status_code == 403
    client.force_login(people["admin"])
    assert client.post(reverse("reports:dates"), form | {"submit_day": 30}).status_code == 400  # 2月30日
    assert client.post(reverse("reports:dates"), form).status_code == 302
    assert ReportDates.objects.get().submit_day == 15
    assert "示例市工作指引" in client.get(reverse("reports:dates")).content.decode()


def test_the_home_page_lists_the_report_for_whoever_takes_the_next_step(client, report, people):
    from fazhi.reports.queries import worklist_rows

    row = next(r for r in worklist_rows(people["clerk"], D(2026, 3, 5)) if r.system == "年度报告")
    assert (row.title, row.todo, row.light, row.due_on) == (report.title, True, "red", D(2026, 2, 28))
    services.edit(report, people["clerk"], TEXT)
    services.propose(report, people["clerk"])
    services.approve(report, people["head"])
    services.submit(report, people["clerk"], on=D(2026, 2, 20))
    row = next(r for r in worklist_rows(people["supervisor"], D(2026, 3, 5)) if r.system == "年度报告")
    assert row.todo and row.due_on == D(2026, 3, 31)  # now the publication clock runs
    assert next(
        r for r in worklist_rows(people["clerk"], D(2026, 3, 5)) if r.system == "年度报告"
    ).todo  # 公开
    assert not [r for r in worklist_rows(people["sibling"], D(2026, 3, 5)) if r.system == "年度报告"]
    assert "年度报告" in page(client, people["supervisor"], reverse("home")).content.decode()


def test_the_api_gives_the_same_figures_to_those_who_may_read_them(client, records, people):  # noqa: F811
    url = "/api/v1/indicators/figures"
    client.force_login(people["clerk"])
    found = client.get(url, {"org": "SL-A", "year": 2025}).json()
    figures = {f["key"]: f for f in found["figures"]}
    assert figures["disclosure.requests_received"]["value"] == 4
    pending = figures["enforcement.penalty_decisions"]  # 待接入 until the 行政执法 system arrives
    assert pending["value"] is None and pending["missing"]
    assert client.get(url, {"org": "SL-B", "year": 2025}).status_code == 404  # a sibling's
    assert client.get(url, {"org": "SL-A", "year": 1900}).status_code == 400
    assert client.get(url, {"org": "SL\x00A", "year": 2025}).status_code == 400
    assert len(client.get("/api/v1/indicators").json()) > 40


def test_a_unit_not_begun_shows_its_dates_and_whether_they_passed(client, records, people, monkeypatch):  # noqa: F811
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda: D(2026, 3, 5))
    html = page(client, people["supervisor"], reverse("reports:list"), data={"year": 2025}).content.decode()
    sibling_row = html.split("乙局", 1)[1].split("</tr>", 1)[0]
    assert "尚未起草" in sibling_row and "02-28" in sibling_row and "03-31" in sibling_row
    assert (
        "light-red" in sibling_row and "light-green" in sibling_row
    )  # submission passed, publication not yet


def test_a_draft_of_a_year_without_records_says_so_in_the_word_file_too(client, records, people):  # noqa: F811
    import io

    from docx import Document

    report = services.open_report(records["own"], 2019, people["clerk"], on=D(2026, 1, 5))
    response = page(client, people["clerk"], reverse("reports:download", args=[report.pk, "docx"]))
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "系统中没有甲局2019年度的办理记录" in text and "〔缺" not in text
