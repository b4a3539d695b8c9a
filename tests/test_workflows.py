"""The GitHub workflows and contribution files, read as data: the safety properties that keep the write
token and the publishing step out of reach of a pull request, and the docs in step with the tool."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from .conftest import CHECKOUT, make_root

WORKFLOWS = CHECKOUT / ".github" / "workflows"
ALL = sorted(p.name for p in WORKFLOWS.glob("*.yml"))
IMPACT = str(Path(sys.executable).with_name("impact"))


def read_yaml(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def load(name: str) -> dict[Any, Any]:
    data = read_yaml(WORKFLOWS / name)
    assert "on" in data, "ruamel.yaml reads YAML 1.2: the key `on` stays a string"
    return data


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def scripts(workflow: dict[Any, Any]) -> str:
    return "\n".join(step.get("run", "") for step in steps(workflow))


def step_using(workflow: dict[Any, Any], action: str) -> dict[str, Any]:
    return next(s for s in steps(workflow) if str(s.get("uses", "")).split("@")[0] == action)


def test_there_are_the_four_workflows() -> None:
    assert ALL == ["deploy.yml", "issue-register.yml", "pr-check.yml", "pr-comment.yml"]


@pytest.mark.parametrize("name", ALL)
def test_no_pull_request_target_and_no_expressions_in_scripts(name: str) -> None:
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    assert "pull_request_target" not in text
    workflow = load(name)
    for step in steps(workflow):
        # Event data (titles, bodies, branch names, logins) reaches scripts only through env:.
        assert "${{" not in step.get("run", ""), (name, step.get("name"))
        script = step.get("with", {}).get("script", "")
        assert "${{" not in script, (name, step.get("name"))


@pytest.mark.parametrize("name", ALL)
def test_actions_are_pinned_to_a_major_version(name: str) -> None:
    for step in steps(load(name)):
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]), step["uses"]


@pytest.mark.parametrize("name", ALL)
def test_every_workflow_declares_its_token_permissions(name: str) -> None:
    workflow = load(name)
    assert "permissions" in workflow
    assert workflow["permissions"] in ({}, {"contents": "read"})


def test_the_pull_request_check_has_a_read_only_token() -> None:
    workflow = load("pr-check.yml")
    assert list(workflow["on"]) == ["pull_request"]
    assert workflow["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in workflow["jobs"].values())
    checkout = step_using(workflow, "actions/checkout")
    assert checkout["with"]["persist-credentials"] is False and checkout["with"]["fetch-depth"] == 0
    assert step_using(workflow, "actions/setup-python")["with"]["python-version"] == "3.11"
    text = scripts(workflow)
    assert "pip install --quiet -e ." in text
    assert 'impact validate --format github "${files[@]}"' in text
    assert 'impact validate --format markdown "${files[@]}" > report/validate.md' in text
    assert text.count('>> "$GITHUB_STEP_SUMMARY"') == 2
    assert 'impact check-pr --base "origin/$BASE_REF" --author "$AUTHOR"' in text


def test_the_pull_request_check_takes_event_values_from_env() -> None:
    workflow = load("pr-check.yml")
    env = {k: v for s in steps(workflow) for k, v in s.get("env", {}).items()}
    assert env["BASE_REF"] == "${{ github.base_ref }}"
    assert env["PR_AUTHOR"] == "${{ github.event.pull_request.user.login }}"
    assert env["AUTHOR"] == "${{ steps.author.outputs.login }}"
    assert env["PR_NUMBER"] == "${{ github.event.pull_request.number }}"
    upload = step_using(workflow, "actions/upload-artifact")
    assert upload["with"]["name"] == "registry-report" and upload["if"] == "always()"
    assert "report/pr-number.txt" in upload["with"]["path"] and "report/comment.md" in upload["with"]["path"]
    last = steps(workflow)[-1]
    assert "if" not in last and 'test "$VALIDATE" = 0 && test "$PERMISSIONS" = 0' in last["run"]


def author_of(pr_author: str, head_ref: str, head_repo: str = "org/registry", bot: str = "registry-bot[bot]") -> str:
    """Run pr-check.yml's own author step in bash."""
    step = next(s for s in steps(load("pr-check.yml")) if s.get("id") == "author")
    with_env = {"PR_AUTHOR": pr_author, "HEAD_REF": head_ref, "HEAD_REPO": head_repo, "REPO": "org/registry",
                "REGISTRATION_BOT": bot, "GITHUB_OUTPUT": "/dev/stdout", "PATH": "/usr/bin:/bin"}
    done = subprocess.run(["bash", "-e", "-c", step["run"]], env=with_env, capture_output=True, text=True, check=True)
    return done.stdout.strip().removeprefix("login=")


def test_registration_pull_requests_are_checked_as_the_issue_author() -> None:
    branch = load("issue-register.yml")["jobs"]["register"]["steps"]
    template = next(s for s in branch if s.get("id") == "pr")["with"]["branch"]
    made = template.replace("${{ github.event.issue.user.login }}", "Issue-Opener") \
        .replace("${{ github.event.issue.number }}", "12")
    assert author_of("registry-bot[bot]", made) == "Issue-Opener"
    assert author_of("someone", made) == "someone"  # only the registration bot's branches say who it is for
    assert author_of("registry-bot[bot]", made, head_repo="fork/registry") == "registry-bot[bot]"
    assert author_of("registry-bot[bot]", made, bot="") == "registry-bot[bot]"
    assert author_of("registry-bot[bot]", "register/a b/issue-1") == "registry-bot[bot]"


def test_the_comment_workflow_never_runs_the_pull_requests_code() -> None:
    workflow = load("pr-comment.yml")
    assert list(workflow["on"]) == ["workflow_run"]
    assert workflow["on"]["workflow_run"]["workflows"] == [load("pr-check.yml")["name"]]
    assert workflow["permissions"] == {}
    [job] = workflow["jobs"].values()
    assert job["permissions"] == {"actions": "read", "pull-requests": "write"}
    assert not any(str(s.get("uses", "")).startswith("actions/checkout") for s in steps(workflow))
    assert step_using(workflow, "actions/download-artifact")["with"]["name"] == "registry-report"
    text = scripts(workflow)
    assert "*[!0-9]*" in text  # the PR number from the artifact is checked to be digits
    assert '"$pr_head" != "$HEAD_SHA"' in text  # … and to be the pull request whose commit was checked
    assert "<!-- impact-registry-report -->" in text  # one comment, found again by its marker and edited
    assert "--method PATCH" in text and 'select(.user.login == "github-actions[bot]")' in text
    assert "pip install" not in text and "impact " not in text


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
