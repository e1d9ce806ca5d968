"""How a statutory rule is declared: its number, unit, what pauses it, its citation, its date.

Each system declares its rules once, in its own procedure.py; `register` collects them so
that `fazhi rules`, the help pages and the clocks all read the same declaration. A rule may
have several versions (a new `since` when the law changes); a clock binds to the version
in force on the day it starts.
"""

import datetime
from dataclasses import dataclass, field

from .models import Unit


@dataclass(frozen=True)
class Citation:
    law: str  # the law's full title, with 《》
    article: str = ""  # 第三十三条第二款

    def __str__(self) -> str:
        return f"{self.law}{self.article}"


@dataclass(frozen=True)
class Deadline:
    key: str  # system.name, e.g. "disclosure.reply"
    name: str  # 答复期限
    amount: int | None  # None: set per record (e.g. a date chosen by the assigning body)
    unit: Unit
    cite: Citation
    since: datetime.date
    pauses: tuple[str, ...] = ()  # what pauses or restarts it, in the law's words
    extension: str = ""  # how far, by whom
    confidence: str = "verified"  # LAW.md's mark; "likely"/"unsure" are configurable locally
    configurable: bool = False
    notes: str = ""

    def as_json(self) -> dict:
        return {
            "key": self.key,
            "name": self.name,
            "amount": self.amount,
            "unit": self.unit.value,
            "unit_label": self.unit.label,
            "pauses": list(self.pauses),
            "extension": self.extension,
            "basis": str(self.cite),
            "effective_from": self.since.isoformat(),
            "confidence": self.confidence,
            "configurable": self.configurable,
        }


@dataclass
class Registry:
    rules: dict[str, list[Deadline]] = field(default_factory=dict)

    def add(self, *deadlines: Deadline) -> None:
        for rule in deadlines:
            versions = self.rules.setdefault(rule.key, [])
            if any(v.since == rule.since for v in versions):
                raise ValueError(f"rule {rule.key} declared twice for {rule.since}")
            versions.append(rule)
            versions.sort(key=lambda v: v.since)

    def in_force(self, key: str, on: datetime.date) -> Deadline:
        """The version of rule `key` that applies to a period starting on `on`."""
        versions = [v for v in self.rules[key] if v.since <= on]
        if not versions:
            raise LookupError(f"规则 {key} 在 {on} 尚未施行。")
        return versions[-1]

    def version(self, key: str, since: datetime.date) -> Deadline:
        return next(v for v in self.rules[key] if v.since == since)

    def all(self) -> list[Deadline]:
        return [v for key in sorted(self.rules) for v in self.rules[key]]


RULES = Registry()


def register(*deadlines: Deadline) -> None:
    RULES.add(*deadlines)
