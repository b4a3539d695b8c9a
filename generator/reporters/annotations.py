"""`impact validate --format github`: workflow commands that GitHub shows on the pull request's lines."""

from __future__ import annotations

from generator.i18n.catalogs import _
from generator.registry.report import Report
from generator.reporters.summary import counts


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_report(report: Report) -> str:
    """GitHub workflow commands: one annotation per problem, shown on the pull request's lines."""
    lines = []
    for p in report.problems:
        command = "error" if p.severity == "error" else "warning"
        title = _escape_property(_("ImPACT registry: {rule}").format(rule=p.rule))
        lines.append(f"::{command} file={_escape_property(p.file)},line={p.line},col={p.column},"
                     f"title={title}::{_escape_data(p.message)}")
    lines.append(counts(report))
    return "\n".join(lines) + "\n"
