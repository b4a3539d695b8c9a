"""One rule for stale entries (generator/registry/stale.py): the validator's `stale` warning and the maintainers'
list of stale entries name the same coalitions, since the same day, with the same latest activity."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.registry.stale import Staleness, staleness
from generator.registry.validate import validate
from generator.settings import make_settings
from generator.site.community import stale_coalitions

from .support.hostile import base_entry, dump
from .support.registry import fixed_epoch, registry_of

TODAY = dt.date(2026, 9, 21)  # tests/support/registry.py: TODAY_EPOCH


def entry(index: int, updates: list[str], milestones: list[str], founded: str | None = None) -> str:
    data: dict[str, Any] = base_entry(index)
    data["updates"] = [{"date": day, "title": "Progress"} for day in updates]
    data["workplan"] = [{"date": day, "title": "Step", "status": "done"} for day in milestones]
    if founded:
        data["founded"] = founded
    return dump(data)


# Active by an update, stale since an old milestone, active by its founding, stale with only a milestone ahead,
# stale since its founding long ago.
ENTRIES = {
    "hostile-0001.yml": entry(1, ["2026-09-01"], []),
    "hostile-0002.yml": entry(2, ["2024-05-01"], ["2025-01-01"]),
    "hostile-0003.yml": entry(3, [], [], "2026-03-01"),
    "hostile-0004.yml": entry(4, [], ["2027-01-01"]),  # a milestone ahead is no activity
    "hostile-0005.yml": entry(5, [], [], "2020-01-01"),
}


def test_the_validator_and_the_maintainers_page_name_the_same_stale_entries(
        registry_root: Callable[..., Path]) -> None:
    root = registry_root(ENTRIES)
    with fixed_epoch():
        report = validate(make_settings(root), similarity=False)
    warned = {Path(p.file).stem: p.message for p in report.problems if p.rule == "stale"}
    listed, since = stale_coalitions(registry_of(root), 12)
    assert set(warned) == {s.coalition.id for s in listed} == {"hostile-0002", "hostile-0004", "hostile-0005"}
    for stale in listed:
        seen = f"the latest is {stale.latest}" if stale.latest else "there are none"
        assert f"no update or milestone since {since} ({seen})" in warned[stale.coalition.id]
    assert {s.coalition.id: s.latest for s in listed} == {"hostile-0002": "2025-01-01", "hostile-0004": "",
                                                          "hostile-0005": "2020-01-01"}


@pytest.mark.parametrize(("updates", "milestones", "founded", "stale", "latest"), [
    (["2025-09-21"], [], "", False, "2025-09-21"),  # the window's first day counts
    (["2025-09-20"], [], "", True, "2025-09-20"),
    ([], ["2026-12-01"], "", True, ""),  # a milestone after today counts neither as activity nor as the latest
    ([], [], "2026-09-21", False, "2026-09-21"),
])
def test_staleness(updates: list[str], milestones: list[str], founded: str, stale: bool, latest: str) -> None:
    assert staleness(TODAY, 12, updates, milestones, founded) == Staleness(stale, "2025-09-21", latest)
