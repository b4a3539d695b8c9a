"""Shared fixtures: thin wrappers over tests/support/ (real registry folders in tmp_path, built sites)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .support.registry import EXAMPLE, TODAY_EPOCH, make_root


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)


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
    from .support.sites import build_in, shipped_registry  # the site packages, only when a site is built

    return build_in(shipped_registry(tmp_path_factory.mktemp("shipped") / "repo"))


@pytest.fixture(scope="session")
def synthetic_site(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """200 fictional coalitions (benchmarks/synth.py), built once."""
    from .support.sites import build_in, synthetic_registry

    return build_in(synthetic_registry(tmp_path_factory.mktemp("synthetic") / "repo", 200))
