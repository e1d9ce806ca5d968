"""Each key of the vocabulary, found in a short sentence written the way reports write it."""

import pytest

from fazhi.importer.extract import extract
from fazhi.importer.normalise import normalise
from fazhi.importer.vocabulary import TERMS, VOCABULARY

SENTENCES = [
    ("reconsideration.received", 159, "全市各级行政复议机关受理行政复议申请159件，审结151件。"),
    ("reconsideration.concluded", 151, "全市各级行政复议机关受理行政复议申请159件，审结151件。"),
    ("reconsideration.received", 0, "1至12月，受理点未收到行政复议申请。"),
    ("litigation.cases", 314, "各级行政机关参加行政诉讼314件，人民法院审结283件。"),
    ("litigation.concluded", 283, "各级行政机关参加行政诉讼314件，人民法院审结283件。"),
    ("litigation.head_appearances", 5, "行政应诉案件共开庭审理7件，其中行政机关主要负责人出庭5件。"),
    ("litigation.head_appearance_rate", 71.4, "行政机关负责人出庭应诉率为71.4%。"),
    ("litigation.win_rate", 80.5, "行政应诉胜诉率达80.5%。"),
    ("disclosure.requests_received", 29, "共收到政府信息公开申请29件，已办理答复完毕28件。"),
    ("disclosure.requests_answered", 28, "共收到政府信息公开申请29件，已办理答复完毕28件。"),
    ("disclosure.proactive_items", 26000, "全年主动公开政府信息共2.6万余条。"),
    ("normdocs.issued", 3, "今年以来，在县政府门户网站上公开发布县政府行政规范性文件3件。"),
    ("normdocs.filed", 12, "向市政府报送规范性文件备案12件，均按时报备。"),
    ("normdocs.reviewed", 8, "对拟出台的行政规范性文件进行合法性审查8件。"),
    ("normdocs.cleanup_reviewed", 553, "梳理政府规章和行政规范性文件553份，拟废止5份。"),
    ("normdocs.repealed", 5, "梳理政府规章和行政规范性文件553份，拟废止5份。"),
    ("normdocs.in_force", 196, "目前现行有效的政府规范性文件共196份。"),
    ("decisions.major", 6, "全年作出重大行政决策6项，均经合法性审查。"),
    ("contracts.reviewed", 187, "法律顾问团对政府对外签署的187份民事合同作了前置性审查。"),
    ("counsel.advisers", 24, "完成新一届24名市人民政府法律顾问遴选工作。"),
    ("enforcement.officers", 89, "全镇持证执法人员共89名。"),
    ("enforcement.cases", 91, "依法查办各类环境违法案件91起。"),
    ("enforcement.legal_reviewers", 103, "配备103名法制审核人员。"),
    ("proposals.npc", 244, "共办理县人大代表建议244件。"),
    ("proposals.cppcc", 268, "共办理县政协提案268件。"),
    ("proposals.reply_rate", 100, "所有建议提案均已全部答复，答复率百分之百。"),
    ("petitions.received", 276, "信访大厅共接受群众来信来访276宗。"),
    ("mediation.cases", 3604, "全市调解矛盾纠纷案件3604件，调解成功率达96.9%。"),
    ("mediation.success_rate", 96.9, "全市调解矛盾纠纷案件3604件，调解成功率达96.9%。"),
    ("study.sessions", 13, "召开党组（扩大）会学习13次。"),
    ("publicity.events", 50, "开展普法宣传活动约50场。"),
    ("services.items", 5494, "动态调整一体化政务服务平台事项5494项。"),
    ("services.evaluations", 57000, "平台“好差评”评价事项超过5.7万条。"),
    ("meetings.executive", 46, "全年筹备市政府常务会议46次。"),
    ("training.participants", 14256, "组织全市国家工作人员14256人参加学法用法考试。"),
]


def figures_of(sentence: str) -> list:
    return extract(sentence, normalise(sentence))


def test_every_key_of_the_vocabulary_has_a_sentence_here():
    assert {key for key, _, _ in SENTENCES} == set(TERMS)
    assert len(VOCABULARY) == 34


@pytest.mark.parametrize(("key", "value", "sentence"), SENTENCES, ids=[f"{k}={v}" for k, v, _ in SENTENCES])
def test_the_figure_is_found_with_its_exact_quote(key, value, sentence):
    found = [f for f in figures_of(sentence) if f.key == key]
    assert [f.value for f in found] == [value]
    assert sentence[found[0].start : found[0].end] == found[0].quote


def test_a_traditional_sentence_is_quoted_in_its_own_script():
    (figure,) = figures_of("全年籌備市政府常務會議46次。")
    assert (figure.key, figure.value, figure.quote) == ("meetings.executive", 46, "常務會議46次")


def test_ordinals_dates_and_unnamed_numbers_are_not_figures():
    assert figures_of("一是深入学习党的十九大精神，第一议题制度，2021年2月3日，完成30场大型会议。") == []


def test_a_part_introduced_by_its_whole_is_not_taken_for_the_whole():
    found = figures_of("共接受群众来信来访276宗，其中网络信访投诉28宗。")
    assert [(f.key, f.value) for f in found] == [("petitions.received", 276)]


def test_every_declaration_has_phrases_and_units():
    for term in VOCABULARY:
        assert term.before and term.units and term.name, term.key
        assert term.context_in in ("clause", "sentence"), term.key
