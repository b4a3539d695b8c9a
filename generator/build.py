"""Build the public site: validate → model → render → write the docs folder → MkDocs build → swap in.

The pages are generated as files before the site build, so the same docs folder also builds with
Zensical; the MkDocs build gets hooks (site_hooks.py) that only save work and mend the theme's
markup. The output is built in a temporary folder next to the target and swapped in only when the
build succeeded, so a failed build leaves the previous site untouched.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from .load import load_file
from .model import Registry, build_registry
from .problems import ImpactError
from .render import Files, Renderer, SiteInfo
from .schemas import load_schema
from .settings import TOOL_DIR, Settings
from .validate import Report, validate

TEMPLATES = TOOL_DIR / "site_templates"
HOOKS = Path(__file__).with_name("site_hooks.py")


@dataclass(frozen=True)
class BuildResult:
    site_dir: Path
    docs_dir: Path
    config_file: Path
    coalitions: int
    pages_written: int


class BuildRefused(ImpactError):
    """Validation found errors: nothing is built, and the bad files are named."""

    def __init__(self, report: Report) -> None:
        bad = sorted({p.file for p in report.problems if p.severity == "error"})
        super().__init__(f"the site was not built: {len(bad)} file{'s' * (len(bad) != 1)} with errors — "
                         + ", ".join(bad) + " — run `impact validate` for the details")
        self.report = report


def site_config(settings: Settings) -> dict[str, Any]:
    path = settings.root / "mkdocs.yml"
    loaded = load_file(path, "mkdocs.yml")
    if loaded.document is None:
        details = "; ".join(f"line {p.line}: {p.message}" for p in loaded.problems)
        raise ImpactError(f"{path} cannot be read: {details}")
    return dict(loaded.document.data)


def site_info(config: dict[str, Any]) -> SiteInfo:
    extra = config.get("extra") or {}
    url = str(config.get("site_url") or "/")
    return SiteInfo(name=str(config.get("site_name", "ImPACT Coalitions Registry")),
                    url=url if url.endswith("/") else url + "/",
                    repository=str(extra.get("repository", "")).rstrip("/"), branch=str(extra.get("branch", "main")))


def _manifest_path(target: Path) -> Path:
    return target.with_name(f"{target.name}.manifest.json")


def _read_manifest(target: Path) -> dict[str, list[Any]]:
    """What the last write_tree left in `target`: name → [size, mtime_ns, digest]; {} if unknown."""
    try:
        manifest = json.loads(_manifest_path(target).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = manifest.get("files") if isinstance(manifest, dict) and manifest.get("version") == 1 else None
    return files if isinstance(files, dict) else {}


def _replace(path: Path, content: bytes) -> None:
    """Write a new file over the old one rather than into it: the built site may hold a hard link to it."""
    fresh = path.with_name(f".{path.name}.new")
    fresh.write_bytes(content)
    fresh.replace(path)


def write_tree(target: Path, files: Files, static: Path) -> int:
    """Make `target` hold exactly `files` plus the static assets; rewrite only files whose content changed.

    A manifest beside the folder records each file's size, modification time and digest as written, so
    an unchanged file costs a stat instead of a read; a file changed since (other size or time) is read.
    """
    wanted: dict[str, bytes] = {}
    for name, content in files.items():
        wanted[name] = content.encode("utf-8") if isinstance(content, str) else content
    for path in static.rglob("*"):
        if path.is_file():
            wanted[f"assets/{path.relative_to(static).as_posix()}"] = path.read_bytes()
    known = _read_manifest(target)
    manifest: dict[str, list[Any]] = {}
    written = 0
    for name, content in wanted.items():
        path = target / name
        digest = hashlib.blake2b(content, digest_size=16).hexdigest()
        try:
            stat = path.stat()
        except OSError:
            stat = None
        if stat is not None and stat.st_size == len(content):
            entry = [stat.st_size, stat.st_mtime_ns, digest]
            if known.get(name) == entry or path.read_bytes() == content:
                manifest[name] = entry
                continue
        path.parent.mkdir(parents=True, exist_ok=True)
        _replace(path, content)
        stat = path.stat()
        manifest[name] = [stat.st_size, stat.st_mtime_ns, digest]
        written += 1
    top = str(target)
    for folder, _, names in os.walk(top, topdown=False):  # left over from earlier builds: removed
        prefix = folder[len(top) + 1:].replace(os.sep, "/")
        for name in names:
            if (f"{prefix}/{name}" if prefix else name) not in wanted:
                Path(folder, name).unlink()
        if prefix and not any(Path(folder).iterdir()):
            Path(folder).rmdir()
    _replace(_manifest_path(target), json.dumps({"version": 1, "files": manifest}, separators=(",", ":")).encode())
    return written


def resolved_config(config: dict[str, Any]) -> dict[str, Any]:
    """mkdocs.yml for build/: docs in build/docs, the theme overrides from this tool.

    `impact build` overrides site_dir; `zensical build -f build/mkdocs.yml` writes build/site/.
    """
    resolved = dict(config)
    resolved["docs_dir"] = "docs"
    resolved["site_dir"] = "site"
    theme = dict(resolved.get("theme") or {"name": "material"})
    theme["custom_dir"] = str(TEMPLATES / "overrides")
    resolved["theme"] = theme
    return resolved


@contextmanager
def _source_date(today: dt.date) -> Iterator[None]:
    """MkDocs dates the sitemap from SOURCE_DATE_EPOCH: pin it to the registry's date."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    if before is None:
        os.environ["SOURCE_DATE_EPOCH"] = str(int(dt.datetime(today.year, today.month, today.day,
                                                              tzinfo=dt.UTC).timestamp()))
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)


def generate(settings: Settings, report: Report, config: dict[str, Any]) -> tuple[Registry, Files]:
    registry = build_registry(report, settings)
    schema = load_schema(settings.schema_path).schema  # already checked by the validation
    renderer = Renderer(TEMPLATES, site_info(config), report.criteria_settings, schema)
    return registry, renderer.all_files(registry)


def _mkdocs_build(config_file: Path, site_dir: Path) -> None:
    from mkdocs.commands.build import build as mkdocs_build  # heavy import, only when building
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True,
                             hooks=[str(HOOKS)])
        mkdocs_build(config)
    except (MkDocsException, OSError) as exc:
        raise ImpactError(f"the MkDocs build failed: {exc}") from exc
    except SystemExit as exc:  # MkDocs exits on some configuration errors
        raise ImpactError(f"the MkDocs build stopped: {exc}") from exc


def _mend_theme(site: Path) -> None:
    """Theme-level fixes on the built site (not on entry content); the markup fixes run as hooks."""
    # The search language packs: the site has no search index, and their licence headers carry an
    # author's e-mail address (the site must carry none in plain text).
    shutil.rmtree(site / "assets" / "javascripts" / "lunr", ignore_errors=True)


def build_site(settings: Settings, out: Path | None = None) -> BuildResult:
    # Errors stop the build; warnings do not show on the site, and the maintainers' page finds similar
    # proposals itself, so the validator's similarity screen is skipped.
    report = validate(settings, similarity=False)
    if not report.ok:
        raise BuildRefused(report)
    config = site_config(settings)
    site_dir = (out or settings.root / "site").resolve()
    work = settings.root.resolve() / "build"
    docs_dir = work / "docs"
    registry, files = generate(settings, report, config)
    written = write_tree(docs_dir, files, TEMPLATES / "assets")
    config_file = work / "mkdocs.yml"
    yaml = YAML()
    yaml.default_flow_style = False
    with config_file.open("w", encoding="utf-8") as stream:
        stream.write("# Generated by `impact build` from mkdocs.yml — do not edit.\n")
        yaml.dump(resolved_config(config), stream)
    staging = site_dir.with_name(f".{site_dir.name}.building")
    shutil.rmtree(staging, ignore_errors=True)
    with _source_date(settings.today):
        _mkdocs_build(config_file, staging)
    _mend_theme(staging)
    previous = site_dir.with_name(f".{site_dir.name}.previous")
    shutil.rmtree(previous, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(previous)
    staging.rename(site_dir)
    shutil.rmtree(previous, ignore_errors=True)
    return BuildResult(site_dir, docs_dir, config_file, len(registry.coalitions), written)
