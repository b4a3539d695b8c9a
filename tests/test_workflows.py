"""The GitHub workflows and contribution files, read as data: the safety properties that keep the write
token and the publishing step out of reach of a pull request, and the docs in step with the tool."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .support.cli import IMPACT
from .support.registry import CHECKOUT, make_root
from .support.workflows import WORKFLOWS, load, read_yaml, steps

ALL = sorted(p.name for p in WORKFLOWS.glob("*.yml"))


def scripts(workflow: dict[Any, Any]) -> str:
    return "\n".join(step.get("run", "") for step in steps(workflow))


def step_using(workflow: dict[Any, Any], action: str) -> dict[str, Any]:
    return next(s for s in steps(workflow) if str(s.get("uses", "")).split("@")[0] == action)


def test_there_are_the_six_workflows() -> None:
    assert ALL == ["auto-merge.yml", "deploy.yml", "health.yml", "issue-register.yml", "pr-check.yml", "pr-judge.yml"]


@pytest.mark.parametrize("name", ALL)
def test_only_the_judge_uses_pull_request_target_and_no_expressions_in_scripts(name: str) -> None:
    # Replaces test_no_pull_request_target…: the binding verdict must come from the base branch's definition
    # and code, which is what pull_request_target gives; the other workflows still must not use it.
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    assert ("pull_request_target" in text) == (name == "pr-judge.yml")
    workflow = load(name)
    for step in steps(workflow):
        # Event data (titles, bodies, branch names, logins) reaches scripts only through env:.
        assert "${{" not in step.get("run", ""), (name, step.get("name"))
        script = step.get("with", {}).get("script", "")
        assert "${{" not in script, (name, step.get("name"))


# `uses: owner/repo@<the full commit id> # vX.Y.Z`: a tag can be moved, a commit cannot (issue #16). The comment
# names the release whose tag points at that commit (README, "Supply chain", says where each was read).
PINNED_LINE = re.compile(r"\s*(?:- )?uses: ([\w.-]+/[\w.-]+)@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)")


@pytest.mark.parametrize("name", ALL)
def test_actions_are_pinned_to_a_commit_with_its_release_in_a_comment(name: str) -> None:
    lines = [line for line in (WORKFLOWS / name).read_text(encoding="utf-8").splitlines()
             if re.match(r"\s*(?:- )?uses:", line)]
    uses = [step["uses"] for step in steps(load(name)) if "uses" in step]
    assert len(lines) == len(uses) > 0
    for line, used in zip(lines, uses, strict=True):
        match = PINNED_LINE.fullmatch(line)
        assert match, line
        assert used == f"{match[1]}@{match[2]}", line  # the YAML reads the same pin as the line shows


def test_each_pinned_commit_has_one_release_everywhere() -> None:
    releases: dict[tuple[str, str], set[str]] = {}
    for name in ALL:
        for line in (WORKFLOWS / name).read_text(encoding="utf-8").splitlines():
            if match := PINNED_LINE.fullmatch(line):
                releases.setdefault((match[1], match[2]), set()).add(match[3])
                releases.setdefault((match[1], ""), set()).add(match[2])
    for (action, commit), found in releases.items():
        assert len(found) == 1, (action, commit or "several commits", found)


@pytest.mark.parametrize("name", ALL)
def test_every_workflow_declares_its_token_permissions(name: str) -> None:
    workflow = load(name)
    assert "permissions" in workflow
    assert workflow["permissions"] in ({}, {"contents": "read"})


def test_the_advisory_check_decides_nothing_and_has_a_read_only_token() -> None:
    workflow = load("pr-check.yml")
    header = (WORKFLOWS / "pr-check.yml").read_text(encoding="utf-8").split("\nname:")[0]
    assert "ADVISORY ONLY" in header and "decides nothing" in header and "registry/verdict" in header
    assert "advisory" in workflow["name"]
    assert list(workflow["on"]) == ["pull_request"]
    assert workflow["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in workflow["jobs"].values())
    checkout = step_using(workflow, "actions/checkout")
    assert checkout["with"]["persist-credentials"] is False and checkout["with"]["fetch-depth"] == 0
    assert step_using(workflow, "actions/setup-python")["with"]["python-version"] == "3.11"
    text = scripts(workflow)
    assert 'impact validate --format github "${files[@]}"' in text
    # It sets no status, uploads nothing and comments nothing: nothing it says can reach the verdict.
    assert not any("upload-artifact" in str(s.get("uses", "")) for s in steps(workflow))
    assert "gh " not in text and "statuses" not in text and "check-pr" not in text
    env = {k: v for s in steps(workflow) for k, v in s.get("env", {}).items()}
    assert env == {"BASE_REF": "${{ github.base_ref }}"}


JUDGE_JOBS = ("pending", "judge", "report")


def test_the_judge_never_checks_out_installs_or_runs_the_pull_request() -> None:
    workflow = load("pr-judge.yml")
    assert workflow["on"] == {"pull_request_target": {"branches": ["main"],
                                                      "types": ["opened", "synchronize", "reopened", "edited"]}}
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    assert tuple(jobs) == JUDGE_JOBS
    assert jobs["pending"]["permissions"] == {"statuses": "write"}
    assert jobs["judge"]["permissions"] == {"contents": "read"}  # the job that reads the pull request's files
    assert jobs["report"]["permissions"] == {"statuses": "write", "pull-requests": "write"}
    for name, job in jobs.items():
        checkouts = [s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/checkout")]
        assert len(checkouts) == (name == "judge"), name  # the writing jobs check nothing out
        for step in checkouts:  # the base only: no ref, no other repository, no token left behind
            assert set(step["with"]) == {"fetch-depth", "persist-credentials"}
            assert step["with"]["persist-credentials"] is False
        for step in job["steps"]:
            run = step.get("run", "")
            for forbidden in ("git checkout", "git switch", "git worktree", "git reset", "git restore",
                              "git archive", "git merge", "make", "bash ./", "python ./", "-e ."):
                assert forbidden not in run, (name, forbidden)
            assert "head" not in str(step.get("with", {})).lower(), (name, step)
            assert "head.sha" not in str(step.get("with", {}))
    judge_steps = jobs["judge"]["steps"]
    installs = [s["run"] for s in judge_steps if "install" in s.get("run", "")]
    # The base checkout's small set from its lock, installed before anything is fetched (issue #16).
    assert installs == [".ci/install-locked validate"]
    installer = (CHECKOUT / ".ci" / "install-locked").read_text(encoding="utf-8")
    # The small set: a wheel of the checkout (the base), not a link to it; built before anything is fetched.
    validate_branch = installer.split('if [ "$1" = validate ]; then\n', 1)[1].split("\nelse\n", 1)[0]
    assert "--require-hashes -r requirements/build.txt" in validate_branch
    assert "uv build --quiet --wheel --no-build-isolation" in validate_branch and "--editable" not in validate_branch
    assert validate_branch.rstrip().endswith('--no-deps "$builder"/dist/*.whl')
    runs = [s.get("run", "") for s in judge_steps]
    assert runs.index(installs[0]) < runs.index(".github/scripts/judge-pr")
    judge = next(s for s in judge_steps if s.get("id") == "judge")
    assert judge["env"]["HEAD_SHA"] == "${{ github.event.pull_request.head.sha }}"
    assert judge["env"]["PR_AUTHOR"] == "${{ github.event.pull_request.user.login }}"
    assert judge["env"]["HEAD_REF"] == "${{ github.event.pull_request.head.ref }}"
    assert judge["env"]["REGISTRATION_BOT"] == "${{ vars.REGISTRATION_BOT }}"
    assert jobs["judge"]["outputs"] == {"status": "${{ steps.judge.outputs.status }}"}
    script = (CHECKOUT / ".github" / "scripts" / "judge-pr").read_text(encoding="utf-8")
    assert 'git fetch --quiet --no-tags --no-recurse-submodules origin "+$HEAD_SHA:' in script
    assert "impact judge-pr --base \"$base\" --head \"$HEAD_SHA\"" in script
    code = "\n".join(line.split("#", 1)[0] for line in script.splitlines())  # comments may say "checkout"
    for forbidden in ("checkout", "switch", "worktree", "pip", "reset", "archive", "make"):
        assert not re.search(rf"\b{forbidden}\b", code), forbidden


def test_the_verdict_is_reported_after_the_judge_even_when_it_fails() -> None:
    jobs = load("pr-judge.yml")["jobs"]
    assert jobs["report"]["needs"] == ["pending", "judge"]
    assert jobs["report"]["if"] == "${{ !cancelled() }}"
    upload = step_using({"jobs": {"judge": jobs["judge"]}}, "actions/upload-artifact")
    assert upload["if"] == "always()" and upload["with"]["name"] == "registry-verdict"
    download = step_using({"jobs": {"report": jobs["report"]}}, "actions/download-artifact")
    assert download["with"]["name"] == "registry-verdict" and "run-id" not in download["with"]


def report_verdict(tmp_path: Path, result: str, status: str,
                   comment: str | None = "<!-- impact-registry-report -->\nok\n") -> list[str]:
    """Run the report job's script with a `gh` that records its calls instead of calling GitHub."""
    step = next(s for s in load("pr-judge.yml")["jobs"]["report"]["steps"] if "run" in s)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    calls = tmp_path / "calls"
    calls.write_text("")
    (bin_dir / "gh").write_text(f'#!/bin/sh\nprintf \'%s\\n\' "$*" >> {calls}\n')
    (bin_dir / "gh").chmod(0o755)
    body = tmp_path / "comment.md"
    if comment is None:
        body.unlink(missing_ok=True)
    else:
        body.write_text(comment, encoding="utf-8")
    env = {"GH_TOKEN": "", "REPO": "org/registry", "NUMBER": "7", "HEAD_SHA": "a" * 40, "JUDGE_RESULT": result,
           "JUDGE_STATUS": status, "RUN_URL": "https://github.example.org/run", "COMMENT": str(body)}
    assert set(env) == set(step["env"])
    subprocess.run(["bash", "-e", "-c", step["run"]], env={**env, "PATH": f"{bin_dir}:/usr/bin:/bin"},
                   check=True, capture_output=True, text=True)
    return calls.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize(("result", "status", "state"), [
    ("success", "0", "success"), ("failure", "1", "failure"), ("failure", "2", "failure"),
    ("failure", "0", "failure"), ("success", "", "failure"), ("skipped", "", "failure"), ("success", "1", "failure")])
def test_the_status_is_success_only_when_the_judge_said_so(tmp_path: Path, result: str, status: str,
                                                           state: str) -> None:
    calls = report_verdict(tmp_path, result, status)
    assert calls[0].startswith(f"api --method POST repos/org/registry/statuses/{'a' * 40} -f state={state} "
                               "-f context=registry/verdict")
    assert calls[-1] == f"api --method POST repos/org/registry/issues/7/comments -F body=@{tmp_path}/comment.md"


def test_no_comment_is_posted_when_the_judge_wrote_none(tmp_path: Path) -> None:
    calls = report_verdict(tmp_path, "failure", "", comment=None)
    assert len(calls) == 1 and "state=failure" in calls[0]


def test_deploy_runs_test_then_build_then_deploy_and_cannot_skip_a_failure() -> None:
    workflow = load("deploy.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    jobs = workflow["jobs"]
    assert list(jobs) == ["test", "build", "deploy"]
    assert "needs" not in jobs["test"]
    assert jobs["build"]["needs"] == "test" and jobs["deploy"]["needs"] == "build"
    build_steps = [s.get("run", s.get("uses", "")) for s in jobs["build"]["steps"]]
    validate = next(i for i, s in enumerate(build_steps) if s.startswith("impact validate"))
    build = next(i for i, s in enumerate(build_steps) if s.startswith("impact build"))
    configure = next(i for i, s in enumerate(build_steps) if s.startswith("actions/configure-pages@"))
    upload = next(i for i, s in enumerate(build_steps) if s.startswith("actions/upload-pages-artifact@"))
    assert validate < build < upload and configure < upload
    assert jobs["build"]["steps"][upload]["with"]["path"] == "site"
    assert "make test" in " ".join(s.get("run", "") for s in jobs["test"]["steps"])
    for job in jobs.values():
        assert "continue-on-error" not in job and "if" not in job
        for step in job.get("steps", []):
            assert "continue-on-error" not in step and "if" not in step
            assert "|| true" not in step.get("run", "")
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in jobs["deploy"]["steps"]] == ["actions/deploy-pages"]


def test_registration_from_issues_passes_the_body_through_a_file() -> None:
    workflow = load("issue-register.yml")
    assert list(workflow["on"]) == ["issues"]
    [job] = workflow["jobs"].values()
    assert "contains(github.event.issue.labels.*.name, 'register-coalition')" in job["if"]
    convert = next(s for s in steps(workflow) if s.get("id") == "convert")
    assert convert["env"]["ISSUE_BODY"] == "${{ github.event.issue.body }}"
    assert convert["env"]["ISSUE_AUTHOR"] == "${{ github.event.issue.user.login }}"
    assert 'printf \'%s\' "$ISSUE_BODY" > "$WORK/issue-body.md"' in convert["run"]
    assert 'impact from-issue "$WORK/issue-body.md" --author "$ISSUE_AUTHOR" --write' in convert["run"]
    # the form's language: its lang:<code> label, only one of the six site languages, passed to --lang
    assert convert["env"]["ISSUE_LABELS"] == "${{ join(github.event.issue.labels.*.name, ' ') }}"
    assert "lang:ar|lang:zh|lang:en|lang:fr|lang:ru|lang:es) language=" in convert["run"]
    assert '--lang "$language"' in convert["run"]
    text = scripts(workflow)
    assert "<!-- impact-registry-issue-check -->" in text and "--method PATCH" in text
    create = step_using(workflow, "peter-evans/create-pull-request")
    assert create["with"]["add-paths"] == "${{ steps.convert.outputs.file }}"
    assert "steps.app-token.outputs.token" in create["with"]["token"]
    assert step_using(workflow, "actions/create-github-app-token")["with"]["private-key"] == \
        "${{ secrets.REGISTRATION_APP_PRIVATE_KEY }}"
    form = read_yaml(CHECKOUT / ".github" / "ISSUE_TEMPLATE" / "register-coalition.yml")
    assert form["labels"] == ["register-coalition"]


def test_the_pre_commit_hook() -> None:
    [hook] = read_yaml(CHECKOUT / ".pre-commit-hooks.yaml")
    assert hook["entry"] == "impact validate" and hook["language"] == "python" and hook["pass_filenames"] is True
    files = re.compile(hook["files"])
    assert files.search("registry/coalitions/clean-rivers.yml")
    assert not files.search("registry/decisions.yml") and not files.search("registry/coalitions/notes.txt")


def test_codeowners_mirror_the_pull_request_rules() -> None:
    owners = {}
    for line in (CHECKOUT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, *teams = line.split()
            owners[pattern] = teams
    team = ["@impact-registry/maintainers"]
    for path in ("*", "/registry/coalitions/", "/registry/decisions.yml", "/registry/maintainers.yml",
                 "/registry/criteria.yml", "/schema/", "/.github/"):
        assert owners[path] == team, path
    assert "@impact-registry/maintainers" in (CHECKOUT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_the_pull_request_template_has_the_checklist() -> None:
    template = (CHECKOUT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert template.count("- [ ]") >= 5
    assert "maintainers" in template and "registry/coalitions/" in template


CONTRIBUTING = (CHECKOUT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def _between(start: str, end: str) -> str:
    return CONTRIBUTING.split(start, 1)[1].split(end, 1)[0]


def test_the_example_in_contributing_is_a_valid_coalition_file(tmp_path: Path) -> None:
    example = _between("<!-- example:start -->\n```yaml\n", "```\n<!-- example:end -->")
    assert "@" not in example.replace("rivers@example.org", "")  # example.org addresses only
    root = make_root(tmp_path / "repo", {"clean-rivers-coalition.yml": example})
    done = subprocess.run([IMPACT, "validate", "--root", str(root)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout


def test_the_report_shown_in_contributing_is_what_the_tool_says(tmp_path: Path) -> None:
    example = _between("<!-- example:start -->\n```yaml\n", "```\n<!-- example:end -->")
    mistaken = example.replace("country: BD", "country: BGD").replace('date: "2025-03-22"', 'date: "2025-02-30"')
    root = make_root(tmp_path / "repo", {"clean-rivers-coalition.yml": mistaken})
    done = subprocess.run([IMPACT, "validate", "registry/coalitions/clean-rivers-coalition.yml", "--format",
                           "markdown"], cwd=root, capture_output=True, text=True, check=False)
    assert done.returncode == 1
    quoted = "\n".join(f"> {line}".rstrip() for line in done.stdout.rstrip("\n").splitlines()) + "\n"
    shown = _between("<!-- report:start -->\n", "<!-- report:end -->")
    assert shown == quoted, "CONTRIBUTING.md shows an old report: paste this one between the report markers\n" \
        + quoted
