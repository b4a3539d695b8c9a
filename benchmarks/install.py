"""The two install sizes from a clean environment (issue #16), measured side by side in one run.

For the small set (requirements/validate.txt: what validation and the pull-request checks need) and the full
set (requirements/site.txt: and the site build), each run makes a new venv and installs the set from the lock
with uv and no cache at all (every wheel downloaded and checked against its hash), then the tool, then:
  - small: the pull request of one new coalition file — `impact check-pr` and `impact validate` of that file;
  - full: `impact validate` of the shipped registry and `impact build` of its site.
Five runs of each, alternating; the medians are reported with the packages and megabytes installed. The sites
built from two fresh installs of the full set must be byte-identical (reproducible publication).

Run alone with `python benchmarks/install.py` (it appends or replaces its section in RESULTS.md) or as part
of `make bench` (benchmarks/run.py).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHECKOUT = HERE.parent
sys.path.insert(0, str(CHECKOUT))

from tests.support.git import git_commit_all  # noqa: E402
from tests.support.registry import EXAMPLE, TODAY_EPOCH, make_root  # noqa: E402

UV = str(Path(sys.executable).with_name("uv"))
HEADING = "## Install sizes and the pull-request path from a clean environment"
ROUNDS = 5


@dataclass
class Install:
    packages: int
    megabytes: float
    install_seconds: float
    check_seconds: float
    site: dict[str, bytes] | None = None

    @property
    def seconds(self) -> float:
        return self.install_seconds + self.check_seconds


def _run(command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None,
         codes: tuple[int, ...] = (0,)) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False,
                          env={**os.environ, **(env or {})})
    if done.returncode not in codes:
        raise RuntimeError(f"{' '.join(command[:4])}… failed ({done.returncode}): {done.stderr[-2000:]}")
    return done


def _size_mb(folder: Path) -> float:
    total = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
    return total / 1e6


def _tree(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def install(work: Path, lock: str, registry: Path, pull_request: Path) -> Install:
    """A new venv, the locked set without any cache, the tool; then the commands the set is for."""
    venv = work / f"venv-{lock}"
    shutil.rmtree(venv, ignore_errors=True)
    env = {"UV_PYTHON_DOWNLOADS": "never", "UV_NO_CACHE": "1", "VIRTUAL_ENV": ""}
    start = time.perf_counter()
    _run([UV, "venv", "--quiet", "--python", sys.executable, str(venv)], env=env)
    python = str(venv / "bin" / "python")
    _run([UV, "pip", "sync", "--quiet", "--python", python, "--require-hashes",
          str(CHECKOUT / "requirements" / f"{lock}.txt")], env=env)
    if lock == "validate":  # as .ci/install-locked: the wheel built by the locked backend in a venv of its own
        builder = work / "builder"
        shutil.rmtree(builder, ignore_errors=True)
        _run([UV, "venv", "--quiet", "--python", sys.executable, str(builder / "venv")], env=env)
        _run([UV, "pip", "install", "--quiet", "--python", str(builder / "venv" / "bin" / "python"), "--require-hashes",
              "-r", str(CHECKOUT / "requirements" / "build.txt")], env=env)
        _run([UV, "build", "--quiet", "--wheel", "--no-build-isolation", "--python",
              str(builder / "venv" / "bin" / "python"), "--out-dir", str(builder / "dist"), str(CHECKOUT)], env=env)
        tool = [str(next((builder / "dist").glob("*.whl")))]
    else:
        tool = ["--no-build-isolation", "--editable", str(CHECKOUT)]
    _run([UV, "pip", "install", "--quiet", "--python", python, "--no-deps", *tool], env=env)
    install_seconds = time.perf_counter() - start
    impact = str(venv / "bin" / "impact")
    epoch = {"SOURCE_DATE_EPOCH": TODAY_EPOCH}
    start = time.perf_counter()
    site = None
    if lock == "validate":
        _run([impact, "check-pr", "--base", "HEAD~1", "--author", "example-volunteer"], cwd=pull_request, env=epoch)
        _run([impact, "validate", "registry/coalitions/example-ocean-futures.yml"], cwd=pull_request, env=epoch)
    else:
        out = work / "site"
        shutil.rmtree(out, ignore_errors=True)
        _run([impact, "validate"], cwd=registry, env=epoch)
        _run([impact, "build", "--out", str(out)], cwd=registry, env=epoch)
        site = _tree(out)
    check_seconds = time.perf_counter() - start
    listed = _run([UV, "pip", "list", "--format", "json", "--python", python], env=env).stdout
    return Install(len(json.loads(listed)), _size_mb(venv), install_seconds, check_seconds, site)


def measure(rounds: int = ROUNDS) -> str:
    """The section for RESULTS.md."""
    with tempfile.TemporaryDirectory(prefix="impact-install-") as folder:
        work = Path(folder)
        registry = make_root(work / "registry", with_real_registry=True)
        git_commit_all(registry)
        pull_request = make_root(work / "pull-request", with_real_registry=True)
        git_commit_all(pull_request)
        shutil.copy(EXAMPLE, pull_request / "registry" / "coalitions" / EXAMPLE.name)
        git_commit_all(pull_request, "a new coalition")
        small: list[Install] = []
        full: list[Install] = []
        started = time.perf_counter()
        for _ in range(rounds):
            small.append(install(work, "validate", registry, pull_request))
            full.append(install(work, "site", registry, pull_request))
        total = time.perf_counter() - started
    sites = [run.site for run in full]
    identical = len(sites) >= 2 and bool(sites[0]) and all(site == sites[0] for site in sites[1:])

    def med(runs: list[Install], field: str) -> float:
        return statistics.median(getattr(run, field) for run in runs)

    packages = (small[0].packages, full[0].packages)
    megabytes = (med(small, "megabytes"), med(full, "megabytes"))

    def target(a: float, b: float) -> str:
        return f"≤ 0.3× {'met' if a <= 0.3 * b else '**missed**'}"
    rows = [
        "| | small set (validate.txt) | full set (site.txt) | small / full | target |",
        "|---|---|---|---|---|",
        f"| packages installed (the tool included) | {packages[0]} | {packages[1]} | "
        f"{packages[0] / packages[1]:.2f}× | {target(*packages)} |",
        f"| megabytes installed (the whole venv) | {megabytes[0]:.1f} MB | {megabytes[1]:.1f} MB | "
        f"{megabytes[0] / megabytes[1]:.2f}× | {target(*megabytes)} |",
        f"| install from the lock, no cache (median of {rounds}) | {med(small, 'install_seconds'):.1f} s | "
        f"{med(full, 'install_seconds'):.1f} s | {med(small, 'install_seconds') / med(full, 'install_seconds'):.2f}× "
        "| — |",
        f"| then: small `check-pr` + `validate` of a one-file pull request; full `validate` + `build` of the shipped "
        f"registry | {med(small, 'check_seconds'):.1f} s | {med(full, 'check_seconds'):.1f} s | — | — |",
        f"| clean environment → report (median of {rounds}) | **{med(small, 'seconds'):.1f} s** | "
        f"{med(full, 'seconds'):.1f} s | — | seconds |",
        f"| sites built by {len(sites)} fresh installs of the lock | — | "
        f"{'byte-identical' if identical else '**differ**'} ({len(sites[0] or {})} files) | — | identical |",
    ]
    return "\n".join([
        HEADING, "",
        f"`benchmarks/install.py`, {rounds} runs of each set alternating, {total / 60:.1f} minutes, {os.cpu_count()} "
        f"cores, Python {sys.version.split()[0]}, uv {_run([UV, '--version']).stdout.split()[1]}. Each run: a new "
        "venv, the set installed from the lock by `uv pip sync --require-hashes` with no cache (every wheel "
        "downloaded from the package index and checked against its hash), the tool installed without dependencies, "
        "then the commands.", "", *rows, ""])


def write(section: str, results: Path = HERE / "RESULTS.md") -> None:
    """Append the section to RESULTS.md, or replace the one an earlier run wrote (the rest is kept)."""
    text = results.read_text(encoding="utf-8") if results.exists() else "# Benchmark results\n"
    pattern = re.compile(rf"^{re.escape(HEADING)}\n.*?(?=^## |\Z)", re.M | re.S)
    text = pattern.sub(lambda _: section + "\n", text) if pattern.search(text) else \
        text.rstrip("\n") + "\n\n" + section
    results.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


if __name__ == "__main__":
    rounds = max(2, int(sys.argv[1])) if len(sys.argv) > 1 else ROUNDS
    measured = measure(rounds)
    write(measured)
    print(measured)
