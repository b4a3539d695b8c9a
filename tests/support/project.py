"""This project copied into a test's repository: what the pull-request workflows check out from the base branch."""

from __future__ import annotations

import shutil
from pathlib import Path

from .registry import CHECKOUT

PROJECT = ("generator", "schema", "registry", "site_templates", ".github", "mkdocs.yml", "pyproject.toml")


def copy_project(root: Path, registry_maintainers: tuple[str, ...] = ("registry-lead",)) -> Path:
    """The project's files in `root` (made here), with the given registry maintainers."""
    root.mkdir(parents=True)
    for name in PROJECT:
        source = CHECKOUT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy(source, root / name)
    (root / "registry" / "maintainers.yml").write_text(f"maintainers: [{', '.join(registry_maintainers)}]\n",
                                                       encoding="utf-8")
    return root
