"""Issue #13, item 5: the package installs whole. A wheel built from this checkout, installed (not editable) with
the site extra from the lock into a fresh venv, validates and builds a registry folder that holds only registry/,
schema/ and mkdocs.yml, with the templates the wheel ships; a registry's own site_templates/ replaces them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .support.registry import CHECKOUT, TODAY_EPOCH

UV = str(Path(sys.executable).with_name("uv"))
MARKER = "Registry-own home template (wheel test)"


def _uv(*args: str, env: dict[str, str] | None = None) -> None:
    environment = {**os.environ, "UV_PYTHON_DOWNLOADS": "never", **(env or {})}
    if env is None:
        environment.pop("VIRTUAL_ENV", None)
    done = subprocess.run([UV, *args], capture_output=True, text=True, check=False, env=environment)
    assert done.returncode == 0, f"uv {' '.join(args)}:\n{done.stdout}{done.stderr}"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv: requirements/site.txt (hashes checked) and the wheel, built by the suite's locked hatchling."""
    work = tmp_path_factory.mktemp("wheel")
    # --no-build-isolation: the backend comes from the suite's venv (the lock), nothing is fetched.
    _uv("build", "--wheel", "--no-build-isolation", "--offline", "--quiet", "-o", str(work / "dist"), str(CHECKOUT),
        env={"VIRTUAL_ENV": sys.prefix})
    [wheel] = (work / "dist").glob("*.whl")
    venv = work / "venv"
    python = str(venv / "bin" / "python")
    _uv("venv", "--quiet", "--python", sys.executable, str(venv))
    _uv("pip", "sync", "--quiet", "--python", python, "--require-hashes", str(CHECKOUT / "requirements" / "site.txt"))
    _uv("pip", "install", "--quiet", "--python", python, "--no-deps", str(wheel))
    return venv / "bin"


def _impact(bin_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": TODAY_EPOCH}
    return subprocess.run([str(bin_dir / "impact"), *args], cwd=cwd, capture_output=True, text=True, check=False,
                          env=env)


def _registry_folder(path: Path) -> Path:
    """Only what a registry repository holds: no generator/, no site_templates/, not a git repository."""
    path.mkdir()
    shutil.copytree(CHECKOUT / "registry", path / "registry")
    shutil.copytree(CHECKOUT / "schema", path / "schema")
    shutil.copy(CHECKOUT / "mkdocs.yml", path / "mkdocs.yml")
    return path


def test_the_wheel_carries_the_templates_and_runs_outside_the_checkout(installed: Path) -> None:
    where = subprocess.run([str(installed / "python"), "-c", "import generator.site.build as b; print(b.TEMPLATES)"],
                           capture_output=True, text=True, check=True, cwd="/")
    templates = Path(where.stdout.strip())
    assert templates.is_relative_to(installed.parent), f"the installed tool reads templates from {templates}"
    shipped = {p.relative_to(CHECKOUT / "site_templates") for p in (CHECKOUT / "site_templates").rglob("*")
               if p.is_file()}
    assert shipped and shipped == {p.relative_to(templates) for p in templates.rglob("*") if p.is_file()}


def test_an_installed_wheel_validates_and_builds_a_bare_registry(installed: Path, tmp_path: Path) -> None:
    root = _registry_folder(tmp_path / "registry")
    done = _impact(installed, "validate", cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    done = _impact(installed, "build", cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    ids = sorted(p.stem for p in (root / "registry" / "coalitions").glob("*.yml"))
    assert len(ids) >= 10
    missing = [i for i in ids if not (root / "site" / "coalitions" / i / "index.html").is_file()]
    assert missing == []
    assert (root / "site" / "assets" / "extra.css").is_file()
    assert MARKER not in (root / "site" / "index.html").read_text(encoding="utf-8")


def test_a_registrys_own_site_templates_replace_the_shipped_ones(installed: Path, tmp_path: Path) -> None:
    root = _registry_folder(tmp_path / "registry")
    shutil.copytree(CHECKOUT / "site_templates", root / "site_templates")
    home = root / "site_templates" / "home.md.j2"
    text = home.read_text(encoding="utf-8")
    assert "impact-lead" in text
    home.write_text(text.replace('<p class="impact-lead">', f'<p class="impact-lead">{MARKER}. ', 1),
                    encoding="utf-8")
    (root / "site_templates" / "assets" / "extra.css").write_text("/* the registry's own style */\n",
                                                                   encoding="utf-8")
    done = _impact(installed, "build", cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    assert MARKER in (root / "site" / "index.html").read_text(encoding="utf-8")
    assert (root / "site" / "assets" / "extra.css").read_text(encoding="utf-8") == "/* the registry's own style */\n"
