"""Markdown for pull-request comments: the validation report and the check of who may change what."""

from __future__ import annotations

from collections.abc import Sequence

from generator.i18n.catalogs import _, ngettext, pgettext
from generator.problems import Problem, pointer_to_field
from generator.registry.report import EntryReport, Report
from generator.reporters.summary import TITLES, counts
from generator.text import code_span, md


def _problem_row(p: Problem) -> str:
    icon = "❌ " + pgettext("severity", "error") if p.severity == "error" else "⚠️ " + pgettext("severity", "warning")
    field = md(pointer_to_field(p.pointer)) if p.pointer else "—"
    return f"| {p.line} | {icon} | {field} | {md(p.message)} | {code_span(p.rule, in_table=True)} |"


def _markdown_entry(entry: EntryReport) -> list[str]:
    out = [f"### {code_span(entry.file)}", ""]
    if entry.criteria is not None and entry.ok:
        met = sum(r.met for r in entry.criteria.values())
        label = _("Meets the ImPACT criteria") if entry.eligible else \
            _("Forming — {met} of {total} criteria met").format(met=met, total=len(entry.criteria))
        out += [_("{label} (status: {status})").format(label=f"**{label}**", status=entry.status), "",
                "| | {criterion} | {found} |".format(criterion=_("Criterion"), found=_("What we found")),
                "|---|---|---|"]
        for criterion_id, result in entry.criteria.items():
            icon = "🟡" if result.justified else "✅" if result.met else "⬜"
            out.append(f"| {icon} | {TITLES[criterion_id]} | {md(result.detail)} |")
        out.append("")
    if entry.problems:
        out += ["| {line} | {severity} | {field} | {fix} | {rule} |".format(
            line=_("Line"), severity=_("Severity"), field=_("Field"), fix=_("What to fix"), rule=_("Rule")),
            "|---:|---|---|---|---|"]
        out += [_problem_row(p) for p in entry.problems]
        out.append("")
    elif entry.criteria is None:
        out += [_("No problems."), ""]
    return out


def markdown_report(report: Report) -> str:
    """The report a coalition reads on its pull request."""
    head = _("✅ All checks passed — {counts}.") if report.ok else \
        _("❌ Some things need fixing before this can be merged — {counts}.")
    out = ["## " + _("ImPACT Coalitions Registry check"), "", head.format(counts=counts(report)), ""]
    for entry in report.entries:
        out += _markdown_entry(entry)
    out += ["<sub>" + _("Errors block the merge; warnings and unmet criteria do not. A coalition that does not yet "
                        "meet all four criteria is listed as *{forming}*. See {guide} for every field.").format(
        forming="forming", guide="CONTRIBUTING.md") + "</sub>", ""]
    return "\n".join(out)


def check_pr_markdown(problems: list[Problem], author: str) -> str:
    """`impact check-pr --format markdown`: each change the author may not make, or that they may make all."""
    lines = ["### " + _("Who may change what"), ""]
    lines += [f"- ❌ {code_span(p.file)}: {md(p.message)} ({code_span(p.rule)})" for p in problems] or \
        ["✅ " + _("{author} may make every change in this pull request.").format(author=md(author))]
    return "\n".join(lines) + "\n"


MAX_REASONS = 10  # reasons listed in the comment; `impact check-pr --format json` gives them all


def auto_merge_markdown(eligible: bool, reasons: Sequence[str]) -> str:
    """Whether an accepted pull request merges itself, and why (docs/pull-requests.md, "What merges itself")."""
    listed = [f"- {md(reason)}" for reason in reasons[:MAX_REASONS]]
    if len(reasons) > MAX_REASONS:
        more = len(reasons) - MAX_REASONS
        listed.append("- " + ngettext("… and {count} more", "… and {count} more", more).format(count=more))
    if not eligible:
        return "\n".join(["### 👀 " + _("Reviewed by the registry maintainers"), "",
                          _("This pull request does not merge itself:"), "", *listed]) + "\n"
    return "\n".join([
        "### 🤖 " + _("This pull request merges itself"), "",
        _("It is an update of an entry by one of its maintainers, and it is valid: it is merged automatically once "
          "it has waited the registry's waiting period (24 hours, unless the registry maintainers chose another) "
          "after the last change to the pull request. Until then, a registry maintainer or another maintainer of the "
          "entry can stop it by commenting {hold_command} (registry maintainers can also add the label {hold_label}); "
          "a registry maintainer then reviews it.").format(hold_command="`/hold`", hold_label="`hold`"), "",
        "<details><summary>" + _("What was checked") + "</summary>", "", *listed, "", "</details>"]) + "\n"
