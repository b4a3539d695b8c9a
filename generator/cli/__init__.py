"""The `impact` command: parse arguments → call one library function → report → exit code."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

import click

from generator.cli.options import Prompts, lang_option, require_site_extra, root_option, speak
from generator.errors import EXIT_OK, EXIT_PROBLEMS, ImpactError, UsageError
from generator.i18n.catalogs import _, ngettext, pgettext, set_language
from generator.i18n.languages import CODES
from generator.registry.validate import validate
from generator.reporters.formats import REPORTERS
from generator.settings import make_settings


class _Impact(click.Group):
    """The one place that turns the tool's exceptions into a message and an exit code (generator/errors.py)."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ImpactError as exc:
            first, *rest = exc.lines(_, ngettext)
            click.echo(f"impact: {first}", err=True)
            for line in rest:
                click.echo(line, err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=_Impact, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="impact-registry")
def main() -> None:
    """Registry tools of the ImPACT Coalitions: validate, build the site, register."""


@main.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(sorted(REPORTERS)), default="text", show_default=True,
              help="text for people, json for tools, github for annotations, markdown for the PR report.")
@lang_option
@root_option
def validate_command(paths: tuple[Path, ...], output_format: str, lang: str | None, root: Path) -> None:
    """Check coalition files (default: the whole registry) against the schema and the ImPACT criteria.

    --lang fr (or IMPACT_LANG=fr) writes the messages in French; ar, zh, en, fr, ru and es are offered.
    """
    speak(lang)
    report = validate(make_settings(root), paths)
    click.echo(REPORTERS[output_format](report), nl=False)
    sys.exit(EXIT_OK if report.ok else EXIT_PROBLEMS)


@main.command("build")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the site (default: site/ in the repository).")
@click.option("--language", "languages", multiple=True, type=click.Choice(CODES), metavar="CODE",
              help=f"Build only this site language (repeat for more; English, the site's root, always): "
                   f"{', '.join(CODES)}. Default: mkdocs.yml's extra.languages, or all six.")
@root_option
def build_command(out: Path | None, languages: tuple[str, ...], root: Path) -> None:
    """Validate, then build the public site. Refuses to build when any registry file has an error."""
    require_site_extra("build")
    from generator.site.build import build_site

    result = build_site(make_settings(root), out, languages=languages or None)
    languages_built = len(result.languages)
    click.echo(ngettext("Built {pages} coalition pages in {count} language ({languages}) into {folder}",
                        "Built {pages} coalition pages in {count} languages ({languages}) into {folder}",
                        languages_built).format(pages=result.coalitions, count=languages_built,
                                                languages=", ".join(result.languages), folder=result.site_dir))


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@root_option
def serve_command(host: str, port: int, root: Path) -> None:
    """Preview the site on localhost; it rebuilds when a registry file changes."""
    require_site_extra("serve")
    from generator.site.serve import serve

    settings = make_settings(root)
    try:
        serve(settings, settings.root / "site", host, port, click.echo)
    except KeyboardInterrupt:
        click.echo(_("Stopped."))
    except OSError as exc:
        raise UsageError(_("cannot serve on {address}: {reason}").format(address=f"{host}:{port}",
                                                                          reason=exc.strerror)) from exc


@main.command("new")
@click.option("--id", "coalition_id", help="The coalition's id, also its file name (default: made from the name).")
@click.option("--name", help="The coalition's full name.")
@click.option("--summary", help="Two or three plain sentences on what it wants to change.")
@click.option("--theme", "themes", multiple=True, help="A theme; repeat the option or separate themes with commas.")
@click.option("--objective", "objectives", multiple=True, help="One objective in one sentence; repeat for more.")
@click.option("--member", "members", multiple=True, metavar="'NAME | COUNTRY | SECTOR | CONSTITUENCY [| FIELD=VALUE]'",
              help="A member organisation, e.g. 'Example Network | KE | civil-society | ngos'; then, when needed, "
              "region=, primary_region=, scope=, constituency_other=, role=, website= parts. Repeat for more.")
@click.option("--member-states", help="The plan to engage Member States (ImPACT criterion 3).")
@click.option("--un-agencies", help="The plan to engage UN agencies or UN Country Teams (ImPACT criterion 3).")
@click.option("--support-needed", help="The support that engagement needs (ImPACT criterion 3).")
@click.option("--milestone", "milestones", multiple=True, metavar="'YYYY-MM-DD | WHAT HAPPENS'",
              help="A milestone of the work plan (ImPACT criterion 4); repeat for more.")
@click.option("--email", help="Contact e-mail: a role address, not a person's own.")
@click.option("--maintainer", "maintainers", multiple=True, help="GitHub user name of someone who may edit the file.")
@click.option("--commit", "commitments", multiple=True, metavar="COMMITMENT",
              help="A commitment the coalition makes: transparency, accountability, inclusivity (all three are "
              "needed); repeat the option or separate them with commas.")
@lang_option
@root_option
def new_command(coalition_id: str | None, name: str | None, summary: str | None, themes: tuple[str, ...],
                objectives: tuple[str, ...], members: tuple[str, ...], member_states: str | None,
                un_agencies: str | None, support_needed: str | None, milestones: tuple[str, ...], email: str | None,
                maintainers: tuple[str, ...], commitments: tuple[str, ...], lang: str | None, root: Path) -> None:
    """Write a new, valid registry/coalitions/<id>.yml, asking for whatever the options do not give.

    It never overwrites a file. When the validator refuses the file after questions were answered, it offers to
    keep the answers in registry/drafts/<id>.yml. Exit 0 when written; 2 when not (an answer that cannot be
    used, an existing file, or errors the validator found — they are printed).
    """
    speak(lang)
    from generator.intake.new import Flags, new_coalition, next_steps

    flags = Flags(id=coalition_id, name=name, summary=summary, themes=themes, objectives=objectives,
                  members=members, member_states=member_states, un_agencies=un_agencies,
                  support_needed=support_needed, milestones=milestones, email=email, maintainers=maintainers,
                  commitments=commitments)
    try:
        created = new_coalition(make_settings(root), flags, Prompts())
    except click.exceptions.Abort:
        raise UsageError(_("the input ended before every question was answered, so nothing was written — give the "
                           "answers as options to run without questions (see {help})").format(
            help="impact new --help")) from None
    click.echo("\n".join(next_steps(created)))


from generator.registry.validate import registry_pairs  # noqa: E402
from generator.similarity.formats import FORMATS as SIMILAR_FORMATS  # noqa: E402


@main.command("similar")
@click.option("--top", type=click.IntRange(min=0), default=20, show_default=True,
              help="How many pairs to show, highest score first (0: every pair scoring at least 0.1).")
@click.option("--format", "output_format", type=click.Choice(sorted(SIMILAR_FORMATS)), default="text",
              show_default=True, help="text for people, json for tools, markdown for an issue or a PR comment.")
@root_option
def similar_command(top: int, output_format: str, root: Path) -> None:
    """Pairs of coalitions that look like the same proposal, with the reasons: merge and partner suggestions."""
    report = validate(make_settings(root))
    pairs = registry_pairs(report.entries)
    left_out = sorted({p.file for p in report.problems if p.severity == "error"})
    if left_out:
        click.echo("impact: " + ngettext("{count} file with errors left out: {files}",
                                         "{count} files with errors left out: {files}", len(left_out)).format(
            count=len(left_out), files=", ".join(left_out)), err=True)
    click.echo(SIMILAR_FORMATS[output_format](pairs[:top] if top else pairs), nl=False)


@main.command("check-pr")
@click.option("--base", required=True, help="The branch or commit the pull request goes into (e.g. origin/main).")
@click.option("--head", default="HEAD", show_default=True,
              help="The pull request's commit (it is read as data with git, never checked out).")
@click.option("--author", envvar="GITHUB_ACTOR", help="The pull request's author (default: $GITHUB_ACTOR).")
@click.option("--format", "output_format", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True)
@lang_option
@root_option
def check_pr_command(base: str, head: str, author: str | None, output_format: str, lang: str | None,
                     root: Path) -> None:
    """Check who may change which file in a pull request (docs/pull-requests.md). Exit 0 allowed, 1 refused, 2 usage.

    Without --lang (or IMPACT_LANG) the report speaks the language the changed coalition files declare in
    `language:` when it is one of the site's six, else English.
    """
    import json

    from generator.pullrequest.check import check_pr, report_language
    from generator.reporters.comment import check_pr_markdown

    speak(lang)
    if not author:
        raise UsageError(_("name the pull request's author with {option} (or set {variable})").format(
            option="--author LOGIN", variable="GITHUB_ACTOR"))
    try:
        if lang is None:
            set_language(report_language(root, base, head))
        problems = check_pr(root, base, author, head)
    except ImpactError as exc:
        raise UsageError(_("cannot read the pull request's changes: {reason}").format(reason=exc)) from exc
    if output_format == "json":
        from generator.pullrequest.automerge import assess

        auto_merge = assess(str(root), base, head, author)
        click.echo(json.dumps({"ok": not problems, "author": author, "problems": [
            {"file": p.file, **p.as_json()} for p in problems], "auto_merge": auto_merge.as_json()},
            ensure_ascii=False, indent=1))
    elif output_format == "markdown":
        click.echo(check_pr_markdown(problems, author), nl=False)
    else:
        for p in problems:
            click.echo(f"{p.file}: {pgettext('severity', 'error')}: {p.message} [{p.rule}]")
        verdict = ngettext("REFUSED: {count} change {author} may not make",
                           "REFUSED: {count} changes {author} may not make", len(problems)) if problems else \
            _("OK: {count} changes {author} may not make")
        click.echo(verdict.format(count=len(problems), author=author))
    sys.exit(EXIT_PROBLEMS if problems else EXIT_OK)


@main.command("judge-pr")
@click.option("--base", required=True, help="The base branch's commit; its rules judge (the checkout's own).")
@click.option("--head", required=True, help="The pull request's commit, fetched as data: never checked out or run.")
@click.option("--author", required=True, help="The pull request's author (its user login).")
@click.option("--head-ref", default="", help="The pull request's branch (register/<login>/issue-N: see below).")
@click.option("--head-repo", default="", help="The repository the branch is in (owner/name).")
@click.option("--repo", default="", help="This repository (owner/name).")
@click.option("--registration-bot", default="", help="The registration robot's login: its pull requests from "
              "this repository's branch register/<login>/issue-N are judged as <login>'s.")
@click.option("--comment", "comment_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the pull request's comment here (the verdict first, cut to fit GitHub's limit).")
@click.option("--details-url", default="", help="Where the whole report can be read (the run's address).")
@root_option
def judge_pr_command(base: str, head: str, author: str, head_ref: str, head_repo: str, repo: str,
                     registration_bot: str, comment_file: Path | None, details_url: str, root: Path) -> None:
    """The binding verdict on a pull request, by the base branch's rules (pr-judge.yml runs it).

    Prints the whole verdict and report in Markdown. Exit 0 accepted, 1 refused, 2 not judged.
    """
    from generator.pullrequest.judge import assemble_comment, judge, registration_author, verdict_markdown

    verdict = judge(root, base, head, registration_author(author, head_ref, head_repo, repo, registration_bot))
    verdict_md = verdict_markdown(verdict)
    # The report (what blocks the merge) before the preview: the comment is cut from the end.
    report_md = "\n".join(part for part in (verdict.report_markdown, verdict.preview_markdown) if part)
    click.echo(verdict_md + "\n" + report_md)
    if comment_file is not None:
        try:
            comment_file.write_text(assemble_comment(verdict_md, report_md, full_report_at=details_url),
                                    encoding="utf-8")
        except OSError as exc:
            raise UsageError(_("cannot write the comment to {file}: {reason}").format(
                file=comment_file, reason=exc.strerror)) from exc
    sys.exit(verdict.exit_code)


@main.group("auto-merge")
def auto_merge_group() -> None:
    """Owners' updates that merge themselves: what auto-merge.yml asks (docs/pull-requests.md)."""


@auto_merge_group.command("select")
@click.option("--base", default="HEAD", show_default=True, help="The base branch's commit (the checkout's own).")
@click.option("--pulls", "pulls_file", required=True, type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="The open pull requests: gh pr list --json number,headRefOid,author,labels,isDraft.")
@click.option("--statuses", "statuses_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="A folder of <number>.json: each head commit's statuses (GitHub's commits/SHA/statuses).")
@click.option("--wait-hours", type=click.IntRange(1, 720), default=24, show_default=True,
              help="How long after the last registry verdict a pull request waits before it merges itself.")
@click.option("--summary", "summary_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write each decision and its reasons here, in Markdown.")
@root_option
def auto_merge_select_command(base: str, pulls_file: Path, statuses_dir: Path, wait_hours: int,
                              summary_file: Path | None, root: Path) -> None:
    """Which open pull requests to merge now, as JSON: {"merge": [{number, sha}], "pulls": [...]}. Exit 0."""
    import datetime as dt
    import json

    from generator.pullrequest.merging import read_pulls, read_statuses, select, summary_markdown

    pulls = read_pulls(pulls_file.read_text(encoding="utf-8"))
    decisions = select(str(root), base, pulls, read_statuses(statuses_dir, pulls), dt.datetime.now(dt.UTC),
                       wait_hours)
    if summary_file is not None:
        summary_file.write_text(summary_markdown(decisions, wait_hours), encoding="utf-8")
    click.echo(json.dumps({"wait_hours": wait_hours, "merge": [{"number": d.pull.number, "sha": d.pull.sha}
                                                                for d in decisions if d.merge],
                           "pulls": [d.as_json() for d in decisions]}, ensure_ascii=False, indent=1))


@auto_merge_group.command("may-hold")
@click.option("--base", default="HEAD", show_default=True, help="The base branch's commit (the checkout's own).")
@click.option("--head", required=True, help="The pull request's commit, fetched as data.")
@click.option("--login", required=True, help="Who wrote the comment.")
@click.option("--comment", "comment_file", required=True, type=click.File("r", encoding="utf-8", errors="replace"),
              help="The comment's text (a file, or - for standard input).")
@root_option
def auto_merge_may_hold_command(base: str, head: str, login: str, comment_file: TextIO, root: Path) -> None:
    """Whether a /hold comment puts the pull request on hold, as JSON. Exit 0 it does, 1 it does not, 2 usage."""
    import json

    from generator.pullrequest.hold import may_hold

    try:
        hold = may_hold(str(root), base, head, login, comment_file.read(100_000))
    except ImpactError as exc:
        raise UsageError(_("cannot read the pull request's changes: {reason}").format(reason=exc)) from exc
    click.echo(json.dumps(hold.as_json(), ensure_ascii=False))
    sys.exit(EXIT_OK if hold.allowed else EXIT_PROBLEMS)


@main.command("from-issue")
@click.argument("body_file", type=click.File("r", encoding="utf-8", errors="replace"))
@click.option("--author", help="GitHub user name of the issue's author; made a maintainer of the entry when the "
              "form does not name them.")
@click.option("--write", is_flag=True, help="Write registry/coalitions/<id>.yml (never over an existing file).")
@lang_option
@root_option
def from_issue_command(body_file: TextIO, author: str | None, write: bool, lang: str | None, root: Path) -> None:
    """Turn a "Register a coalition" issue body (FILE, or - for standard input) into a coalition file.

    Prints the YAML (with --write: writes it and prints its path) and exits 0; when something is missing,
    prints a Markdown comment for the issue saying what to fix, and exits 1.
    """
    speak(lang)
    from generator.intake.from_issue import MAX_BODY, issue_comment, register_from_issue, write_registration

    settings = make_settings(root)
    registration = register_from_issue(body_file.read(MAX_BODY + 1), settings, author)
    if registration.ok and write:
        write_registration(registration, settings)
    if not registration.ok:
        click.echo(issue_comment(registration), nl=False)
        sys.exit(EXIT_PROBLEMS)
    click.echo(registration.file if write else registration.text, nl=write)


@main.command("health")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="text for people, json for tools, markdown for the tracking issue's body.")
@click.option("--state", "state_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The memory between runs, read and rewritten (the weekly workflow's: registry/health.json). "
              "Without it nothing is remembered and every failure counts at once.")
@click.option("--confirm-after", type=click.FloatRange(min=0), default=72, show_default=True, metavar="HOURS",
              help="A failing link counts as broken or unreachable when a run at least this long after its first "
              "failing run finds it failing again.")
@click.option("--mentions", "mentions_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write here the comment that mentions the maintainers of each entry with a new problem (an "
              "empty file when nothing is new).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=15, show_default=True, metavar="SECONDS",
              help="How long one request may take.")
@click.option("--retries", type=click.IntRange(min=0, max=5), default=2, show_default=True,
              help="Further tries, after a growing pause, when a request times out, cannot connect or the server "
              "is busy (429, 502, 503, 504).")
@click.option("--strict", is_flag=True, help="Exit 1 when a link is broken.")
@root_option
def health_command(output_format: str, state_path: Path | None, confirm_after: float, mentions_file: Path | None,
                   timeout: float, retries: int, strict: bool, root: Path) -> None:
    """Check every web address of the registry's valid entries and list the stale entries.

    Exit 0; with --strict, 1 when a link is broken; 2 usage or configuration.
    """
    import datetime as dt
    import importlib.util

    if importlib.util.find_spec("httpx") is None:
        raise UsageError(_("{command} asks the sites with {module}: install the health extra: {install} (in the "
                           "registry's repository: {setup})").format(
            command="`impact health`", module="httpx", install="pip install 'impact-registry[health]'",
            setup="make setup"))
    from generator.health.check import Options
    from generator.health.mentions import mentions_markdown
    from generator.health.report import issue_markdown, json_report, text_report
    from generator.health.run import run_health

    settings = make_settings(root)
    after = dt.timedelta(hours=confirm_after)
    health = run_health(settings, Options(timeout=timeout, retries=retries), state_path=state_path,
                        confirm_after=after)
    if health.targets.skipped:
        skipped = health.targets.skipped
        click.echo("impact: " + ngettext("{count} file with errors not checked (run {command}): {files}",
                                         "{count} files with errors not checked (run {command}): {files}",
                                         len(skipped)).format(count=len(skipped), command="impact validate",
                                                              files=", ".join(skipped)), err=True)
    if mentions_file is not None:
        try:
            mentions_file.write_text(mentions_markdown(health.state, health.previous, health.targets.entries),
                                     encoding="utf-8")
        except OSError as exc:
            raise UsageError(_("cannot write the mentions to {file}: {reason}").format(
                file=mentions_file, reason=exc.strerror)) from exc
    if output_format == "json":
        click.echo(json_report(health.state), nl=False)
    elif output_format == "markdown":
        click.echo(issue_markdown(health.state, health.targets.skipped, after), nl=False)
    else:
        click.echo(text_report(health.state), nl=False)
    sys.exit(EXIT_PROBLEMS if strict and health.broken else EXIT_OK)
