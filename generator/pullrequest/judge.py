"""The binding verdict on a pull request (issue #12): the base branch's tool judges the head's files as data.

    pr-judge.yml (pull_request_target: its definition and this code are the base branch's)
      → `impact judge-pr --base BASE --head HEAD --author LOGIN`
      → check_pr(BASE…HEAD) + validate(the head's registry/ under the base's schema/ and criteria)
      → one Markdown comment: the verdict first, never cut (with, when accepted, whether it merges itself:
        automerge.py), the report, and each changed coalition as its page will read (preview.py)
      → exit 0 accepted, 1 refused, 2 not judged

Nothing of the head is installed, imported, checked out or run: its files are read with `git cat-file` and
written as plain files into a temporary folder (head.py), where only the base's rules read them. The pull request's
own `pull_request` run (pr-check.yml) may say what it likes: it sets no required status.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ImpactError
from generator.git import resolve_commit
from generator.i18n.catalogs import _, ngettext
from generator.problems import Problem
from generator.pullrequest.automerge import AutoMerge, auto_merge
from generator.pullrequest.check import check_pr, pull_request_diff
from generator.pullrequest.head import changed_files, head_files
from generator.pullrequest.preview import preview_markdown
from generator.registry.validate import validate
from generator.reporters.comment import auto_merge_markdown, check_pr_markdown, markdown_report
from generator.text import md, no_mentions

STATUS_CONTEXT = "registry/verdict"  # the commit status that branch protection requires
MARKER = "<!-- impact-registry-report -->"  # the comment is found again by it and edited in place
COMMENT_LIMIT = 60_000  # bytes; GitHub refuses comments over 65,536 characters
_BRANCH = re.compile(r"register/([A-Za-z0-9-]{1,39})/issue-[0-9]+")


def registration_author(pr_author: str, head_ref: str = "", head_repo: str = "", repo: str = "",
                        registration_bot: str = "") -> str:
    """Whose pull request it is: the issue author's for the registration robot's branch register/<login>/issue-N.

    Only the robot's pull requests from this repository's own branches count: anyone can name a fork branch so.
    """
    match = _BRANCH.fullmatch(head_ref)
    if registration_bot and pr_author == registration_bot and head_repo == repo and repo and match:
        return match.group(1)
    return pr_author


# --- The verdict -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    author: str
    ownership: tuple[Problem, ...] = ()
    report_ok: bool = True
    report_markdown: str = ""
    failure: str | None = None  # why the pull request could not be judged at all
    auto_merge: AutoMerge | None = None  # whether it merges itself (None when not judged)
    preview_markdown: str = ""  # each changed coalition as its page will read

    @property
    def accepted(self) -> bool:
        return self.failure is None and not self.ownership and self.report_ok

    @property
    def exit_code(self) -> int:
        return 2 if self.failure is not None else 0 if self.accepted else 1

    def headline(self) -> str:
        """The verdict in one line (the comment's heading says it after "refused — ")."""
        if self.failure is not None:
            return _("Could not be judged — see the comment or the run's summary")
        if self.accepted:
            return _("Accepted: the author may make every change, and the registry files are valid")
        return _("Refused: {reasons}").format(reasons=self.refusal())

    def refusal(self) -> str:
        """Why it is refused, as the headline says it after "Refused: "."""
        changes = ngettext("{count} change the author may not make", "{count} changes the author may not make",
                           len(self.ownership)).format(count=len(self.ownership))
        if self.ownership and not self.report_ok:
            return _("{changes} and registry files with errors").format(changes=changes)
        return changes if self.ownership else _("registry files with errors")


def judge(root: Path | str, base: str, head: str, author: str) -> Verdict:
    """Judge the pull request from BASE to HEAD by the base's rules; never raises for anything the PR holds."""
    root_dir = str(root)
    try:
        head_commit = resolve_commit(root_dir, head)
        ownership = check_pr(root_dir, base, author, head_commit)
        diff = pull_request_diff(root_dir, base, head_commit)
        with head_files(root_dir, diff) as settings:
            report = validate(settings, changed_files(diff, settings.root))
            preview = preview_markdown(root_dir, diff, report, settings)
        return Verdict(author, tuple(ownership), report.ok, markdown_report(report),
                       auto_merge=auto_merge(root_dir, diff, author, ownership, report), preview_markdown=preview)
    except ImpactError as exc:  # GitError and UsageError included: each says what went wrong
        return Verdict(author, failure=str(exc))
    except Exception as exc:  # a bug must still give a failed verdict and a comment, never a silent pass
        return Verdict(author, failure=_("the check itself failed ({error}) — please tell the registry "
                                         "maintainers").format(error=f"{type(exc).__name__}: {exc}"))


def verdict_markdown(verdict: Verdict) -> str:
    """What the comment must say first, whatever follows: accepted, refused and why, or not judged."""
    if verdict.failure is not None:
        return (_("## ❌ Registry verdict: not judged") + "\n\n"
                + _("The registry check could not judge this pull request: {reason}. Nothing can be merged until it "
                    "can; a registry maintainer can look at the run.").format(reason=md(verdict.failure)) + "\n")
    if verdict.accepted:
        auto = verdict.auto_merge or AutoMerge(False, (_("it was not checked for merging by itself"),))
        accepted = _("{author} may make every change in this pull request, and the registry files are valid.")
        if not auto.eligible:
            accepted = _("{author} may make every change in this pull request, and the registry files are valid. "
                         "The registry maintainers review it next.")
        return (_("## ✅ Registry verdict: accepted") + "\n\n" + accepted.format(author=md(verdict.author)) + "\n\n"
                + auto_merge_markdown(auto.eligible, auto.reasons))
    out = [_("## ❌ Registry verdict: refused — {reasons}").format(reasons=md(verdict.refusal())), ""]
    out.append(check_pr_markdown(list(verdict.ownership), verdict.author))
    if not verdict.report_ok:
        out.append(_("Some registry files have errors: see the report below.") + "\n")
    return "\n".join(out)


def _fit(text: str, budget: int) -> tuple[str, bool]:
    """The longest run of whole lines of `text` within `budget` UTF-8 bytes, and whether anything was left out."""
    if len(text.encode("utf-8")) <= budget:
        return text, False
    kept, used = [], 0
    for line in text.splitlines(keepends=True):
        size = len(line.encode("utf-8"))
        if used + size > budget:
            break
        kept.append(line)
        used += size
    return "".join(kept), True


def assemble_comment(verdict_md: str, report_md: str, *, limit: int = COMMENT_LIMIT,
                     full_report_at: str = "") -> str:
    """The pull request's one comment: marker, the verdict (first, whole), then as much of the report as fits.

    At most `limit` UTF-8 bytes. Whatever is cut is cut at a line and ends with a line saying so and where all
    of it can be read. No text in it can mention anyone or fake the marker.
    """
    where = _("[the run's summary]({link})").format(link=full_report_at) if re.fullmatch(
        r"https://[^\s()<>]+", full_report_at) else \
        _("the summary of the “Registry verdict” run (the pull request's Checks tab)")
    cut_note = "\n\n---\n" + _("✂️ **This comment was cut to fit GitHub's limit.** Read all of it in {where} (and "
                                "its log).").format(where=where) + "\n"

    def clean(text: str) -> str:
        return no_mentions(text.replace(MARKER, "")).replace("\r", "")

    verdict_md, report_md = clean(verdict_md).rstrip("\n") + "\n", clean(report_md)
    room = limit - len(f"{MARKER}\n".encode()) - len(cut_note.encode("utf-8"))
    shown_verdict, verdict_cut = _fit(verdict_md, room)  # only when the refusals alone fill the comment
    body = f"{MARKER}\n{shown_verdict}"
    if not verdict_cut:
        shown_report, report_cut = _fit(f"\n{report_md}", room - len(shown_verdict.encode("utf-8")))
        body += shown_report
        if not report_cut:
            return body
    return body.rstrip("\n") + cut_note
