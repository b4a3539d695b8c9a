"""The report formats of `impact validate --format`, by name. Each is pure: the CLI prints."""

from __future__ import annotations

from collections.abc import Callable

from generator.registry.report import Report
from generator.reporters.annotations import github_report
from generator.reporters.comment import markdown_report
from generator.reporters.json_report import json_report
from generator.reporters.terminal import text_report

REPORTERS: dict[str, Callable[[Report], str]] = {
    "text": text_report,
    "json": json_report,
    "github": github_report,
    "markdown": markdown_report,
}
