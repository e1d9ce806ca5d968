"""督办's indicators counted by hand over two years of items taken through the services.

item                        unit    2024                          2025
on_time_2024                SL-A    assigned, closed on time      —
late_2024                   SL-A    assigned, closed late         —
carried_over                SL-A    assigned, overdue at the end  closed late
extended                    SL-A1   —                             assigned, closed on time (延期)
returned_on_time            SL-B    —                             assigned, returned, closed on time
returned_after_late_report  SL-B    —                             assigned, late, returned, closed late
open_overdue                SL-A    —                             assigned, overdue at the end
open_not_yet_due            SL-A1   —                             assigned, due in 2026
reported_awaiting_closure   SL-B    —                             assigned, reported on time, open
reported_late_open          SL-A    —                             assigned, reported late, overdue
never_assigned              SL-A    (a draft: counted nowhere)
"""

import datetime
import importlib

import pytest
from django.apps import apps

from fazhi.conftest import make_user
from fazhi.core import indicators as registry
from fazhi.core.indicators import Scope
from fazhi.supervision import services
from fazhi.supervision.models import SupervisionItem

D = datetime.date
KEYS = ("items_assigned", "items_closed", "items_closed_on_time", "items_overdue")

# item: (unit, its steps: "verb on[ →due date]"); 签收 follows 交办 on the same day.
STORIES = {
    "on_time_2024": ("own", "assign 2024-03-01 →2024-04-30; report 2024-04-20; close 2024-04-25"),
    "late_2024": ("own", "assign 2024-05-06 →2024-06-01; report 2024-06-20; close 2024-06-25"),
    "carried_over": ("own", "assign 2024-11-01 →2024-12-15; report 2025-01-10; close 2025-01-15"),
    "extended": (
        "child",
        "assign 2025-02-03 →2025-03-03; extend 2025-02-25 →2025-04-30; report 2025-04-21; close 2025-04-28",
    ),
    "returned_on_time": (
        "sibling",
        "assign 2025-03-03 →2025-04-01; report 2025-03-25; return 2025-03-28 →2025-05-15; "
        "report 2025-05-12; close 2025-05-13",
    ),
    "returned_after_late_report": (
        "sibling",
        "assign 2025-03-03 →2025-04-01; report 2025-04-10; return 2025-04-11 →2025-05-30; "
        "report 2025-05-20; close 2025-05-26",
    ),
    "open_overdue": ("own", "assign 2025-09-01 →2025-10-31"),
    "open_not_yet_due": ("child", "assign 2025-12-01 →2026-01-30"),
    "reported_awaiting_closure": ("sibling", "assign 2025-10-09 →2025-11-28; report 2025-11-20"),
    "reported_late_open": ("own", "assign 2025-10-09 →2025-11-14; report 2025-12-01"),
    "never_assigned": ("own", ""),
}

# (scope's org, subtree, year) -> the items behind each indicator, counted by hand.
EXPECTED = {
    ("city", True, 2024): {
        "items_assigned": {"on_time_2024", "late_2024", "carried_over"},
        "items_closed": {"on_time_2024", "late_2024"},
        "items_closed_on_time": {"on_time_2024"},
        "items_overdue": {"carried_over"},
    },
    ("city", True, 2025): {
        "items_assigned": {
            "extended",
            "returned_on_time",
            "returned_after_late_report",
            "open_overdue",
            "open_not_yet_due",
            "reported_awaiting_closure",
            "reported_late_open",
        },
        "items_closed": {"carried_over", "extended", "returned_on_time", "returned_after_late_report"},
        "items_closed_on_time": {"extended", "returned_on_time"},
        "items_overdue": {"open_overdue", "reported_late_open"},
    },
    ("own", True, 2025): {
        "items_assigned": {"extended", "open_overdue", "open_not_yet_due", "reported_late_open"},
        "items_closed": {"carried_over", "extended"},
        "items_closed_on_time": {"extended"},
        "items_overdue": {"open_overdue", "reported_late_open"},
    },
    ("own", False, 2025): {
        "items_assigned": {"open_overdue", "reported_late_open"},
        "items_closed": {"carried_over"},
        "items_closed_on_time": set(),
        "items_overdue": {"open_overdue", "reported_late_open"},
    },
    ("sibling", True, 2024): {key: set() for key in KEYS},
}


@pytest.fixture
def items(people, tree):
    heads = {
        "own": people["head"],
        "child": make_user("child_head", tree["child"], "head"),
        "sibling": make_user("sibling_head", tree["sibling"], "head"),
    }
    return {
        title: _told(people["supervisor"], heads[unit], tree[unit], title, steps)
        for title, (unit, steps) in STORIES.items()
    }


def _told(supervisor, head, org, title, steps: str):
    item = services.draft(supervisor, org, title=title, requirement="按期整改并反馈", source="inspection")
    for step in filter(None, steps.split("; ")):
        verb, on, *due = step.split(" ")
        due_on = D.fromisoformat(due[0].lstrip("→")) if due else None
        item = _step(verb, item, supervisor, head, D.fromisoformat(on), due_on)
    return item


def _step(verb, item, supervisor, head, on, due_on):
    if verb == "assign":
        item = services.assign(item, supervisor, due_on=due_on, on=on)
        return services.accept(item, head, on=on)
    if verb == "extend":
        return services.extend(item, supervisor, due_on=due_on, reason="情况复杂", on=on)
    if verb == "return":
        return services.return_for_rework(item, supervisor, reason="整改不彻底", due_on=due_on, on=on)
    if verb == "report":
        return services.report(item, head, feedback="已整改", on=on)
    return services.close(item, supervisor, opinion="同意办结", on=on)


def scope_of(tree, case) -> Scope:
    unit, subtree, year = case
    return Scope.year(tree[unit], year, subtree=subtree)


def titles(records) -> set[str]:
    return set(records.values_list("title", flat=True))


def test_the_services_date_assignment_and_closure(items):
    item = SupervisionItem.objects.get(pk=items["carried_over"].pk)
    assert (item.assigned_on, item.closed_on) == (D(2024, 11, 1), D(2025, 1, 15))
    draft = SupervisionItem.objects.get(pk=items["never_assigned"].pk)
    assert (draft.assigned_on, draft.closed_on) == (None, None)


@pytest.mark.parametrize("case", list(EXPECTED), ids=lambda c: f"{c[0]}-{'tree' if c[1] else 'own'}-{c[2]}")
def test_each_indicator_counts_the_items_counted_by_hand(items, tree, case):
    scope = scope_of(tree, case)
    for key in KEYS:
        indicator = registry.get(f"supervision.{key}")
        assert titles(indicator.records(scope)) == EXPECTED[case][key], key
        assert indicator.value(scope) == len(EXPECTED[case][key]), key


@pytest.mark.parametrize("case", list(EXPECTED), ids=lambda c: f"{c[0]}-{'tree' if c[1] else 'own'}-{c[2]}")
def test_the_registry_computes_the_same_figures_together(items, tree, case):
    keys = [f"supervision.{key}" for key in KEYS]
    found = registry.figures(scope_of(tree, case), keys)
    assert {k: found[k].value for k in keys} == {
        f"supervision.{k}": len(v) for k, v in EXPECTED[case].items()
    }
    assert all(found[k].unit == "件" and not found[k].missing for k in keys)


def test_the_dashboard_rolls_each_units_own_counts_up(items, tree):
    keys = [f"supervision.{key}" for key in KEYS]
    scope = Scope.year(tree["city"], 2025)
    totals = registry.rolled_up(registry.values_by_org(scope, keys), [tree["own"], tree["sibling"]], keys)
    own = {f"supervision.{k}": len(v) for k, v in EXPECTED[("own", True, 2025)].items()}
    assert totals[tree["own"].pk] == own
    assert totals[tree["sibling"].pk]["supervision.items_closed"] == 2


def test_the_shortcoming_is_drafted_only_when_items_are_overdue(items, tree):
    passages = [p for p in registry.PASSAGES if "supervision.items_overdue" in p.figure_keys()]
    assert [p.part for p in passages] == ["shortcomings"]
    keys = passages[0].figure_keys()
    assert passages[0].shown(registry.figures(Scope.year(tree["city"], 2025), keys))
    assert not passages[0].shown(registry.figures(Scope.year(tree["sibling"], 2025), keys))


def test_every_figure_a_passage_names_is_one_of_ours_or_registered(items):
    measures = [p for p in registry.PASSAGES if p.heading == "强化督察督办"]
    assert [p.part for p in measures] == ["measures"]
    assert set(measures[0].figure_keys()) == {
        "supervision.items_assigned",
        "supervision.items_closed",
        "supervision.items_closed_on_time",
    }


def test_the_migration_dates_existing_items_from_clocks_and_the_audit_trail(items):
    SupervisionItem.objects.update(assigned_on=None, closed_on=None)
    migration = importlib.import_module("fazhi.supervision.migrations.0002_dated_steps")
    migration.date_steps(apps, None)
    dated = {i.title: (i.assigned_on, i.closed_on) for i in SupervisionItem.objects.all()}
    assert dated["carried_over"] == (D(2024, 11, 1), D(2025, 1, 15))
    assert dated["returned_on_time"] == (D(2025, 3, 3), D(2025, 5, 13))  # the first clock, not the return's
    assert dated["open_overdue"] == (D(2025, 9, 1), None)
    assert dated["never_assigned"] == (None, None)
