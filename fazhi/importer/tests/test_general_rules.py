"""Rules that hold for any report, found on reports written after the first rules
(tests/unseen/): thousands separators, lists, next year's targets, several nouns denied at once."""

from fazhi.importer.services import analyse

HEAD = "某县2023年法治政府建设年度报告\n一、主要举措和成效\n"


def figures(body: str) -> list[tuple[str, float, str]]:
    return [(f["key"], f["value"], f["quote"]) for f in analyse(HEAD + body)["indicators"]]


def test_a_number_with_thousands_separators_is_one_figure():
    assert figures("全县现有行政执法人员1,326名。") == [("enforcement.officers", 1326, "行政执法人员1,326名")]


def test_a_full_width_comma_between_digits_is_a_clause_break_not_a_separator():
    found = figures("全年审结12，300件为调解矛盾纠纷。受理行政复议申请12，审结300件。")
    assert all(value != 12300 for _, value, _ in found)


def test_a_word_that_rules_a_figure_out_is_read_in_its_own_item_of_a_list():
    found = figures("全年办理人大代表建议98件、政协委员提案121件，办复率百分之百。")
    assert found == [
        ("proposals.npc", 98, "人大代表建议98件"),
        ("proposals.cppcc", 121, "政协委员提案121件"),
        ("proposals.reply_rate", 100, "办复率百分之百"),
    ]


def test_every_item_after_qizhong_is_a_part_not_a_whole():
    found = figures("收到政府信息公开申请23件，其中予以公开15件、部分公开3件、信息不存在3件。")
    assert found == [("disclosure.requests_received", 23, "政府信息公开申请23件")]


def test_a_target_in_next_years_plan_is_not_a_figure_of_the_year():
    body = (
        "开展普法宣传活动45场。\n二、存在的不足\n力量不足。\n"
        "三、2024年工作安排\n全年开展普法宣传活动不少于300场。\n"
    )
    assert figures(body) == [("publicity.events", 45, "普法宣传活动45场")]


def test_two_kinds_of_case_denied_at_once_are_each_zero():
    found = figures("全年全镇未发生行政复议和行政诉讼案件。")
    assert found == [
        ("reconsideration.received", 0, "未发生行政复议"),
        ("litigation.cases", 0, "未发生行政复议和行政诉讼案件"),
    ]


def test_documents_named_earlier_in_the_sentence_count_for_cleanup_and_in_force():
    found = figures("开展行政规范性文件专项清理，清理文件235件，保留现行有效文件118件。")
    assert found == [
        ("normdocs.cleanup_reviewed", 235, "清理文件235件"),
        ("normdocs.in_force", 118, "现行有效文件118件"),
    ]


def test_disputes_kept_from_turning_criminal_are_not_mediation_cases():
    found = figures("调解矛盾纠纷1862件，防止民间纠纷转化为刑事案件5起。")
    assert found == [("mediation.cases", 1862, "调解矛盾纠纷1862件")]
