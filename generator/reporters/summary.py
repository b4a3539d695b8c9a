"""What every report says the same way: the counts line, criterion titles, one problem per line."""

from __future__ import annotations

from generator.registry.criteria import CRITERIA
from generator.registry.report import Report

TITLES = {c.id: c.title for c in CRITERIA}


def counts(report: Report) -> str:
    files = len(report.entries)
    return (f"{files} file{'s' * (files != 1)} checked: {report.errors} error{'s' * (report.errors != 1)}, "
            f"{report.warnings} warning{'s' * (report.warnings != 1)}; {report.eligible} eligible")


def one_line(text: str) -> str:
    """Entry text quoted in a message stays on the problem's line: one problem, one line."""
    return " ".join(text.split()) if "\n" in text or "\r" in text else text
