"""Personal data on public pages: recognisable, not usable."""

import pytest

from fazhi.disclosure.models import DisclosureRequest
from fazhi.portal.masking import mask_email, mask_name, mask_phone, redact


@pytest.mark.parametrize(
    "name, shown",
    [
        ("王晓明", "王*明"),
        ("李华", "李*"),
        ("欧阳小明", "欧**明"),
        ("示例市明德科技有限公司", "示***司"),
        ("王", "王"),
        ("", ""),
    ],
)
def test_names_keep_their_first_and_last_character(name, shown):
    assert mask_name(name) == shown


@pytest.mark.parametrize(
    "phone, shown",
    [
        ("13800000000", "138****0000"),
        ("138 0000 0000", "138****0000"),
        ("0591-88886666", "059*****6666"),
        ("12345", "*****"),
        ("", ""),
    ],
)
def test_phone_numbers_keep_the_first_three_and_last_four_digits(phone, shown):
    assert mask_phone(phone) == shown


def test_email_addresses_keep_the_first_letter_and_the_domain():
    assert mask_email("wang@example.cn") == "w***@example.cn" and mask_email("nonsense") == ""


def test_a_letter_is_redacted_of_name_id_phone_email_and_address():
    request = DisclosureRequest(
        applicant_name="王晓明",
        id_number="11010519491231002X",
        phone="13800000000",
        email="w@x.cn",
        address="人民路1号",
    )
    text = redact("王晓明：身份证11010519491231002X，电话13800000000，w@x.cn，人民路1号。王晓明", request)
    assert text == "王*明：身份证******************，电话138****0000，w***@x.cn，（地址略）。王*明"
