"""Reporters on exact output: a small fixed report compared with the golden files in tests/golden/.

To rewrite the golden files after an intended change, run `IMPACT_UPDATE_GOLDEN=1 .venv/bin/pytest
tests/test_reporters.py`, then read the diff line by line before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from generator.problems import Problem
from generator.registry.criteria import CriterionResult
from generator.registry.report import EntryReport, Report
from generator.reporters.annotations import github_report
from generator.reporters.formats import REPORTERS
from generator.text import code_span, md, no_mentions

from .support.registry import checkout_criteria

GOLDEN = Path(__file__).resolve().parent / "golden"
SETTINGS = checkout_criteria()

BROKEN = EntryReport(
    file="registry/coalitions/example-broken.yml", id="example-broken",
    problems=(Problem("error", "schema", "members[0].country: 'k|e @someone <b>' is not accepted — use the ISO 3166 "
                      "two-letter code in capitals, such as KE, BR, IN or DE", "registry/coalitions/example-broken.yml",
                      "/members/0/country", 11, 14),))
FORMING = EntryReport(
    file="registry/coalitions/example-forming.yml", id="example-forming",
    problems=(Problem("warning", "synergies", "no related_initiatives listed — name existing efforts the coalition "
                      "builds on, so maintainers can connect it with them",
                      "registry/coalitions/example-forming.yml"),),
    criteria={
        "regional-diversity": CriterionResult(True, True, "4 civil society actors from 1 UN Regional Group, 4 from "
                                              "the global south; met with justification (to be reviewed by the "
                                              "maintainers): 4 of the 5 civil society actors needed"),
        "constituency-diversity": CriterionResult(True, False, "3 constituencies (ngos, women, farmers)"),
        "un-engagement": CriterionResult(False, False, "no engagement plan yet: write a plan of at least 40 "
                                         "characters"),
        "work-plan": CriterionResult(True, False, "2 milestones from 2024-06-01 to 2024-09-22"),
    },
    status="forming")
REPORT = Report((BROKEN, FORMING), SETTINGS, whole_registry=False)


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("IMPACT_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "file"), [("text", "report.txt"), ("json", "report.json"),
                                            ("github", "report.github.txt"), ("markdown", "report.md")])
def test_reporter_output_is_exactly_the_golden_file(name: str, file: str) -> None:
    _golden(file, REPORTERS[name](REPORT))


def test_text_report_of_the_whole_registry_has_one_line_per_entry() -> None:
    _golden("report-registry.txt", REPORTERS["text"](Report((BROKEN, FORMING), SETTINGS, whole_registry=True)))


def test_the_reporter_table_is_the_documented_one() -> None:
    assert set(REPORTERS) == {"text", "json", "github", "markdown"}


def test_json_report_has_exactly_the_documented_keys() -> None:
    document = json.loads(REPORTERS["json"](REPORT))
    assert set(document) == {"version", "ok", "entries", "summary"}
    assert document["version"] == 1 and document["ok"] is False
    assert document["summary"] == {"files": 2, "errors": 1, "warnings": 1, "eligible": 0}
    broken, forming = document["entries"]
    assert set(broken) == {"file", "id", "ok", "eligible", "status", "problems"}  # no criteria: it failed
    assert set(forming) == {"file", "id", "ok", "eligible", "status", "criteria", "problems"}
    assert set(forming["criteria"]) == {"regional-diversity", "constituency-diversity", "un-engagement", "work-plan"}
    for result in forming["criteria"].values():
        assert set(result) == {"met", "justified", "detail"}
    for problem in broken["problems"] + forming["problems"]:
        assert set(problem) == {"severity", "rule", "message", "pointer", "line", "column"}
    assert (forming["status"], forming["ok"], broken["status"]) == ("forming", True, None)


def test_github_annotations_escape_data_and_properties() -> None:
    problem = Problem("error", "schema", "100% sure\r\nsecond line", "registry/coalitions/a:b,c%.yml", "/id", 3, 5)
    report = Report((EntryReport(problem.file, None, (problem,)),), SETTINGS)
    first = github_report(report).splitlines()[0]
    assert first == ("::error file=registry/coalitions/a%3Ab%2Cc%25.yml,line=3,col=5,"
                     "title=ImPACT registry%3A schema::100%25 sure%0D%0Asecond line")


def test_markdown_makes_entry_text_inert() -> None:
    assert md("[link](javascript:x) <img src=x> @team | *bold* & `code`") == (
        "\\[link\\]\\(javascript:x\\) \\<img src=x\\> @\u200bteam \\| \\*bold\\* &amp; \\`code\\`")
    assert md("two\nlines\r\n  here") == "two lines here"


def test_markdown_file_headings_are_code_spans_without_backslashes() -> None:
    # The design changed (issue #12): the name is shown as it is, in a fence longer than its backtick runs,
    # instead of with its backticks replaced.
    problem = Problem("error", "schema", "x", "registry/coalitions/my_file`x.yml")
    report = Report((EntryReport(problem.file, None, (problem,)),), SETTINGS)
    assert "### ``registry/coalitions/my_file`x.yml``" in REPORTERS["markdown"](report).splitlines()


@pytest.mark.parametrize(("text", "span"), [
    ("plain_name.yml", "`plain_name.yml`"),
    ("a`b", "``a`b``"),
    ("a``b`c", "```a``b`c```"),
    ("`start", "`` `start ``"),
    ("end`", "`` end` ``"),
    ("<b>*not*\\[escaped]</b> @x", "`<b>*not*\\[escaped]</b> @x`"),
    ("two\nlines", "`two lines`"),
])
def test_code_spans_show_the_text_as_it_is_whatever_backticks_it_holds(text: str, span: str) -> None:
    assert code_span(text) == span
    inside = span.strip("`")
    fence = span[:len(span) - len(span.lstrip("`"))]
    assert "`" * len(fence) not in inside  # no run inside can close the span
    assert code_span("a|b", in_table=True) == "`a\\|b`"


@pytest.mark.parametrize("form", ["@", "\uff20", "\ufe6b", "&#64;", "&#064;", "&#x40;", "&#X40;", "&#x0040;",
                                  "&commat;", "&#64"])
def test_no_at_sign_form_can_mention_anyone(form: str) -> None:
    assert no_mentions(f"hi {form}org/team and {form}user") == f"hi {form}\u200borg/team and {form}\u200buser"
    assert no_mentions(no_mentions(form + "user")) == no_mentions(form + "user")
    escaped = md(f"{form}user")
    assert escaped.replace("\u200b", "") != escaped or "&amp;" in escaped  # inert either way


def test_text_report_keeps_one_problem_on_one_line() -> None:
    problem = Problem("error", "region-required", "members[0] (Two\nLines\r\nOrg): add region:", "a.yml", "", 4, 5)
    report = Report((EntryReport(problem.file, None, (problem,)),), SETTINGS)
    assert REPORTERS["text"](report).splitlines()[0] == "a.yml:4:5: error: members[0] (Two Lines Org): add region: " \
        "[region-required]"
