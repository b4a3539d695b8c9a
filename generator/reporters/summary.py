"""What every report says the same way: the counts line, criterion titles, one problem per line."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from generator.i18n.catalogs import _, ngettext
from generator.registry.criteria import CRITERIA
from generator.registry.report import Report

_BY_ID = {c.id: c for c in CRITERIA}


class _Titles(Mapping[str, str]):
    """Each criterion's title by id, in the language active when it is read."""

    def __getitem__(self, criterion_id: str) -> str:
        return _BY_ID[criterion_id].title

    def __iter__(self) -> Iterator[str]:
        return iter(_BY_ID)

    def __len__(self) -> int:
        return len(_BY_ID)


TITLES: Mapping[str, str] = _Titles()


def counts(report: Report) -> str:
    files = len(report.entries)
    return _("{files} checked: {errors}, {warnings}; {eligible} eligible").format(
        files=ngettext("{count} file", "{count} files", files).format(count=files),
        errors=ngettext("{count} error", "{count} errors", report.errors).format(count=report.errors),
        warnings=ngettext("{count} warning", "{count} warnings", report.warnings).format(count=report.warnings),
        eligible=report.eligible)


def one_line(text: str) -> str:
    """Entry text quoted in a message stays on the problem's line: one problem, one line."""
    return " ".join(text.split()) if "\n" in text or "\r" in text else text
