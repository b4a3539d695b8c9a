"""YAML resource attacks are refused, or handled, within bounded memory (timing: benchmarks/run.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .support.registry import make_root

ATTACKS: dict[str, tuple[bytes, str]] = {
    "alias-expansion": (b"a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']\n"
                        + b"".join(b"%s: &%s [*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s]\n"
                                   % ((chr(98 + i).encode(),) * 2 + (chr(97 + i).encode(),) * 9) for i in range(9)),
                        "yaml-alias"),
    "deep-nesting": (b"a: " + b"[" * 100_000 + b"]" * 100_000 + b"\n", "too-large"),
    "deep-block-nesting": (b"".join(b"  " * i + b"k:\n" for i in range(400)), "too-large"),
    "huge-scalar": (b"id: x\nname: '" + b"A" * (250 * 1024) + b"'\n", "schema"),
    "huge-file": (b"# padding\n" * 2_000_000, "too-large"),
    "many-documents": (b"a: 1\n---\n" * 20_000, "yaml-syntax"),
    "many-keys": (b"".join(b"k%d: %d\n" % (i, i) for i in range(20_000)), "schema"),
}

PROBE = """
import json, sys, time, tracemalloc
from pathlib import Path
from generator.settings import make_settings
from generator.registry.validate import validate
root, path, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
settings = make_settings(root)
if mode == "memory":  # tracing slows Python down: time is measured in a run without it
    tracemalloc.start()
start = time.perf_counter()
report = validate(settings, [path])
elapsed = time.perf_counter() - start
peak = tracemalloc.get_traced_memory()[1] if mode == "memory" else 0
print(json.dumps({"rules": sorted({p.rule for p in report.problems if p.severity == "error"}),
                  "lines": [p.line for p in report.problems], "seconds": elapsed, "peak": peak}))
"""


def probe(root: Path, path: Path, mode: str = "memory") -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", PROBE, str(root), str(path), mode], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_each_yaml_resource_attack_is_refused_within_200_mb(tmp_path: Path, attack: str) -> None:
    content, rule = ATTACKS[attack]
    root = make_root(tmp_path / "repo", {f"{attack}.yml": content})
    result = probe(root, root / "registry" / "coalitions" / f"{attack}.yml")
    assert rule in result["rules"], result
    assert all(isinstance(line, int) and line >= 1 for line in result["lines"])  # type: ignore[union-attr]
    assert result["peak"] < 200 * 1024 * 1024, result


def test_many_files_are_all_reported(tmp_path: Path, example_text: str) -> None:
    files = {f"fictional-{i:04d}.yml": example_text.replace("id: example-ocean-futures", f"id: fictional-{i:04d}")
             for i in range(300)}
    files["fictional-0007.yml"] = "id: [broken\n"
    root = make_root(tmp_path / "repo", files)
    done = subprocess.run([str(Path(sys.executable).with_name("impact")), "validate", "--format", "json", "--root",
                           str(root)], capture_output=True, text=True, timeout=300, check=False)
    report = json.loads(done.stdout)
    assert done.returncode == 1
    assert report["summary"]["files"] == 300 + 2  # and decisions.yml, maintainers.yml
    bad = [e for e in report["entries"] if not e["ok"]]
    assert [e["file"] for e in bad] == ["registry/coalitions/fictional-0007.yml"]
