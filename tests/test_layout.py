"""The package's shape (issue #13): modules of one job, none over 400 lines; one package at the checkout's top
level, where nothing may be named like a standard-library module (sys.path starts there in the checkout)."""

from __future__ import annotations

import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
MAX_LINES = 400


def test_no_module_is_over_400_lines() -> None:
    long = {str(p.relative_to(PACKAGE.parent)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"split these into modules of one job: {long}"


def test_nothing_importable_at_the_top_level_shadows_the_standard_library() -> None:
    top = PACKAGE.parent
    importable = {p.stem for p in top.glob("*.py")} | {p.name for p in top.iterdir() if (p / "__init__.py").is_file()}
    assert importable == {"generator", "tests", "benchmarks"}, importable
    assert not importable & sys.stdlib_module_names


def test_every_stage_is_a_package_the_layers_contract_names() -> None:
    import tomllib

    config = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    stages = next(c for c in config["contracts"] if c["name"].startswith("Stages"))
    named = {part.strip() for layer in stages["layers"] for part in layer.split("|")}
    present = {f"generator.{p.stem}" for p in PACKAGE.glob("*.py") if p.stem != "__init__"} | \
        {f"generator.{p.name}" for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert present == named, f"not in a layer: {present - named}; named but absent: {named - present}"
