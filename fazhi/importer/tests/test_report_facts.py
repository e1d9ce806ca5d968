def test_org_and_year_are_read_as_stated(seeds):
    facts = {n: (r["org"], r["year"], r["script"]) for n, r in seeds.items()}
    assert facts == {
        "000": ("茂名市人民政府辦公室", 2020, "traditional"),
        "001": ("中共梧州市委员会 梧州市人民政府", 2020, "simplified"),
        "002": ("城口县人民政府办公室", 2022, "simplified"),
        "003": ("中共中山市大涌镇委员会 中山市大涌镇人民政府", 2020, "simplified"),
        "004": ("市政务服务和大数据管理局", 2024, "simplified"),
    }


def test_garbled_passages_are_reported_with_their_offsets(seeds):
    from .conftest import seed_text

    garbled = [w for w in seeds["000"]["warnings"] if w["kind"] == "garbled"]
    text = seed_text("000")
    assert any("叭匾淮蟆" in text[w["start"] : w["end"]] for w in garbled)
    assert any(w["start"] == 0 for w in garbled)  # the "? ?" line the report starts with
    assert not any(w["kind"] == "garbled" for n in ("001", "002", "003", "004") for w in seeds[n]["warnings"])


def test_a_plan_for_the_report_year_itself_is_flagged(seeds):
    years = [w for w in seeds["003"]["warnings"] if w["kind"] == "year"]
    assert len(years) == 1 and "应为2021年" in years[0]["message"]


def test_a_plan_for_the_following_year_is_not_flagged(seeds):
    for number in ("001", "004"):
        assert not [w for w in seeds[number]["warnings"] if w["kind"] == "year"]


def test_a_full_reply_rate_its_own_counts_deny_is_a_contradiction(seeds):
    # 市人大代表建議80件,政府系統辦理72件 …… 答復率100%
    assert [w["kind"] for w in seeds["000"]["warnings"]].count("contradiction") == 1


def test_received_and_concluded_counts_that_fit_are_not_a_contradiction(seeds):
    assert not [w for w in seeds["001"]["warnings"] if w["kind"] == "contradiction"]
    assert not [w for w in seeds["002"]["warnings"] if w["kind"] == "contradiction"]


def test_answered_more_than_received_is_a_contradiction():
    from fazhi.importer.services import analyse

    text = "一、法治政府建设主要举措和成效\n共收到政府信息公开申请20件，已办理答复完毕25件。\n"
    kinds = [w["kind"] for w in analyse(text)["warnings"]]
    assert "contradiction" in kinds


def test_a_rate_that_its_counts_deny_is_a_contradiction():
    from fazhi.importer.services import analyse

    text = (
        "一、法治政府建设主要举措和成效\n"
        "行政应诉案件共10件，其中行政机关主要负责人出庭5件，负责人出庭应诉率100%。\n"
    )
    warnings = [w for w in analyse(text)["warnings"] if w["kind"] == "contradiction"]
    assert warnings and "50.0%" in warnings[0]["message"]
