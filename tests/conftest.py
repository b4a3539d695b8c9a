"""Shared fixtures: real registry folders in tmp_path, built from this checkout's schema and criteria."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"
EXAMPLE = CASES / "valid" / "eligible" / "example-ocean-futures.yml"
TODAY_EPOCH = "1790000000"  # 2026-09-21: a fixed "today" for date-dependent checks


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)


def make_root(path: Path, files: dict[str, str | bytes] | None = None, *, with_real_registry: bool = False) -> Path:
    """A registry repository in `path`: schema/, registry/criteria.yml, decisions.yml, maintainers.yml, mkdocs.yml.

    `files` maps names inside registry/coalitions/ to their text or bytes.
    """
    (path / "registry" / "coalitions").mkdir(parents=True, exist_ok=True)
    shutil.copytree(CHECKOUT / "schema", path / "schema", dirs_exist_ok=True)
    for name in ("criteria.yml", "decisions.yml", "maintainers.yml"):
        shutil.copy(CHECKOUT / "registry" / name, path / "registry" / name)
    if (CHECKOUT / "mkdocs.yml").exists():
        shutil.copy(CHECKOUT / "mkdocs.yml", path / "mkdocs.yml")
    if with_real_registry:
        shutil.copytree(CHECKOUT / "registry" / "coalitions", path / "registry" / "coalitions", dirs_exist_ok=True)
    for name, content in (files or {}).items():
        target = path / "registry" / "coalitions" / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return path


@pytest.fixture
def registry_root(tmp_path: Path) -> Callable[..., Path]:
    """Call with {file name: content} to get a registry repository in tmp_path."""

    def build(files: dict[str, str | bytes] | None = None, **kwargs: bool) -> Path:
        return make_root(tmp_path / "repo", files, **kwargs)

    return build


@pytest.fixture
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The shipped registry, in a real git repository, built once."""
    from .sites import build_in, shipped_registry

    return build_in(shipped_registry(tmp_path_factory.mktemp("shipped") / "repo"))


@pytest.fixture(scope="session")
def synthetic_site(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """200 fictional coalitions (benchmarks/synth.py), built once."""
    from .sites import build_in, synthetic_registry

    return build_in(synthetic_registry(tmp_path_factory.mktemp("synthetic") / "repo", 200))
