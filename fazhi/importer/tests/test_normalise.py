import pytest

from fazhi.importer.normalise import is_traditional, normalise, parse_number


def test_traditional_text_becomes_simplified_character_for_character():
    text = "嚴格規範性文件處理，黨組會學習13次"
    assert normalise(text) == "严格规范性文件处理,党组会学习13次"
    assert len(normalise(text)) == len(text)


def test_full_width_digits_and_percent_become_half_width():
    assert normalise("答复率１００％，受理１５９件") == "答复率100%,受理159件"


def test_a_traditional_report_is_told_from_a_simplified_one():
    traditional = "茂名市政府辦公室在省政府辦公廳的關心指導下推進法治政府建設各項工作"
    simplified = "梧州市坚持以习近平新时代中国特色社会主义思想为指导推进法治政府建设各项工作"
    assert is_traditional(traditional, normalise(traditional))
    assert not is_traditional(simplified, normalise(simplified))


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("30余", 30),
        ("50多", 50),
        ("1.9万余", 19000),
        ("2.6万余", 26000),
        ("5.7万", 57000),
        ("8万多", 80000),
        ("百分之百", 100),
        ("百分之九十六点九", 96.9),
        ("96.9", 96.9),
        ("三十余", 30),
        ("一万二千", 12000),
        ("十九", 19),
    ],
)
def test_a_figure_is_read_as_the_number_it_states(written, value):
    assert parse_number(written) == value


def test_words_that_are_not_numbers_have_no_value():
    assert parse_number("法治") is None
