"""Where the registry is: the folder named with --root, else the one that holds the current folder, found
upward as git finds its repository (generator/settings.py: find_root, current_root). Real folders in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import UsageError
from generator.settings import current_root, find_root

from .support.registry import make_root


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_root(tmp_path / "repo")


def test_the_top_of_a_registry_is_its_own_root(root: Path) -> None:
    assert find_root(root) == root.resolve()


@pytest.mark.parametrize("inside", ["registry", "registry/coalitions", "schema", "docs/deeper/still"])
def test_a_folder_inside_finds_the_registry_above_it(root: Path, inside: str) -> None:
    (root / inside).mkdir(parents=True, exist_ok=True)
    assert find_root(root / inside) == root.resolve()


def test_the_nearest_registry_wins(root: Path) -> None:
    inner = make_root(root / "tests" / "copy")
    (inner / "registry" / "coalitions" / "notes").mkdir()
    assert find_root(inner / "registry" / "coalitions" / "notes") == inner.resolve()


def test_a_folder_with_registry_but_no_schema_is_passed_over(root: Path) -> None:
    (root / "tools" / "registry").mkdir(parents=True)
    assert find_root(root / "tools") == root.resolve()


def test_a_link_into_the_registry_finds_the_registry_it_leads_to(root: Path, tmp_path: Path) -> None:
    link = tmp_path / "elsewhere" / "coalitions"
    link.parent.mkdir()
    link.symlink_to(root / "registry" / "coalitions")
    assert find_root(link) == root.resolve()


@pytest.mark.parametrize(("made", "missing"), [((), "registry/"), (("registry",), "schema/")])
def test_no_registry_here_or_above_is_a_usage_error_that_names_the_folder(tmp_path: Path, made: tuple[str, ...],
                                                                          missing: str) -> None:
    folder = tmp_path / "plain" / "deeper"
    for name in made:
        (folder / name).mkdir(parents=True)
    folder.mkdir(parents=True, exist_ok=True)
    with pytest.raises(UsageError) as raised:
        find_root(folder)
    assert str(raised.value) == (
        f"{folder.resolve()} is not a registry: it has no {missing} folder, and no folder above it has both "
        "registry/ and schema/ — run the command inside the registry's repository, or name it with --root DIR")


@pytest.mark.parametrize(("inside", "relative"), [("", "."), ("registry", ".."),
                                                  ("registry/coalitions", "../..")])
def test_the_current_root_is_relative_to_the_current_folder(root: Path, inside: str, relative: str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root / inside)
    assert current_root() == Path(relative)
    assert (Path.cwd() / current_root()).resolve() == root.resolve()
