"""One rule for stale entries (generator/registry/stale.py): the validator's `stale` warning and the maintainers'
list of stale entries name the same coalitions, since the same day, with the same latest activity. Stale means
old on both counts — the file's last commit and its updates or milestones — and no milestone ahead (#14, item 6).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.registry.stale import Staleness, staleness
from generator.registry.validate import check_coalition_text, validate
from generator.settings import make_settings
from generator.site.community import stale_coalitions

from .support.git import git_commit_all, without_user_configuration
from .support.hostile import base_entry, dump
from .support.registry import fixed_epoch, registry_of

TODAY = dt.date(2026, 9, 21)  # tests/support/registry.py: TODAY_EPOCH
LONG_AGO = "2024-01-15"  # a commit well before the 12 months up to TODAY
RECENTLY = "2026-09-01"


@pytest.fixture(autouse=True)
def _git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    without_user_configuration(tmp_path, monkeypatch)


def entry(index: int, updates: list[str], milestones: list[str], founded: str | None = None) -> str:
    data: dict[str, Any] = base_entry(index)
    data["updates"] = [{"date": day, "title": "Progress"} for day in updates]
    data["workplan"] = [{"date": day, "title": "Step", "status": "done"} for day in milestones]
    if founded:
        data["founded"] = founded
    return dump(data)


def stale_warnings(root: Path) -> dict[str, str]:
    with fixed_epoch():
        report = validate(make_settings(root), similarity=False)
    return {Path(p.file).stem: p.message for p in report.problems if p.rule == "stale"}


# Committed long ago: stale since an old milestone, active by an update, active by its founding, kept fresh by a
# milestone ahead, stale since its founding long ago.
OLD_FILES = {
    "hostile-0001.yml": entry(1, ["2024-05-01"], ["2025-01-01"]),
    "hostile-0002.yml": entry(2, ["2026-09-01"], []),
    "hostile-0003.yml": entry(3, [], [], "2026-03-01"),
    "hostile-0004.yml": entry(4, [], ["2027-01-01"]),
    "hostile-0005.yml": entry(5, [], [], "2020-01-01"),
}


def test_the_validator_and_the_maintainers_page_name_the_same_stale_entries(
        registry_root: Callable[..., Path]) -> None:
    root = registry_root(OLD_FILES)
    git_commit_all(root, "old entries", LONG_AGO)
    coalitions = root / "registry" / "coalitions"
    (coalitions / "hostile-0006.yml").write_text(entry(6, [], []), encoding="utf-8")  # edited lately
    git_commit_all(root, "a recent entry", RECENTLY)
    (coalitions / "hostile-0007.yml").write_text(entry(7, [], []), encoding="utf-8")  # not committed yet
    warned = stale_warnings(root)
    listed, since = stale_coalitions(registry_of(root), 12)
    assert set(warned) == {s.coalition.id for s in listed} == {"hostile-0001", "hostile-0005"}
    for stale in listed:
        seen = f"the latest is {stale.latest}" if stale.latest else "there are none"
        assert f"no update or milestone since {since} ({seen}), and the file was last changed on {LONG_AGO}" \
            in warned[stale.coalition.id]
    assert {s.coalition.id: s.latest for s in listed} == {"hostile-0001": "2025-01-01", "hostile-0005": "2020-01-01"}


def test_a_brand_new_entry_with_its_milestones_ahead_is_not_stale(registry_root: Callable[..., Path]) -> None:
    """The user study's case: a new entry, no update yet, its work plan in the future."""
    text = entry(8, [], ["2026-10-01", "2027-03-01"])
    root = registry_root()
    git_commit_all(root, "the registry", LONG_AGO)  # the registry is old; the entry is not committed yet
    (root / "registry" / "coalitions" / "hostile-0008.yml").write_text(text, encoding="utf-8")
    assert stale_warnings(root) == {}
    with fixed_epoch():
        report = check_coalition_text(text, "registry/coalitions/hostile-0008.yml", make_settings(root))
    assert "stale" not in {p.rule for p in report.problems}


def test_a_file_never_committed_is_not_stale_even_without_activity(registry_root: Callable[..., Path]) -> None:
    root = registry_root({"hostile-0009.yml": entry(9, [], [], "2020-01-01")})
    assert stale_warnings(root) == {}  # no repository at all
    git_commit_all(root, "old", LONG_AGO)
    assert set(stale_warnings(root)) == {"hostile-0009"}


def test_a_recent_commit_to_the_file_keeps_it_from_being_stale(registry_root: Callable[..., Path]) -> None:
    root = registry_root({"hostile-0010.yml": entry(10, ["2024-05-01"], [])})
    git_commit_all(root, "old", LONG_AGO)
    assert set(stale_warnings(root)) == {"hostile-0010"}
    path = root / "registry" / "coalitions" / "hostile-0010.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("Progress", "Progress made"), encoding="utf-8")
    git_commit_all(root, "a correction", RECENTLY)
    assert stale_warnings(root) == {}


@pytest.mark.parametrize(("updates", "milestones", "founded", "changed", "stale", "latest"), [
    (["2025-09-21"], [], "", LONG_AGO, False, "2025-09-21"),  # the window's first day counts
    (["2025-09-20"], [], "", LONG_AGO, True, "2025-09-20"),
    (["2025-09-20"], [], "", "2025-09-21", False, "2025-09-20"),  # so does a commit on that day
    (["2025-09-20"], [], "", "2025-09-20", True, "2025-09-20"),
    (["2025-09-20"], [], "", "", False, "2025-09-20"),  # no commit: never stale
    ([], ["2026-12-01"], "", LONG_AGO, False, ""),  # a milestone ahead: a plan in progress, not activity
    ([], ["2025-01-01", "2026-12-01"], "", LONG_AGO, False, "2025-01-01"),
    ([], [], "2026-09-21", LONG_AGO, False, "2026-09-21"),
    (["2026-09-22"], [], "", LONG_AGO, True, ""),  # an update dated tomorrow says nothing about today
])
def test_staleness(updates: list[str], milestones: list[str], founded: str, changed: str, stale: bool,
                   latest: str) -> None:
    assert staleness(TODAY, 12, updates, milestones, founded, changed) == \
        Staleness(stale, "2025-09-21", latest, changed)
