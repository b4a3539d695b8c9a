"""One frozen settings object, built once: where the registry is and what "today" means."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ImpactError, UsageError
from generator.git import last_commit_time

TOOL_DIR = Path(__file__).resolve().parent.parent  # in a checkout (editable install): holds site_templates/


@dataclass(frozen=True, kw_only=True)
class Settings:
    root: Path
    today: dt.date

    @property
    def registry_dir(self) -> Path:
        return self.root / "registry"

    @property
    def coalitions_dir(self) -> Path:
        return self.root / "registry" / "coalitions"

    @property
    def schema_path(self) -> Path:
        return self.root / "schema" / "coalition.schema.json"

    @property
    def criteria_path(self) -> Path:
        return self.root / "registry" / "criteria.yml"

    @property
    def decisions_path(self) -> Path:
        return self.root / "registry" / "decisions.yml"

    @property
    def maintainers_path(self) -> Path:
        return self.root / "registry" / "maintainers.yml"

    def display(self, path: Path) -> str:
        """A path as the user sees it in messages: relative to the repository when inside it."""
        try:  # abspath, not resolve(): a symbolic link is shown (and refused) as itself
            return Path(os.path.abspath(path)).relative_to(os.path.abspath(self.root)).as_posix()  # noqa: PTH100
        except ValueError:
            return path.as_posix()


def registry_today(root: Path) -> dt.date:
    """The registry's "today": SOURCE_DATE_EPOCH, else the last commit's date, else the newest file.

    Never the wall clock, so one commit always validates and builds the same way.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
        except (ValueError, OverflowError, OSError) as exc:
            raise ImpactError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds") from exc
    committed = last_commit_time(root)
    if committed is not None:
        return dt.datetime.fromtimestamp(committed, tz=dt.UTC).date()
    stamps = [p.stat().st_mtime for p in (root / "registry").rglob("*.yml") if p.is_file()]
    if stamps:
        return dt.datetime.fromtimestamp(max(stamps), tz=dt.UTC).date()
    return dt.date(2024, 5, 10)  # ImPACT Day: an empty registry still needs a fixed date


def find_root(start: Path) -> Path:
    """The registry that holds `start`: the first of it and its parents with registry/ and schema/ folders,
    found upward as git finds its repository. Raises UsageError, naming `start`, when there is none."""
    folder = start.resolve()  # the folders it is really in, as git walks them
    for candidate in (folder, *folder.parents):
        if (candidate / "registry").is_dir() and (candidate / "schema").is_dir():
            return candidate
    missing = "schema/" if (folder / "registry").is_dir() else "registry/"
    raise UsageError(f"{folder} is not a registry: it has no {missing} folder, and no folder above it has both "
                     "registry/ and schema/ — run the command inside the registry's repository, or name it with "
                     "--root DIR")


def current_root() -> Path:
    """The registry that holds the current folder, relative to it (`.` at its top, `..` in registry/):
    paths given on the command line and the ones messages show read as they did from the top."""
    return Path(os.path.relpath(find_root(Path.cwd())))


def make_settings(root: Path | str = ".") -> Settings:
    root = Path(root)
    if not (root / "registry").is_dir():
        raise ImpactError(f"{root} is not a registry: it has no registry/ folder — run the command in the "
                          "repository, or name it with --root DIR")
    return Settings(root=root, today=registry_today(root))
