"""The home page's lists: each system registers a provider of rows for a user."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from .models import CalendarDay

PROVIDERS: list[Callable] = []


@dataclass(frozen=True)
class Row:
    system: str
    title: str
    url: str
    org: str
    state: str
    light: str
    due_on: datetime.date | None
    todo: bool  # the user can take the next step


def register(provider: Callable) -> None:
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)


def rows_for(user, today: datetime.date) -> list[Row]:
    rows = [row for provider in PROVIDERS for row in provider(user, today)]
    order = {"red": 0, "yellow": 1, "green": 2, "paused": 3, "done": 4}
    return sorted(rows, key=lambda r: (order.get(r.light, 5), r.due_on or datetime.date.max))


def distance_label(today: datetime.date, due: datetime.date | None, ordinals: dict) -> str:
    """ "剩余3个工作日" / "今天到期" / "已超期2个工作日", from preloaded ordinals."""
    if due is None or today not in ordinals or due not in ordinals:
        return ""
    n = ordinals[due] - ordinals[today]
    if due == today:
        return "今天到期"
    if due > today:
        return f"剩余{max(n, 0)}个工作日" if n else "下一个工作日到期"
    return f"已超期{-n}个工作日" if n else "已超期"


def ordinals_for(dates) -> dict:
    return dict(CalendarDay.objects.filter(date__in=set(dates)).values_list("date", "ordinal"))


# subject_type ("app.model") -> (system name, URL name taking the record's pk, model)
SUBJECTS: dict[str, tuple[str, str, type]] = {}


def register_subject(subject_type: str, system: str, url_name: str, model) -> None:
    SUBJECTS[subject_type] = (system, url_name, model)


def subject_titles(rows) -> dict[tuple[str, int], str]:
    """{(subject_type, id): str(record)} for clock rows, one query per kind of record."""
    wanted: dict[str, set[int]] = {}
    for row in rows:
        wanted.setdefault(row["subject_type"], set()).add(row["subject_id"])
    titles = {}
    for subject_type, ids in wanted.items():
        if subject_type in SUBJECTS:
            for record in SUBJECTS[subject_type][2].objects.filter(pk__in=ids):
                titles[(subject_type, record.pk)] = str(record)
    return titles


def subject_link(subject_type: str, subject_id: int) -> tuple[str, str | None]:
    from django.urls import reverse

    if subject_type not in SUBJECTS:
        return subject_type, None
    system, url_name, _ = SUBJECTS[subject_type]
    return system, reverse(url_name, args=[subject_id])
