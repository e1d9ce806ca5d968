"""The national outcome categories, their articles and the reply letters that cite them."""

import datetime

import pytest

from fazhi.disclosure import letters
from fazhi.disclosure.procedure import GROUPS, OGI, OUTCOMES

# LAW.md §1.3, table 三, rows under 三、本年度办理结果 (exact labels).
ITEMS = {
    "（三）不予公开": [
        "1.属于国家秘密",
        "2.其他法律行政法规禁止公开",
        "3.危及“三安全一稳定”",
        "4.保护第三方合法权益",
        "5.属于三类内部事务信息",
        "6.属于四类过程性信息",
        "7.属于行政执法案卷",
        "8.属于行政查询事项",
    ],
    "（四）无法提供": [
        "1.本机关不掌握相关政府信息",
        "2.没有现成信息需要另行制作",
        "3.补正后申请内容仍不明确",
    ],
    "（五）不予处理": [
        "1.信访举报投诉类申请",
        "2.重复申请",
        "3.要求提供公开出版物",
        "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息",
    ],
    "（六）其他处理": [
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "3.其他",
    ],
}


def test_the_outcomes_are_exactly_the_rows_of_the_national_table():
    for group, items in ITEMS.items():
        assert [o.item for o in OUTCOMES if o.group == group] == items
    assert [o.group for o in OUTCOMES if not o.item] == [GROUPS[0], GROUPS[1]]
    assert len(OUTCOMES) == 21


def test_ledger_labels_join_the_group_and_the_item():
    labels = {o.code: o.label for o in OUTCOMES}
    assert labels["state_secret"] == "不予公开-属于国家秘密"
    assert labels["grant"] == "予以公开" and labels["partial"] == "部分公开"
    assert labels["other"] == "其他处理-其他"


@pytest.mark.parametrize("outcome", OUTCOMES, ids=[o.code for o in OUTCOMES])
def test_every_reply_letter_cites_its_article_and_the_right_remedy(receive, outcome):
    request = receive(datetime.date(2026, 3, 2))
    letter = letters.reply_letter(request, outcome, datetime.date(2026, 3, 20))
    assert f"依据：{OGI}{outcome.cite}。" in letter
    assert outcome.cite.startswith("第") and "条" in outcome.cite
    if outcome.refusal:  # 行政复议法（2023）第二十三条: 不予公开 must go to 行政复议 first
        assert (
            "《中华人民共和国行政复议法》第二十三条" in letter and "先向示例市人民政府申请行政复议" in letter
        )
    else:
        assert "或者自收到本答复之日起六个月内依法向人民法院提起行政诉讼" in letter


def test_refusal_means_not_disclosing_in_whole_or_in_part():
    refusing = {o.code for o in OUTCOMES if o.refusal}
    assert refusing == {o.code for o in OUTCOMES if o.group in (GROUPS[1], GROUPS[2])}


def test_the_demo_loads_in_late_december_with_pending_due_dates(db, monkeypatch):
    from django.utils import timezone

    from fazhi.core import demo
    from fazhi.core.models import Clock

    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2026, 12, 28))
    demo.load()
    assert Clock.objects.filter(state="running", due_on__isnull=True).exists()
