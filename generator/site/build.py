"""Build the public site: validate → model → render → write the docs folder → MkDocs build → swap in.

The pages are generated as files before the site build, so the same docs folder also builds with
Zensical; the MkDocs build gets hooks (site_hooks.py) that only save work and mend the theme's
markup. Before MkDocs runs, every generated page is read back with MkDocs' own front-matter reader
(front_matter.check_pages): a page whose entry text would go through Markdown stops the build.

One build per repository at a time: a build holds an OS lock on build/.lock (released by the kernel
however the process ends, so never stale) and a second one waits for it. The output is built in a
folder of this process's own next to the target and swapped in only when the build succeeded, so a
failed, stopped or killed build leaves the previous site untouched.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import hashlib
import json
import logging
import os
import shutil
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from generator.errors import BuildRefused, ImpactError, Terminated
from generator.model.assemble import build_registry
from generator.model.objects import Registry
from generator.registry.report import Report
from generator.registry.schemas import load_schema
from generator.registry.validate import validate
from generator.settings import TOOL_DIR, Settings
from generator.site.config import placeholder_warnings, site_config, site_info
from generator.site.front_matter import check_pages
from generator.site.pages import all_files
from generator.site.render import Files, Renderer


def _shipped_templates() -> Path:
    """The templates the tool ships: inside the package when installed from a wheel, beside it in a checkout."""
    packaged = Path(__file__).parent.parent / "site_templates"
    return packaged if packaged.is_dir() else TOOL_DIR / "site_templates"


TEMPLATES = _shipped_templates()
HOOKS = Path(__file__).with_name("hooks.py")
LOCK_WAIT = 15 * 60.0  # seconds a build waits for another build of the same repository before giving up


@dataclass(frozen=True)
class BuildResult:
    site_dir: Path
    docs_dir: Path
    config_file: Path
    coalitions: int


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


def resolved_config(config: dict[str, Any], templates: Path) -> dict[str, Any]:
    """mkdocs.yml for build/: docs in build/docs, the theme overrides from `templates`, the licences' addresses
    absolute (the footer links them from every page).

    `impact build` overrides site_dir; `zensical build -f build/mkdocs.yml` writes build/site/.
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
    renderer = Renderer(templates_dir(settings), site_info(config), report.criteria_settings, schema)
    return registry, all_files(renderer, registry)


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
    shutil.rmtree(site / "assets" / "javascripts" / "lunr", ignore_errors=True)


def _to_stderr(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def _holder(fd: int) -> str:
    text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    return f"process {text}" if text.isdigit() else "another process"


@contextmanager
def build_lock(work: Path, notify: Callable[[str], None] = _to_stderr, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold build/.lock for one build: a second build of the repository waits (and says so), up to `wait` seconds.

    An flock belongs to the open file: the kernel releases it when the holder ends, even by SIGKILL.
    """
    import fcntl  # POSIX only, like the forked workers

    work.mkdir(parents=True, exist_ok=True)
    path = work / ".lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise ImpactError(f"the site was not built: {_holder(fd)} is still building this repository "
                                      f"(it holds {path}) after {wait:.0f} seconds of waiting") from None
                if not told:
                    notify(f"Waiting for {_holder(fd)}, which is building this repository ({path} is locked)…")
                    told = True
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock


@contextmanager
def _sigterm_stops() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():  # only the main thread may set handlers
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise Terminated(f"stopped by signal {signum}")

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove_leftovers(site_dir: Path) -> None:
    """Staging folders of builds that were killed (SIGKILL leaves no chance to clean up)."""
    for path in site_dir.parent.glob(f".{site_dir.name}.building-*"):
        pid = path.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _pid_alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


RENAME_EXCHANGE = 2  # <linux/fs.h>
AT_FDCWD = -100


def _exchange(one: Path, other: Path) -> bool:
    """Swap two folders in one system call (Linux renameat2); False where that is not available."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    done: int = renameat2(AT_FDCWD, os.fsencode(one), AT_FDCWD, os.fsencode(other), RENAME_EXCHANGE)
    return done == 0


def _swap_in(staging: Path, site_dir: Path) -> None:
    """Put the new site in place; afterwards `staging` holds the old one (or nothing), to be removed.

    One atomic exchange where the system has it, so no signal can leave the repository without a site.
    """
    try:
        if not site_dir.exists():
            staging.rename(site_dir)
        elif not _exchange(staging, site_dir):
            previous = staging.with_name(staging.name + ".previous")
            site_dir.rename(previous)
            staging.rename(site_dir)
            previous.rename(staging)
    except OSError as exc:
        raise ImpactError(f"the new site could not replace {site_dir}: {exc}") from exc


def build_site(settings: Settings, out: Path | None = None, notify: Callable[[str], None] = _to_stderr) -> BuildResult:
    """Validate, generate and build the site into `out` (default: site/), one build per repository at a time."""
    work = settings.root.resolve() / "build"
    with _sigterm_stops(), build_lock(work, notify):
        return _build_locked(settings, (out or settings.root / "site").resolve(), work, notify)


def _build_locked(settings: Settings, site_dir: Path, work: Path, notify: Callable[[str], None]) -> BuildResult:
    # Errors stop the build; warnings do not show on the site, and the maintainers' page finds similar
    # proposals itself, so the validator's similarity screen is skipped.
    report = validate(settings, similarity=False)
    if not report.ok:
        raise BuildRefused(sorted({p.file for p in report.problems if p.severity == "error"}))
    config = site_config(settings)
    for warning in placeholder_warnings(config):  # the site builds all the same: a preview needs no real address
        notify(warning)
    docs_dir = work / "docs"
    registry, files = generate(settings, report, config)
    templates = templates_dir(settings)
    write_tree(docs_dir, files, templates / "assets")
    check_pages(docs_dir)
    config_file = work / "mkdocs.yml"
    yaml = YAML()
    yaml.default_flow_style = False
    with config_file.open("w", encoding="utf-8") as stream:
        stream.write("# Generated by `impact build` from mkdocs.yml — do not edit.\n")
        yaml.dump(resolved_config(config, templates), stream)
    _remove_leftovers(site_dir)
    staging = site_dir.with_name(f".{site_dir.name}.building-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        with _source_date(settings.today):
            _mkdocs_build(config_file, staging)
        _mend_theme(staging)
        _swap_in(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return BuildResult(site_dir, docs_dir, config_file, len(registry.coalitions))
