"""A registry repository in a folder, made from this checkout's schema, criteria and governance files."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.model.objects import Registry
    from generator.registry.criteria import CriteriaSettings

CHECKOUT = Path(__file__).resolve().parent.parent.parent
CASES = CHECKOUT / "tests" / "cases"
EXAMPLE = CASES / "valid" / "eligible" / "example-ocean-futures.yml"
TODAY_EPOCH = "1790000000"  # 2026-09-21: a fixed "today" for date-dependent checks


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


def coalition_text(coalition_id: str, maintainers: list[str]) -> str:
    """The example coalition file under another id, kept by other maintainers."""
    return (EXAMPLE.read_text(encoding="utf-8").replace("id: example-ocean-futures", f"id: {coalition_id}")
            .replace("maintainers: [example-volunteer]", f"maintainers: [{', '.join(maintainers)}]"))


@contextmanager
def fixed_epoch() -> Iterator[None]:
    """SOURCE_DATE_EPOCH at TODAY_EPOCH for the block (for work outside a test's monkeypatch, such as a
    session-wide build)."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = TODAY_EPOCH
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def checkout_criteria() -> CriteriaSettings:
    """This checkout's registry/criteria.yml, read through its schema."""
    from generator.registry.criteria import load_criteria_settings

    return load_criteria_settings(CHECKOUT / "registry" / "criteria.yml", CHECKOUT / "schema" / "criteria.schema.json")


def registry_of(root: Path) -> Registry:
    """The publishable registry of the repository at `root`, as the build makes it (validated first: no error)."""
    from generator.model.assemble import build_registry
    from generator.registry.validate import validate
    from generator.settings import make_settings

    with fixed_epoch():
        settings = make_settings(root)
        report = validate(settings, similarity=False)
        assert report.ok, [(p.file, p.rule, p.message) for p in report.problems if p.severity == "error"]
        return build_registry(report, settings)
