"""`impact similar` output: the pairs as text for people, JSON for tools, Markdown for an issue or a comment."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from generator.i18n.catalogs import _
from generator.similarity.index import Pair
from generator.text import code_span, md


def text_pairs(pairs: Sequence[Pair]) -> str:
    if not pairs:
        return _("No similar coalitions found.") + "\n"
    lines = []
    for pair in pairs:
        lines.append(f"{pair.score:.2f}  {pair.a} ~ {pair.b}")
        lines += [f"      {reason}" for reason in pair.reasons]
    return "\n".join(lines) + "\n"


def json_pairs(pairs: Sequence[Pair]) -> str:
    return json.dumps({"pairs": [p.as_json() for p in pairs]}, ensure_ascii=False, indent=1) + "\n"


def markdown_pairs(pairs: Sequence[Pair]) -> str:
    if not pairs:
        return _("No similar coalitions found.") + "\n"
    lines = ["| {score} | {coalition} | {coalition} | {why} |".format(
        score=_("Score"), coalition=_("Coalition"), why=_("Why")), "|---:|---|---|---|"]
    lines += [f"| {p.score:.2f} | {code_span(p.a, in_table=True)} | {code_span(p.b, in_table=True)} | "
              f"{md('; '.join(p.reasons), readable=True)} |" for p in pairs]
    return "\n".join(lines) + "\n"


FORMATS: dict[str, Callable[[Sequence[Pair]], str]] = {"text": text_pairs, "json": json_pairs,
                                                        "markdown": markdown_pairs}
