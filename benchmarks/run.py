"""Benchmarks at registry scale → benchmarks/RESULTS.md (run with `make bench`).

Each comparison runs the two commands alternately in one session and reports the median of the
per-pair ratios, so a noisy moment of the machine does not decide the result.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHECKOUT = HERE.parent
sys.path.insert(0, str(CHECKOUT))

from benchmarks.synth import make_registry  # noqa: E402
from generator.registry.load import load_file  # noqa: E402

BIN = Path(sys.executable).parent
OUT = HERE / "out"
EPOCH = {"SOURCE_DATE_EPOCH": "1790000000"}


@dataclass
class Run:
    seconds: float
    peak_mb: float
    returncode: int


def _descendants(pid: int) -> list[int]:
    """The process and every process under it (read from each process's stat: its parent)."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):  # a process may end meanwhile
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        queue += parents.get(current, [])
    return found


def _pss_mb(pid: int) -> float:
    """Proportional set size: shared pages (a forked worker's) count once across the processes."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


class _MemoryWatch(threading.Thread):
    """Samples the memory of a process and all its workers together, every 50 ms."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_mb, self.done = pid, 0.0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.05):
            self.peak_mb = max(self.peak_mb, sum(_pss_mb(pid) for pid in _descendants(self.pid)))


def run(command: list[str], cwd: Path | None = None) -> Run:
    """Wall time and peak memory of one command: its process and its workers together."""
    start = time.perf_counter()
    with Path(os.devnull).open("wb") as devnull, tempfile.TemporaryFile() as stderr:
        process = subprocess.Popen(command, cwd=cwd, stdout=devnull, stderr=stderr, env={**os.environ, **EPOCH})
        watch = _MemoryWatch(process.pid)
        watch.start()
        _, status, usage = os.wait4(process.pid, 0)  # wait4: the largest single process's peak
        seconds = time.perf_counter() - start
        watch.done.set()
        watch.join()
        stderr.seek(0)
        errors = stderr.read().decode(errors="replace")
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise RuntimeError(f"{' '.join(command[:3])}… failed ({code}): {errors[-2000:]}")
    return Run(seconds, max(usage.ru_maxrss / 1024, watch.peak_mb), code)


def alternate(first: list[str], second: list[str], rounds: int, cwd: Path | None = None) -> tuple[list[Run], list[Run]]:
    a, b = [], []
    for _ in range(rounds):
        a.append(run(first, cwd))
        b.append(run(second, cwd))
    return a, b


def median(runs: list[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


def ratio(a: list[Run], b: list[Run]) -> float:
    return statistics.median(x.seconds / y.seconds for x, y in zip(a, b, strict=True))


def registry(count: int) -> Path:
    """A synthetic registry of `count` coalitions, made once and reused, with this checkout's settings."""
    root = OUT / f"registry-{count}"
    if (root / "registry").exists():  # the entries are kept; schema, criteria and site settings are current
        shutil.copytree(CHECKOUT / "schema", root / "schema", dirs_exist_ok=True)
        shutil.copy(CHECKOUT / "registry" / "criteria.yml", root / "registry" / "criteria.yml")
        shutil.copy(CHECKOUT / "mkdocs.yml", root / "mkdocs.yml")
    if not (root / "registry" / "coalitions" / f"fictional-coalition-{count - 1:05d}.yml").exists():
        shutil.rmtree(root, ignore_errors=True)
        make_registry(root, count)
        subprocess.run(["git", "init", "-q", str(root)], check=True)
        subprocess.run(["git", "-C", str(root), "add", "-A"], check=True)
        subprocess.run(["git", "-C", str(root), "-c", "user.name=Bench", "-c", "user.email=bench@example.org",
                        "commit", "-q", "-m", "synthetic registry"], check=True)
    return root


def bare_site(root: Path, count: int) -> Path:
    """N plain Markdown pages of the size of a generated coalition page, with the same mkdocs.yml.

    Only what that mkdocs.yml names besides: its nav pages as one-paragraph pages and its own CSS and
    JavaScript. None of the registry's other output (directory, badges, open data) is given to the bare
    build, so it is the cheapest site MkDocs + Material could make of N such pages.
    """
    bare = OUT / f"bare-{count}"
    shutil.rmtree(bare, ignore_errors=True)  # made anew each run, from this run's pages and settings
    generated = root / "build" / "docs"
    shutil.copytree(generated / "assets", bare / "docs" / "assets")
    config = (root / "build" / "mkdocs.yml").read_text(encoding="utf-8")
    (bare / "mkdocs.yml").write_text(config, encoding="utf-8")
    for entry in load_file(bare / "mkdocs.yml", "mkdocs.yml").document.data["nav"]:
        for page in entry.values():
            target = bare / "docs" / page
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("# A page\n\nOne paragraph of plain text.\n", encoding="utf-8")
    sample = (generated / "coalitions" / "fictional-coalition-00001.md").stat().st_size
    words = ("Plain text of a coalition page, written as ordinary Markdown paragraphs. " * 400)[: sample // 2]
    for index in range(count):
        (bare / "docs" / "coalitions" / f"page-{index:05d}.md").write_text(
            f"# Coalition page {index}\n\n{words}\n\n## Members\n\n{words}\n", encoding="utf-8")
    return bare


def row(name: str, figure: str, target: str, met: bool | None) -> str:
    verdict = "—" if met is None else ("met" if met else "**missed**")
    return f"| {name} | {figure} | {target} | {verdict} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller registries and one round (a smoke test)")
    args = parser.parse_args()
    sizes = {"validate": (100, 300), "build": (50, 100, 250)} if args.quick else \
        {"validate": (1000, 10000), "build": (100, 1000, 5000)}
    rounds = 1 if args.quick else 3
    impact, mkdocs, zensical = str(BIN / "impact"), str(BIN / "mkdocs"), str(BIN / "zensical")
    checker = str(BIN / "check-jsonschema")
    OUT.mkdir(exist_ok=True)
    started = time.perf_counter()
    rows: list[str] = []

    # 1. Validation against check-jsonschema (schema only) on the same files.
    for count in sizes["validate"]:
        root = registry(count)
        files = sorted(str(p) for p in (root / "registry" / "coalitions").glob("*.yml"))
        ours, theirs = alternate([impact, "validate", "--root", str(root)],
                                 [checker, "--schemafile", str(root / "schema" / "coalition.schema.json"), *files],
                                 rounds)
        r = ratio(ours, theirs)
        rows.append(row(f"validate, N = {count:,}: impact / check-jsonschema",
                        f"{median(ours):.2f} s / {median(theirs):.2f} s = {r:.2f}×", "≤ 0.5×", r <= 0.5))

    # 2. The pull-request path: one changed file inside the largest registry, start-up included.
    root = registry(sizes["validate"][-1])
    one = str(root / "registry" / "coalitions" / "fictional-coalition-00042.yml")
    pr = [run([impact, "validate", "--root", str(root), one]) for _ in range(5)]
    rows.append(row(f"validate one file in a {sizes['validate'][-1]:,}-entry registry", f"{median(pr):.2f} s",
                    "≤ 1.5 s", median(pr) <= 1.5))

    # 3. Build against a bare MkDocs + Material build of N similar pages, and Zensical beside it.
    build_times: dict[int, float] = {}
    page_sizes: dict[int, int] = {}
    for count in sizes["build"]:
        root = registry(count)
        english = [impact, "build", "--root", str(root), "--language", "en"]  # what a bare MkDocs build compares with
        run(english)  # warm: writes build/docs for the bare copy
        bare = bare_site(root, count)
        build_rounds = rounds if count <= 1000 else 1
        ours, theirs = alternate(english,
                                 [mkdocs, "build", "-q", "-f", str(bare / "mkdocs.yml"), "-d", str(bare / "site")],
                                 build_rounds)
        build_times[count] = median(ours)
        page_sizes[count] = (root / "site" / "coalitions" / "fictional-coalition-00001" / "index.html").stat().st_size
        peak = max(r.peak_mb for r in ours)
        r = ratio(ours, theirs)
        target = count == sizes["build"][1]
        figure = f"{median(ours):.1f} s / {median(theirs):.1f} s = {r:.2f}×"
        rows.append(row(f"build, N = {count:,}: impact / bare MkDocs", figure,
                        "≤ 1.3× at N = 1,000" if target else "(reported)", r <= 1.3 if target else None))
        rows.append(row(f"build, N = {count:,}: peak memory", f"{peak:.0f} MB",
                        "< 2 GB at N = 5,000" if count == sizes["build"][-1] else "(reported)",
                        peak < 2048 if count == sizes["build"][-1] else None))
        index_file = root / "site" / "search" / "search_index.json"
        index = index_file.stat().st_size if index_file.exists() else 0  # none: the directory searches itself
        rows.append(row(f"build, N = {count:,}: search index per coalition",
                        f"{index / count / 1024:.2f} KB" + ("" if index else " (no index is built)"),
                        "≤ 3 KB", index / count <= 3 * 1024))
        work = root / "build"
        shutil.rmtree(work / "site", ignore_errors=True)
        z = run([zensical, "build", "-f", "mkdocs.yml"], cwd=work)
        rows.append(row(f"zensical build, N = {count:,} (same generated docs)",
                        f"{z.seconds:.1f} s, {z.peak_mb:.0f} MB", "(no target)", None))
    # 3b. Issue #15: the site in its six languages (six MkDocs builds: English at the root, five in folders) against
    # the English site alone, and a translated language's docs through Zensical.
    count = sizes["build"][1]
    root = registry(count)
    six, one = alternate([impact, "build", "--root", str(root)],
                         [impact, "build", "--root", str(root), "--language", "en"], rounds)
    r = ratio(six, one)
    rows.append(row(f"build in six languages, N = {count:,}: six / English only",
                    f"{median(six):.1f} s / {median(one):.1f} s = {r:.2f}×", "≤ 6×", r <= 6))
    rows.append(row(f"build in six languages, N = {count:,}: peak memory", f"{max(x.peak_mb for x in six):.0f} MB",
                    "(reported)", None))
    run([impact, "build", "--root", str(root)])  # the last run built English only: all six again, for Zensical
    french = root / "build" / "fr"
    shutil.rmtree(french / "site", ignore_errors=True)
    z = run([zensical, "build", "-f", "mkdocs.yml"], cwd=french)
    rows.append(row(f"zensical build of the French docs, N = {count:,}", f"{z.seconds:.1f} s, {z.peak_mb:.0f} MB",
                    "builds", (french / "site" / "index.html").is_file()))

    small, middle, large = sizes["build"]
    growth = build_times[large] / build_times[middle]
    scale = large / middle
    rows.append(row(f"build time growth t({large:,}) / t({middle:,})", f"{growth:.2f}", f"≤ {scale * 1.1:.1f}",
                    growth <= scale * 1.1))
    page_growth = page_sizes[large] / page_sizes[small] - 1
    rows.append(row(f"coalition page HTML, N = {small:,} → {large:,}",
                    f"{page_sizes[small]:,} → {page_sizes[large]:,} bytes ({page_growth:+.1%})", "< +10 %",
                    page_growth < 0.10))

    # 4. YAML resource attacks (the hostile-input suite's limits): time and memory of each refusal.
    from tests.test_resources import ATTACKS, PROBE

    attack_root = OUT / "attacks"
    shutil.rmtree(attack_root, ignore_errors=True)
    make_registry(attack_root, 0)
    import json

    for name, (content, rule) in sorted(ATTACKS.items()):
        path = attack_root / "registry" / "coalitions" / f"{name}.yml"
        path.write_bytes(content)
        result = {}
        for mode in ("time", "memory"):
            done = subprocess.run([sys.executable, "-c", PROBE, str(attack_root), str(path), mode],
                                  capture_output=True, text=True, check=True, cwd=CHECKOUT, env={**os.environ, **EPOCH})
            result[mode] = json.loads(done.stdout)
        result = {"seconds": result["time"]["seconds"], "peak": result["memory"]["peak"]}
        path.unlink()
        rows.append(row(f"attack: {name} ({len(content) // 1024:,} KiB) → {rule}",
                        f"{result['seconds'] * 1000:.0f} ms, {result['peak'] / 2**20:.1f} MB traced",
                        "< 1 s, < 200 MB", result["seconds"] < 1 and result["peak"] < 200 * 2**20))

    # 5. Issue #16: the small and the full install from the lock, from a clean environment (benchmarks/install.py).
    from benchmarks.install import measure

    install_section = measure(2 if args.quick else 5)  # two at least: the sites are compared

    total = time.perf_counter() - started
    text = "\n".join([
        "# Benchmark results", "",
        f"Measured by `make bench` on {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}; run took {total / 60:.1f} minutes"
        + (" (quick mode: small sizes, one round)" if args.quick else "") + ".",
        "Synthetic registries from `benchmarks/synth.py` (5–15 members, a few milestones, updates and events).",
        "Comparisons alternate the two commands in one session; the ratio is the median of per-pair ratios.", "",
        "| measurement | figure | target | |", "|---|---|---|---|", *rows, "", install_section])
    (HERE / ("RESULTS-quick.md" if args.quick else "RESULTS.md")).write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
