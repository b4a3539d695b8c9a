"""The binding verdict on a pull request (pr-judge.yml → .github/scripts/judge-pr → `impact judge-pr`), on real
git repositories: the base branch's code and rules judge, the pull request's commit is only data (issue #12).

Each repository is a copy of this project: `origin` holds main and the pull request's commit under
refs/pull/7/head, as GitHub does; the judge runs in a clone of main — the base checkout — exactly as the
workflow's step runs it, with this checkout's installed `impact` standing for the tool installed from the base.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.pullrequest.judge import MARKER, STATUS_CONTEXT, assemble_comment, registration_author

from .support.git import git, without_user_configuration
from .support.project import copy_project
from .support.registry import CHECKOUT, coalition_text
from .support.workflows import load, steps

BIN = Path(sys.executable).parent
OTHERS = "registry/coalitions/ocean.yml"


@pytest.fixture(autouse=True)
def quiet_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    without_user_configuration(tmp_path, monkeypatch)


@pytest.fixture
def origin(tmp_path: Path) -> Path:
    """This project on main, with a registry maintainer and a coalition of someone else's; then branch `pr`."""
    root = copy_project(tmp_path / "origin")
    (root / OTHERS).write_text(coalition_text("ocean", ["ocean-keeper"]), encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "pr")
    return root


def open_pull_request(origin: Path, message: str = "change") -> str:
    """Commit the branch's changes and publish the commit as GitHub does (refs/pull/7/head); its id."""
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "--allow-empty", "-m", message)
    head = git(origin, "rev-parse", "HEAD").strip()
    git(origin, "update-ref", "refs/pull/7/head", head)
    git(origin, "checkout", "-q", "main")
    git(origin, "branch", "-q", "-D", "pr")  # only the pull request's ref holds it, as for a fork
    return head


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def judge_step() -> dict[str, str]:
    [job] = [job for name, job in load("pr-judge.yml")["jobs"].items() if name == "judge"]
    return next(s for s in job["steps"] if s.get("id") == "judge")


def run_judge(origin: Path, tmp_path: Path, head: str, author: str, **event: str) -> tuple[int, str, str, str]:
    """pr-judge.yml's judge step, run as the workflow runs it, in a fresh clone of main: (status, comment, …)."""
    base = tmp_path / "base"
    git(tmp_path, "clone", "-q", "--single-branch", "--branch", "main", str(origin), str(base))
    out = tmp_path / "github"
    out.mkdir()
    step = judge_step()
    env = {"HEAD_SHA": head, "PR_AUTHOR": author, "HEAD_REF": event.get("head_ref", "pr"),
           "HEAD_REPO": event.get("head_repo", "fork/registry"), "REPO": "org/registry",
           "REGISTRATION_BOT": event.get("bot", ""), "RUN_URL": "https://github.example.org/org/registry/runs/1",
           "VERDICT": str(out / "verdict"), "TOKEN": ""}
    assert set(env) == set(step["env"]), "the step's environment changed: update this test"
    env |= {"GITHUB_OUTPUT": str(out / "output"), "GITHUB_STEP_SUMMARY": str(out / "summary"),
            "PATH": f"{BIN}:/usr/bin:/bin", "HOME": str(tmp_path), "SOURCE_DATE_EPOCH": os.environ["SOURCE_DATE_EPOCH"],
            **{k: v for k, v in os.environ.items() if k.startswith("GIT_")}}
    done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=base, env=env, capture_output=True, text=True,
                          timeout=300, check=False)
    output = (out / "output").read_text(encoding="utf-8")
    assert output.endswith("\n") and output.count("status=") == 1, output
    status = int(output.strip().removeprefix("status="))
    assert done.returncode == status, (done.returncode, output, done.stderr)
    assert git(base, "rev-parse", "HEAD") == git(origin, "rev-parse", "main")  # the head was never checked out
    comment_file = out / "verdict" / "comment.md"
    comment = comment_file.read_text(encoding="utf-8") if comment_file.exists() else ""
    return status, comment, done.stdout, done.stderr


# --- The attacks of issue #12 -------------------------------------------------------------------------------


def test_a_pull_request_that_rewrites_the_checker_is_judged_by_the_base_code(origin: Path, tmp_path: Path) -> None:
    rewrite(origin / "generator" / "pullrequest" / "check.py", '    """\n    root_dir = str(root)\n',
            '    """\n    return []\n    root_dir = str(root)\n')
    (origin / "registry" / "maintainers.yml").write_text("maintainers: [mallory]\n", encoding="utf-8")
    rewrite(origin / OTHERS, "maintainers: [ocean-keeper]", "maintainers: [mallory]")
    rewrite(origin / OTHERS, "acronym: ECOF", "acronym: MINE")
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", "attack")
    head = git(origin, "rev-parse", "HEAD").strip()

    # The old design: the pull request's own code judged it, and let every change through.
    own = subprocess.run([sys.executable, "-c", "import sys, generator.cli as c; print(c.__file__); c.main()",
                          "check-pr", "--base", "main", "--author", "mallory", "--format", "markdown"],
                         cwd=origin, capture_output=True, text=True, check=False)
    assert own.stdout.startswith(str(origin / "generator")), own.stdout  # the pull request's code ran …
    assert own.returncode == 0 and "may make every change" in own.stdout  # … and let every change through

    git(origin, "update-ref", "refs/pull/7/head", head)
    git(origin, "checkout", "-q", "main")
    status, comment, full, _ = run_judge(origin, tmp_path, head, "mallory")
    assert status == 1
    first = comment.splitlines()[1]
    assert comment.startswith(MARKER + "\n") and first.startswith("## ❌ Registry verdict: refused")
    for rule, path in (("pr-outside-registry", "generator/pullrequest/check.py"),
                       ("pr-governance-file", "registry/maintainers.yml"), ("pr-not-maintainer", OTHERS)):
        assert f"- ❌ `{path}`:" in comment and f"(`{rule}`)" in comment, rule
    assert "may make every change" not in comment and "may make every change" not in full
    assert "ocean-keeper" in comment  # whom to ask, as the base has it
    summary = (tmp_path / "github" / "summary").read_text(encoding="utf-8")
    assert summary.startswith("## ❌ Registry verdict: refused")


def test_a_pull_request_that_loosens_the_schema_and_criteria_is_judged_by_the_base_rules(
        origin: Path, tmp_path: Path) -> None:
    # Even a registry maintainer's change of the rules only applies once it is merged.
    schema = origin / "schema" / "coalition.schema.json"
    loosened = json.loads(schema.read_text(encoding="utf-8"))
    loosened["additionalProperties"] = True
    schema.write_text(json.dumps(loosened), encoding="utf-8")
    criteria = origin / "registry" / "criteria.yml"
    for key in ("min_civil_society_actors: 5", "min_regional_groups: 3", "min_global_south_actors: 3",
                "min_constituencies: 3"):
        rewrite(criteria, key, key.split(":")[0] + ": 0")
    new = origin / "registry" / "coalitions" / "looser.yml"
    new.write_text(coalition_text("looser", ["registry-lead"]) + "sponsor_link: https://ads.example.org/\n",
                   encoding="utf-8")
    small = coalition_text("small", ["registry-lead"])  # one member: meets the loosened criteria only
    start, end = small.index("members:\n"), small.index("engagement:")
    (origin / "registry" / "coalitions" / "small.yml").write_text(
        small[:start] + "members:\n  - {name: Test City Council (example), country: PL, sector: local-government}\n"
        + small[end:], encoding="utf-8")
    head = open_pull_request(origin)

    status, comment, full, _ = run_judge(origin, tmp_path, head, "registry-lead")
    assert status == 1
    assert comment.splitlines()[1] == "## ❌ Registry verdict: refused — registry files with errors"
    assert "registry-lead may make every change" in comment  # allowed to propose it …
    assert "sponsor\\_link" in full and "`schema`" in full  # … but the base schema refuses the unknown field
    small_part = full.split("small.yml`")[1].split("###")[0]
    assert "**Forming — 2 of 4 criteria met**" in small_part  # the base's criteria, not the loosened ones


# --- What the judge accepts, and how it fails closed --------------------------------------------------------


def test_a_new_coalition_by_its_maintainer_is_accepted(origin: Path, tmp_path: Path) -> None:
    (origin / "registry" / "coalitions" / "river.yml").write_text(coalition_text("river", ["newcomer"]),
                                                                  encoding="utf-8")
    head = open_pull_request(origin)
    status, comment, _, _ = run_judge(origin, tmp_path, head, "newcomer")
    assert status == 0, comment
    assert comment.splitlines()[1] == "## ✅ Registry verdict: accepted"
    assert "registry/coalitions/river.yml" in comment and "ocean.yml" not in comment  # only the changed file


def test_the_registration_robot_is_judged_as_the_issue_author_only_on_its_own_branches(
        origin: Path, tmp_path: Path) -> None:
    (origin / "registry" / "coalitions" / "river.yml").write_text(coalition_text("river", ["issue-opener"]),
                                                                   encoding="utf-8")
    head = open_pull_request(origin)
    template = next(s for s in steps(load("issue-register.yml")) if s.get("id") == "pr")["with"]["branch"]
    branch = template.replace("${{ github.event.issue.user.login }}", "Issue-Opener") \
        .replace("${{ github.event.issue.number }}", "12")
    status, _, _, _ = run_judge(origin, tmp_path, head, "registry-bot[bot]", head_ref=branch,
                                head_repo="org/registry", bot="registry-bot[bot]")
    assert status == 0
    assert registration_author("registry-bot[bot]", branch, "org/registry", "org/registry", "registry-bot[bot]") \
        == "Issue-Opener"
    for args in (("someone", branch, "org/registry", "org/registry", "registry-bot[bot]"),  # not the robot
                 ("registry-bot[bot]", branch, "fork/registry", "org/registry", "registry-bot[bot]"),  # a fork
                 ("registry-bot[bot]", branch, "org/registry", "org/registry", ""),  # no robot configured
                 ("registry-bot[bot]", "register/a b/issue-1", "org/registry", "org/registry", "registry-bot[bot]"),
                 ("registry-bot[bot]", f"{branch}\nx", "org/registry", "org/registry", "registry-bot[bot]")):
        assert registration_author(*args) == args[0], args


def test_a_commit_that_cannot_be_fetched_is_not_judged_and_fails(origin: Path, tmp_path: Path) -> None:
    open_pull_request(origin)
    status, comment, _, stderr = run_judge(origin, tmp_path, "0" * 40, "newcomer")
    assert status == 2 and comment == ""
    assert "Traceback" not in stderr


def test_what_cannot_be_judged_fails_with_a_comment_saying_why(origin: Path, tmp_path: Path) -> None:
    head = open_pull_request(origin)
    status, comment, _, stderr = run_judge(origin, tmp_path, head, "not a login")
    assert status == 2 and "Traceback" not in stderr
    assert comment.splitlines()[1] == "## ❌ Registry verdict: not judged"
    assert "'not a login' is not a GitHub user name" in comment


def test_a_head_that_is_no_commit_id_is_refused_before_git_sees_it(origin: Path, tmp_path: Path) -> None:
    open_pull_request(origin)
    status, comment, full, _ = run_judge(origin, tmp_path, f"--upload-pack=touch {tmp_path}/ran", "newcomer")
    assert status == 2 and comment == "" and "HEAD_SHA is not a commit id" in full
    assert not (tmp_path / "ran").exists()


def test_links_in_the_pull_request_are_never_followed(origin: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yml"
    secret.write_text("maintainers: [newcomer]\nsecret: do-not-read-me\n", encoding="utf-8")
    (origin / "registry" / "coalitions" / "link.yml").symlink_to(secret)
    (origin / "registry" / "coalitions" / "river.yml").write_text(coalition_text("river", ["newcomer"]),
                                                                  encoding="utf-8")
    head = open_pull_request(origin)
    status, comment, full, _ = run_judge(origin, tmp_path, head, "newcomer")
    assert status == 1 and "(`pr-symlink`)" in comment
    assert "do-not-read-me" not in full


# --- The comment: the verdict first, never hidden by a long report (issue #12, item 7) ----------------------


def test_a_huge_report_cannot_push_the_refusal_out_of_the_comment() -> None:
    refusal = ("## ❌ Registry verdict: refused — 1 change the author may not make\n\n### Who may change what\n\n"
               f"- ❌ `{OTHERS}`: only the maintainers of {OTHERS} (ocean-keeper) may change it "
               "(`pr-not-maintainer`)\n")
    rows = "".join(f"| {i} | ⚠️ warning | — | a long warning about file {i:03d}.yml " + "x" * 200 + " | `stale` |\n"
                   for i in range(2000))
    report = "## ImPACT Coalitions Registry check\n\n✅ All checks passed — 60 files checked\n\n" + rows
    url = "https://github.example.org/org/registry/actions/runs/1"
    comment = assemble_comment(refusal, report, full_report_at=url)
    assert len(comment.encode("utf-8")) <= 60_000
    assert comment.startswith(f"{MARKER}\n## ❌ Registry verdict: refused")
    assert refusal.strip() in comment  # whole
    last = comment.rstrip("\n").splitlines()[-1]
    assert "cut" in last and url in last
    assert comment.index("✅ All checks passed") > comment.index("❌ Registry verdict")
    # Cut at a line: no half row, and the note is not swallowed by the table.
    assert "\n\n---\n" in comment and comment.split("\n\n---\n")[0].endswith("| `stale` |")
    short = assemble_comment(refusal, "## ImPACT Coalitions Registry check\n\nshort\n", full_report_at=url)
    assert "cut" not in short and short.endswith("short\n")


def test_sixty_new_files_cannot_hide_an_edit_of_someone_elses(origin: Path, tmp_path: Path) -> None:
    # The old comment put the report first and cut it silently at 60,000 bytes: "✅ All checks passed".
    for number in range(60):
        (origin / "registry" / "coalitions" / f"new-{number:02d}.yml").write_text(
            coalition_text(f"new-{number:02d}", ["mallory"]), encoding="utf-8")
    rewrite(origin / OTHERS, "acronym: ECOF", "acronym: MINE")
    head = open_pull_request(origin)
    status, comment, full, _ = run_judge(origin, tmp_path, head, "mallory")
    assert status == 1 and len(full.encode("utf-8")) > 60_000
    assert len(comment.encode("utf-8")) <= 60_000
    assert comment.startswith(f"{MARKER}\n## ❌ Registry verdict: refused — 1 change the author may not make")
    assert f"- ❌ `{OTHERS}`:" in comment.split("## ImPACT Coalitions Registry check")[0]
    last = comment.rstrip("\n").splitlines()[-1]
    assert "cut" in last and "https://github.example.org/org/registry/runs/1" in last


def test_refusals_that_alone_pass_the_limit_keep_their_heading_and_say_they_were_cut() -> None:
    refusals = "## ❌ Registry verdict: refused — 3000 changes the author may not make\n\n" + "".join(
        f"- ❌ `registry/coalitions/c{i:04d}.yml`: only its maintainers may change it (`pr-not-maintainer`)\n"
        for i in range(3000))
    comment = assemble_comment(refusals, "## ImPACT Coalitions Registry check\n\nreport\n")
    assert len(comment.encode("utf-8")) <= 60_000
    assert comment.startswith(f"{MARKER}\n## ❌ Registry verdict: refused — 3000 changes")
    assert "ImPACT Coalitions Registry check" not in comment
    assert "cut" in comment.rstrip("\n").splitlines()[-1]


def test_the_comment_mentions_nobody_and_cannot_fake_the_marker() -> None:
    report = (f"{MARKER} @someone @org/team &#64;user &#x40;user &#X0040;user &commat;user ＠user ﹫user "
              "`@in-code` &#64user\n")
    comment = assemble_comment("## ✅ Registry verdict: accepted\n", report)
    assert comment.count(MARKER) == 1 and comment.startswith(MARKER)
    for form in ("@", "&#64;", "&#x40;", "&#X0040;", "&commat;", "＠", "﹫", "&#64"):
        assert form + "\u200b" in comment, form
    body = comment.replace("\u200b", "")
    assert body.count("@") == 3  # each at-sign kept, each followed by the zero-width space
    assert assemble_comment("## ✅ Registry verdict: accepted\n", report) == comment  # stable


def test_the_status_context_is_the_one_the_workflow_sets_and_contributing_names() -> None:
    workflow = (CHECKOUT / ".github" / "workflows" / "pr-judge.yml").read_text(encoding="utf-8")
    assert workflow.count(f"context={STATUS_CONTEXT}") == 2  # pending, then the verdict
    assert f"**{STATUS_CONTEXT}**" in (CHECKOUT / "CONTRIBUTING.md").read_text(encoding="utf-8")
