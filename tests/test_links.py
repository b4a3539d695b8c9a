"""Symbolic links and folders in registry/coalitions/ are reported, never followed or silently skipped."""

from __future__ import annotations

from pathlib import Path

from generator.registry.validate import validate
from generator.settings import make_settings

from .support.registry import make_root


def test_a_symbolic_link_is_refused_and_its_target_never_read(tmp_path: Path, example_text: str) -> None:
    secret = tmp_path / "outside.yml"
    secret.write_text("name: SECRET-OUTSIDE-THE-REPOSITORY\n", encoding="utf-8")
    root = make_root(tmp_path / "repo", {"example-ocean-futures.yml": example_text})
    (root / "registry" / "coalitions" / "linked.yml").symlink_to(secret)
    (root / "registry" / "coalitions" / "a-folder.yml").mkdir()
    report = validate(make_settings(root))
    by_file = {e.file: e for e in report.entries}
    linked = by_file["registry/coalitions/linked.yml"]
    assert [p.rule for p in linked.problems] == ["encoding"]
    assert "symbolic link" in linked.problems[0].message
    assert "SECRET" not in " ".join(p.message for p in report.problems)
    folder = by_file["registry/coalitions/a-folder.yml"]
    assert "folder" in folder.problems[0].message
    assert by_file["registry/coalitions/example-ocean-futures.yml"].ok
    assert not report.ok


def test_a_named_symbolic_link_is_refused_too(tmp_path: Path, example_text: str) -> None:
    root = make_root(tmp_path / "repo", {"example-ocean-futures.yml": example_text})
    link = root / "registry" / "coalitions" / "again.yml"
    link.symlink_to(root / "registry" / "coalitions" / "example-ocean-futures.yml")
    report = validate(make_settings(root), [link])
    assert [e.file for e in report.entries] == ["registry/coalitions/again.yml"]
    assert report.entries[0].problems[0].rule == "encoding"
