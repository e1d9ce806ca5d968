from fazhi.importer.sections import PARTS

from .conftest import seed_text


def heading_at(seeds, number: str, part: str) -> str:
    where = seeds[number]["sections"][part]
    return seed_text(number)[where["start"] : where["end"]].split("\n")[0]


def present(seeds, number: str) -> set[str]:
    return {part for part, where in seeds[number]["sections"].items() if where["present"]}


def test_every_part_is_reported_present_or_absent(seeds):
    for result in seeds.values():
        assert list(result["sections"]) == list(PARTS)


def test_a_traditional_report_has_its_parts_found_in_its_own_script(seeds):
    assert present(seeds, "000") == {"measures", "shortcomings", "next_year_plan"}
    assert heading_at(seeds, "000", "shortcomings") == "二、存在問題"
    assert heading_at(seeds, "000", "next_year_plan") == "三、下一步工作計劃"


def test_a_covering_letter_is_not_part_of_the_report(seeds):
    measures = seeds["001"]["sections"]["measures"]
    assert heading_at(seeds, "001", "measures") == "一、2020年度法治政府建设工作成效"
    assert seed_text("001").index("呈报") < measures["start"]


def test_shortcomings_written_as_a_paragraph_are_found(seeds):
    assert heading_at(seeds, "001", "shortcomings").startswith("在取得成绩的同时")
    assert seeds["001"]["sections"]["measures"]["end"] == seeds["001"]["sections"]["shortcomings"]["start"]


def test_the_first_responsible_duty_stated_in_a_sentence_counts(seeds):
    assert heading_at(seeds, "001", "first_responsible") == "切实履行推进法治政府建设第一责任人职责。"
    assert "第一责任人职责" in heading_at(seeds, "003", "first_responsible")


def test_a_plan_numbered_five_after_three_is_still_the_plan(seeds):
    assert heading_at(seeds, "004", "next_year_plan") == "五、2025年法治政府建设工作计划"
    assert heading_at(seeds, "004", "shortcomings") == "三、存在的问题"
    assert any(w["kind"] == "heading_numbering" for w in seeds["004"]["warnings"])


def test_measures_without_the_mandated_words_start_at_the_first_heading(seeds):
    assert heading_at(seeds, "004", "measures").startswith("一、深入学习贯彻习近平法治思想")


def test_an_unnumbered_shortcomings_heading_is_found(seeds):
    assert heading_at(seeds, "003", "shortcomings") == "存在的问题和工作难点"
    assert heading_at(seeds, "002", "shortcomings") == "二、存在的问题和不足"


def test_a_promise_in_the_plan_is_not_the_first_responsible_report(seeds):
    assert not seeds["004"]["sections"]["first_responsible"]["present"]
    assert any(
        "第一责任人" in w["message"] for w in seeds["004"]["warnings"] if w["kind"] == "missing_section"
    )


def test_the_signature_and_site_footer_are_outside_the_plan(seeds):
    plan = seeds["000"]["sections"]["next_year_plan"]
    assert "粵ICP備" not in seed_text("000")[plan["start"] : plan["end"]]
