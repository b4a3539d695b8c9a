"""Every `pattern` in every schema: linear on hostile input, and the same answer in every engine (issue #12).

The schemas are read by three regular-expression engines: Python `re` (jsonschema, which explains), Rust
(jsonschema-rs, which decides) and ECMAScript (the register form, editors, other JSON Schema tools). The patterns
are found by walking the schemas, so a new pattern is covered without touching this file.
"""

from __future__ import annotations

import json
import multiprocessing
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest

from .support.registry import CHECKOUT

SCHEMAS = sorted((CHECKOUT / "schema").glob("*.schema.json"))
N = 250 * 1024  # about the largest text a 256 KiB registry file can hold
BOUND = 0.5  # seconds per pattern, input and engine: a safety bound on a loaded 2-core CI, not a benchmark


def _patterns(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                yield value
            else:
                yield from _patterns(value)
    elif isinstance(node, list):
        for item in node:
            yield from _patterns(item)


PATTERNS = sorted({p for path in SCHEMAS for p in _patterns(json.loads(path.read_text(encoding="utf-8")))})


def test_the_walk_finds_the_patterns() -> None:
    joined = "\n".join(PATTERNS)
    for part in ("[A-Z]{2}", "-criteria", "@", "https?://", "\\u202a", "\\u2028", "(?:19[0-9]{2}"):
        assert part in joined, part  # country, reserved ids, e-mail, URLs, direction marks, line breaks, dates
    assert len(PATTERNS) >= 9


# --- the same meaning everywhere, by construction --------------------------------------------------------------

_NOT_PORTABLE = [
    (r"(?<!\\)\$", "'$' matches before a final line break in Python but not elsewhere: end with (?![\\s\\S])"),
    (r"\\[dDwWbBpPAzZ]", "\\d, \\w, \\b, \\p and \\A/\\z/\\Z differ between engines: spell the characters out"),
    (r"\\[sS]", "\\s differs between engines (NEL, U+FEFF, U+001C–U+001F): spell it out (only [\\s\\S] is safe)"),
    (r"\\u\{|\\x\{|\\U", "write code points as \\uXXXX (four hex digits): understood by all three engines"),
    (r"\(\?(?![:=!])", "only (?:…), (?=…) and (?!…) groups: no flags, names or look-behind"),
    (r"\\[1-9]", "no back-references"),
]


def _outside_classes(pattern: str) -> str:
    """The pattern with character classes blanked (a '.' inside [...] is a dot everywhere)."""
    return re.sub(r"\[(?:\\.|[^\]\\])*\]", lambda m: "[" + "_" * (len(m.group()) - 2) + "]", pattern)


@pytest.mark.parametrize("pattern", PATTERNS)
def test_each_pattern_uses_only_what_every_engine_reads_alike(pattern: str) -> None:
    plain = pattern.replace(r"[\s\S]", "[]")  # "any character" is the same set everywhere
    for rule, why in _NOT_PORTABLE:
        assert not re.search(rule, plain), f"{pattern}: {why}"
    bare = _outside_classes(plain)
    assert not re.search(r"(?<!\\)\.", bare), f"{pattern}: '.' excludes different line breaks per engine"
    assert "^" not in bare[1:], f"{pattern}: '^' only at the start"


# The texts the engines are asked about: edges of every pattern, with line breaks, direction marks, non-BMP text.
_STEMS = ["", "KE", "ke", "KEN", "earth-governance", "earth--governance", "-earth", "earth-", "x-criteria",
          "example-volunteer", "coalition@example.org", "a.b@x-y.example.org", "a@b", "a..b@example.org",
          "a@example.org.", "ü@example.org", "a@" + "b" * 64 + ".org", "a" * 65 + "@x.org", "2024-05-10",
          "9999-12-31", "1899-12-31", "1900-01-01", "2100-12-31", "2101-01-01", "2024-5-10", "https://example.org",
          "http://x", "ftp://x", "Name", "Na\u202eme", "Na\u2066me", "Ocean \U0001f30a Futures", "é"]
_TAILS = ["", "\n", "\r\n", "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", " ", "\ufeff"]
CORPUS = sorted({stem + tail for stem in _STEMS for tail in _TAILS} | {"\n" + stem for stem in _STEMS})


def _rust(pattern: str) -> Any:
    return jsonschema_rs.validator_for({"type": "string", "pattern": pattern})


@pytest.mark.parametrize("pattern", PATTERNS)
def test_python_and_rust_agree_on_every_pattern(pattern: str) -> None:
    rust = _rust(pattern)
    differ = [text for text in CORPUS if bool(re.search(pattern, text)) != rust.is_valid(text)]
    assert differ == [], f"{pattern} answers differently in Python and jsonschema-rs for {differ[:5]}"


_NODE_CHECK = r"""
const {patterns, corpus} = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = {};
for (const p of patterns) {
  // u: what ajv and most JSON Schema tools use; v: what a browser uses for the form's pattern attribute;
  // no flag: what register.js uses for the patterns it checks itself.
  const u = new RegExp(p, "u"), v = new RegExp(p, "v"), bare = new RegExp(p), form = new RegExp("^(?:" + p + ")$", "v");
  out[p] = corpus.map(t => [u.test(t), v.test(t), bare.test(t)]);
  form.test("");
}
process.stdout.write(JSON.stringify(out));
"""


def test_ecmascript_agrees_with_python_on_every_pattern(tmp_path: Path) -> None:
    node = shutil.which("node")
    assert node, "Node.js is needed for this test (ECMAScript is the schema's regular-expression dialect): " \
        "install Node.js 20 or later"
    script = tmp_path / "check.js"
    script.write_text(_NODE_CHECK, encoding="utf-8")
    run = subprocess.run([node, str(script)], input=json.dumps({"patterns": PATTERNS, "corpus": CORPUS}),
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr  # e.g. a pattern that is not valid ECMAScript with the u or v flag
    answers = json.loads(run.stdout)
    for pattern in PATTERNS:
        differ = [text for text, (u, v, bare) in zip(CORPUS, answers[pattern], strict=True)
                  if not u == v == bare == bool(re.search(pattern, text))]
        assert differ == [], f"{pattern} answers differently in ECMAScript and Python for {differ[:5]}"


# --- linear time ------------------------------------------------------------------------------------------------

_CHARS = ["a", "A", "0", "-", ".", "@", "_", "%", "+", "'", ":", "/", " ", "\n", "\u202e", "é", "\U0001f30a"]


def adversarial() -> list[tuple[str, str]]:
    """(description, text) pairs of about N characters: long runs a pattern can split many ways, then a text
    that makes it fail at the very end, where a backtracking engine retries every split."""
    texts = [("issue #12: 'a@' + '.'*N + ' x'", "a@" + "." * N + " x")]
    for c in _CHARS:
        texts += [(f"{c!r}*N + '!'", c * N + "!"), (f"'a@' + {c!r}*N + ' x'", "a@" + c * N + " x"),
                  (f"'https://' + {c!r}*N + '\\n'", "https://" + c * N + "\n")]
    for pair in ("a-", "a.", "a@", "0-", "-a", ".a", "a.b@", "2024-"):
        texts.append((f"{pair!r}*… + ' x'", pair * (N // len(pair)) + " x"))
    return texts


def _time_all(pattern: str, sink: Any) -> None:
    """In a forked child: the slowest input per engine, sent back as (seconds, engine, description)."""
    compiled, rust = re.compile(pattern), _rust(pattern)
    worst = (0.0, "", "")
    for what, text in adversarial():
        for engine, check in (("Python re", compiled.search), ("jsonschema-rs", rust.is_valid)):
            start = time.perf_counter()
            check(text)
            elapsed = time.perf_counter() - start
            worst = max(worst, (elapsed, engine, what))
            if elapsed > BOUND:
                sink.send(worst)
                return
    sink.send(worst)


@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_pattern_is_fast_on_a_quarter_megabyte_of_hostile_text(pattern: str) -> None:
    # A child process, killed at the deadline: a catastrophic pattern would otherwise hold the test for hours.
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_time_all, args=(pattern, send))
    child.start()
    deadline = BOUND * 2 * len(adversarial()) + 10
    finished = receive.poll(deadline)
    if not finished:
        child.kill()
    child.join()
    assert finished, f"{pattern} did not finish {2 * len(adversarial())} checks in {deadline:.0f} s"
    elapsed, engine, what = receive.recv()
    assert elapsed <= BOUND, f"{pattern} took {elapsed:.2f} s in {engine} on {what} ({N} characters)"
