"""Build the public site: validate → model → render → write the docs folder → MkDocs build → swap in.

The pages are generated as files before the site build, so the same docs folder also builds with
Zensical; the MkDocs build gets hooks (site_hooks.py) that only save work and mend the theme's
markup. Before MkDocs runs, every generated page is read back with MkDocs' own front-matter reader
(front_matter.check_pages): a page whose entry text would go through Markdown stops the build.

Each site language is its own MkDocs build (languages.py): English at the site's root with the files every
language shares (badges, open data, feeds, the schema), the others in /<code>/. One build per repository at a
time, swapped in whole only when every language built (publish.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from generator import parallel
from generator.errors import BuildRefused, ImpactError
from generator.i18n.languages import ENGLISH, site_prefix
from generator.model.assemble import build_registry, in_language
from generator.model.objects import Registry
from generator.registry.report import Report
from generator.registry.schemas import load_schema
from generator.registry.validate import validate
from generator.settings import TOOL_DIR, Settings
from generator.site.config import placeholder_warnings, site_config, site_info, site_languages
from generator.site.front_matter import check_pages
from generator.site.languages import language_config
from generator.site.pages import all_files
from generator.site.publish import build_lock, remove_leftovers, sigterm_stops, swap_in, to_stderr
from generator.site.render import Files, Renderer


def _shipped_templates() -> Path:
    """The templates the tool ships: inside the package when installed from a wheel, beside it in a checkout."""
    packaged = Path(__file__).parent.parent / "site_templates"
    return packaged if packaged.is_dir() else TOOL_DIR / "site_templates"


TEMPLATES = _shipped_templates()
HOOKS = Path(__file__).with_name("hooks.py")


@dataclass(frozen=True)
class BuildResult:
    site_dir: Path
    docs_dir: Path
    config_file: Path  # English's; build/<code>/mkdocs.yml for the other languages
    coalitions: int
    languages: tuple[str, ...] = (ENGLISH.code,)


def templates_dir(settings: Settings) -> Path:
    """The registry's own site_templates/ when it has one (it replaces the shipped folder whole), else the tool's."""
    own = settings.root / "site_templates"
    return own.resolve() if own.is_dir() else TEMPLATES  # absolute: build/mkdocs.yml names its overrides


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


def resolved_config(config: dict[str, Any], templates: Path, code: str = ENGLISH.code,
                    languages: tuple[str, ...] = (ENGLISH.code,)) -> dict[str, Any]:
    """mkdocs.yml for one language's build: docs in docs/ beside it, the theme overrides from `templates`, the
    licences' addresses absolute (the footer links them from every page), the language's own settings.

    `impact build` overrides site_dir; `zensical build -f build/mkdocs.yml` (or build/fr/mkdocs.yml) writes site/
    beside the file.
    """
    resolved = dict(config)
    resolved["docs_dir"] = "docs"
    resolved["site_dir"] = "site"
    theme = dict(resolved.get("theme") or {"name": "material"})
    theme["custom_dir"] = str(templates / "overrides")
    resolved["theme"] = theme
    site = site_info(config)
    licences = {kind: asdict(licence) for kind, licence in (("code", site.code_licence), ("data", site.data_licence))
                if licence is not None}
    resolved["extra"] = {**(resolved.get("extra") or {}), "licence": licences}
    return language_config(resolved, code, languages, site.url)


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


def _renderer(settings: Settings, report: Report, config: dict[str, Any], code: str) -> Renderer:
    schema = load_schema(settings.schema_path).schema  # already checked by the validation
    return Renderer(templates_dir(settings), site_info(config), report.criteria_settings, schema, code)


def generate(settings: Settings, report: Report, config: dict[str, Any]) -> tuple[Registry, Files]:
    """The registry and the English site's generated files, with the files every language shares."""
    registry = build_registry(report, settings)
    return registry, all_files(_renderer(settings, report, config, ENGLISH.code), registry)


def translated(settings: Settings, report: Report, config: dict[str, Any], registry: Registry, code: str) -> Files:
    """The pages of the site in the language `code` (their shared files are English's)."""
    return all_files(_renderer(settings, report, config, code), in_language(registry, report, code))


class _Errors(logging.Handler):
    """MkDocs logs the reason of a failed build and raises only "Aborted with a BuildError!": keep the reason."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _mkdocs_build(config_file: Path, site_dir: Path) -> None:
    from mkdocs.commands.build import build as mkdocs_build  # heavy import, only when building
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.WARNING)
    errors = _Errors()
    logger.addHandler(errors)
    try:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True,
                             hooks=[str(HOOKS)])
        mkdocs_build(config)
    except (MkDocsException, OSError) as exc:
        reasons = "".join(f" — {m}" for m in errors.messages[-3:])
        raise ImpactError(f"the MkDocs build failed: {exc}{reasons}") from exc
    except SystemExit as exc:  # MkDocs exits on some configuration errors
        raise ImpactError(f"the MkDocs build stopped: {exc}") from exc
    finally:
        logger.removeHandler(errors)


def _mend_theme(site: Path) -> None:
    """Theme-level fixes on the built site (not on entry content); the markup fixes run as hooks."""
    # The search language packs: the site has no search index, and their licence headers carry an
    # author's e-mail address (the site must carry none in plain text).
    for folder in (site, *(path.parent for path in site.glob("*/sitemap.xml"))):
        shutil.rmtree(folder / "assets" / "javascripts" / "lunr", ignore_errors=True)


def build_site(settings: Settings, out: Path | None = None, notify: Callable[[str], None] = to_stderr,
               languages: tuple[str, ...] | None = None) -> BuildResult:
    """Validate, generate and build the site into `out` (default: site/), one build per repository at a time.

    `languages`: the site languages to build (English always, at the root); default mkdocs.yml's
    extra.languages, or all six.
    """
    work = settings.root.resolve() / "build"
    with sigterm_stops(), build_lock(work, notify):
        return _build_locked(settings, (out or settings.root / "site").resolve(), work, notify, languages)


def _language_dir(work: Path, code: str) -> Path:
    """Where a language's docs and mkdocs.yml go: build/ for English (as before), build/fr/ for French."""
    return work / site_prefix(code) if site_prefix(code) else work


def _build_locked(settings: Settings, site_dir: Path, work: Path, notify: Callable[[str], None],
                  wanted: tuple[str, ...] | None) -> BuildResult:
    # Errors stop the build; warnings do not show on the site, and the maintainers' page finds similar
    # proposals itself, so the validator's similarity screen is skipped.
    report = validate(settings, similarity=False)
    if not report.ok:
        raise BuildRefused(sorted({p.file for p in report.problems if p.severity == "error"}))
    config = site_config(settings)
    for warning in placeholder_warnings(config):  # the site builds all the same: a preview needs no real address
        notify(warning)
    languages = site_languages(config, wanted)
    registry, english = generate(settings, report, config)
    generated = {code: english if code == ENGLISH.code else translated(settings, report, config, registry, code)
                 for code in languages}
    templates = templates_dir(settings)
    yaml = YAML()
    yaml.default_flow_style = False
    configs: dict[str, Path] = {}
    for code in languages:
        folder = _language_dir(work, code)
        write_tree(folder / "docs", generated[code], templates / "assets")
        check_pages(folder / "docs")
        configs[code] = folder / "mkdocs.yml"
        with configs[code].open("w", encoding="utf-8") as stream:
            stream.write("# Generated by `impact build` from mkdocs.yml — do not edit.\n")
            yaml.dump(resolved_config(config, templates, code, languages), stream)
    for stale in work.iterdir():  # a language no longer built leaves no folder behind
        if stale.is_dir() and (stale / "mkdocs.yml").is_file() and stale.name not in languages:
            shutil.rmtree(stale)
    remove_leftovers(site_dir)
    staging = site_dir.with_name(f".{site_dir.name}.building-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        with _source_date(settings.today):
            _mkdocs_build(configs[ENGLISH.code], staging)  # first: MkDocs empties its site folder
            others = [partial(_mkdocs_build, configs[code], staging / site_prefix(code)) for code in languages
                      if code != ENGLISH.code]
            if len(others) > 1 and parallel.workers() >= 2:
                parallel.forked(others)
            else:
                for build in others:
                    build()
        _mend_theme(staging)
        swap_in(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return BuildResult(site_dir, work / "docs", configs[ENGLISH.code], len(registry.coalitions), languages)
