"""The text check run on every draft: findings shown to the drafter and the reviewer, who decides.

Two kinds, declared as data:

- 兜底条款 in required materials: "其他材料", "有关材料", "相关证明" and their kin — the
  证明事项 cleanups (e.g. 广东省司法厅's 清理 notice the seeds quote) ask that applicants not
  be made to bring unnamed materials.
- phrases that usually signal a market-access or fair-competition problem (指定交易, 限定经营,
  本地企业优先 …): 《公平竞争审查条例》 and 《优化营商环境条例》 forbid such measures.

A finding is a signal, not a verdict: each comes with its offsets in the text
(`text[start:end] == phrase`), and the reviewer rules on it (LegalityReview.rulings).
"""

import re
from dataclasses import asdict, dataclass

CATCH_ALL = "catch_all"
COMPETITION = "competition"
KINDS = {CATCH_ALL: "兜底条款", COMPETITION: "公平竞争风险"}

# 其他材料 / 其它有关材料 / 有关证明 / 相关证明材料 / 其他必要的文件 / 等材料 …
CATCH_ALL_PATTERN = re.compile(
    r"(?:其他|其它|有关|相关|另外)(?:的)?(?:有关|相关|必要|必需|所需|需要)?(?:的)?"
    r"(?:证明材料|证明文件|证明|材料|资料|文件|证件|手续)"
    r"|等(?:证明)?(?:材料|资料|证明)"
)
COMPETITION_PHRASES = (
    "指定交易",
    "限定交易",
    "限定经营",
    "限定购买",
    "限定使用",
    "指定经营者",
    "指定的经营者",
    "本地企业优先",
    "优先采购本地",
    "优先选用本地",
    "限于本地",
    "外地企业不得",
    "排斥外地",
    "限制外地",
    "地方保护",
    "设置市场准入",
    "违规给予优惠",
    "歧视性",
)
COMPETITION_PATTERN = re.compile("|".join(re.escape(p) for p in COMPETITION_PHRASES))
CONTEXT = 12


@dataclass(frozen=True)
class Finding:
    kind: str
    phrase: str
    start: int
    end: int
    before: str
    after: str

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]

    def as_json(self) -> dict:
        return asdict(self) | {"kind_label": self.kind_label}


def check(text: str) -> list[Finding]:
    """Every finding in `text`, in the order of the text."""
    found = [_finding(CATCH_ALL, m, text) for m in CATCH_ALL_PATTERN.finditer(text or "")]
    found += [_finding(COMPETITION, m, text) for m in COMPETITION_PATTERN.finditer(text or "")]
    return sorted(found, key=lambda f: (f.start, f.end))


def _finding(kind: str, match: re.Match, text: str) -> Finding:
    start, end = match.span()
    return Finding(
        kind, match.group(), start, end, text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]
    )
