"""Front matter of the generated pages: written so that every reader takes it alike, then checked.

MkDocs reads front matter with libyaml, Zensical with saphyr. A value either one rejects (a surrogate
escape such as "\\ud83c\\udf0d", which JSON writes for 🌍) makes MkDocs drop the whole front matter
silently — and with it the flag that keeps a page's entry text out of Markdown (site_hooks.PRE_RENDERED),
so Markdown would turn entry text into live links and images. Hence two guards:

- `quoted` writes a value as a double-quoted scalar that is also a JSON string: on one line, every
  character YAML forbids or folds escaped, every other one (🌍 included) written as itself.
- `check_pages` reads every generated page back with MkDocs' own reader before the site is built, and
  refuses the build, naming the page, when the front matter does not parse or lacks the flag.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.errors import ImpactError
from generator.site.hooks import PRE_RENDERED

# What json.dumps(ensure_ascii=False) leaves as itself but YAML cannot carry as itself in a quoted
# scalar: DEL and the C1 controls (U+0085 is a line break to YAML), the line and paragraph separators,
# the byte-order mark and the two non-characters U+FFFE/U+FFFF. All are in the BMP, so \\uXXXX is
# the same escape to JSON and to YAML.
_ESCAPED = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def quoted(text: str) -> str:
    """`text` as a one-line double-quoted YAML scalar (and JSON string) that libyaml and saphyr read back."""
    # A lone surrogate cannot be written in UTF-8 (nor come from a registry file): it becomes U+FFFD.
    text = _SURROGATE.sub("\ufffd", text)
    return _ESCAPED.sub(lambda match: f"\\u{ord(match.group()):04x}", json.dumps(text, ensure_ascii=False))


def page_problem(text: str) -> str | None:
    """Why MkDocs would not take this generated page as pre-rendered HTML, or None when it would."""
    from mkdocs.utils.meta import YAML_RE, get_data  # MkDocs' own reader: what the build will see

    if not YAML_RE.match(text):
        return "it has no front matter"
    _, meta = get_data(text)
    if meta.get(PRE_RENDERED) is True:
        return None
    error = _yaml_error(text)
    return f"its front matter does not parse: {error}" if error else f"its front matter lacks `{PRE_RENDERED}: true`"


def _yaml_error(text: str) -> str | None:
    """The reader's own complaint (get_data swallows it), or None when the front matter is a mapping."""
    import yaml
    from mkdocs.utils.meta import YAML_RE, SafeLoader

    match = YAML_RE.match(text)
    try:
        data = yaml.load(match.group(1) if match else "", SafeLoader)  # noqa: S506 — MkDocs' safe loader
    except yaml.YAMLError as exc:
        return " ".join(str(exc).split())
    return None if isinstance(data, dict) else f"it is a {type(data).__name__}, not a mapping"


def check_pages(docs: Path) -> int:
    """Refuse unless every page in `docs` has front matter MkDocs reads and the pre-rendered flag.

    Checked on the files MkDocs is about to read, so the protection does not rest on the hooks.
    Returns the number of pages checked.
    """
    from mkdocs.utils import markdown_extensions  # the suffixes MkDocs builds as pages

    bad: list[str] = []
    checked = 0
    for path in sorted(docs.rglob("*")):
        if path.suffix.lower() in markdown_extensions and path.is_file():
            checked += 1
            problem = page_problem(path.read_text(encoding="utf-8"))
            if problem:
                bad.append(f"{path.relative_to(docs).as_posix()} ({problem})")
    if bad:
        raise ImpactError(f"the site was not built: MkDocs would put {len(bad)} generated page{'s' * (len(bad) != 1)} "
                          "through Markdown, entry text included — " + "; ".join(bad[:10])
                          + (f"; and {len(bad) - 10} more" if len(bad) > 10 else ""))
    return checked
