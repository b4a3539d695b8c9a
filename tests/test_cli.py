"""`impact validate` run as a user runs it: the installed script, in a subprocess, on real folders.

Exit codes: 0 no errors, 1 errors, 2 usage or configuration error. No input ever prints a traceback.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from .support import cases
from .support.cli import impact
from .support.git import git, git_commit_all, without_user_configuration
from .support.registry import make_root


@pytest.fixture
def every_invalid_case(tmp_path: Path) -> tuple[Path, list[dict[str, object]]]:
    """One registry holding the files of every invalid case (their names are distinct), and all they expect."""
    files: dict[str, str | bytes] = {}
    expected: list[dict[str, object]] = []
    decisions = None
    for folder in cases.case_folders("invalid"):
        case_files, case_decisions = cases.case_files(folder)
        assert not set(case_files) & set(files), f"{folder}: file names must differ from other cases'"
        files.update(case_files)
        decisions = case_decisions or decisions
        expected += json.loads((folder / "expected.json").read_text(encoding="utf-8"))["problems"]
    root = make_root(tmp_path / "repo", files)
    if decisions is not None:
        (root / "registry" / "decisions.yml").write_bytes(decisions)
    return root, expected


def test_a_valid_registry_exits_0_in_the_current_directory(registry_root: Callable[..., Path],
                                                           example_text: str) -> None:
    root = registry_root({"example-ocean-futures.yml": example_text})
    result = impact("validate", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == "OK: 3 files checked: 0 errors, 0 warnings; 1 eligible"
    assert result.stderr == ""


def test_root_names_the_registry_from_elsewhere(registry_root: Callable[..., Path], example_text: str,
                                                tmp_path: Path) -> None:
    root = registry_root({"example-ocean-futures.yml": example_text})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert impact("validate", "--root", str(root), cwd=elsewhere).returncode == 0
    named = impact("validate", "--root", str(root), str(root / "registry/coalitions/example-ocean-futures.yml"),
                   cwd=elsewhere)
    assert named.returncode == 0
    assert "registry/coalitions/example-ocean-futures.yml: eligible — 4 of 4 ImPACT criteria met" in named.stdout


def test_every_bad_file_is_reported_in_one_run(every_invalid_case: tuple[Path, list[dict[str, object]]]) -> None:
    root, expected = every_invalid_case
    result = impact("validate", "--format", "json", cwd=root)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    found = sorted((e["file"], p["rule"], p["line"], p["column"], p["pointer"])
                   for e in report["entries"] for p in e["problems"])
    assert found == sorted((p["file"], p["rule"], p["line"], p["column"], p["pointer"]) for p in expected)
    assert report["summary"]["errors"] == len(expected)


@pytest.mark.parametrize("output_format", ["text", "json", "github", "markdown"])
def test_every_format_exits_1_on_errors(every_invalid_case: tuple[Path, list[dict[str, object]]],
                                        output_format: str) -> None:
    root, _ = every_invalid_case
    result = impact("validate", "--format", output_format, cwd=root)
    assert result.returncode == 1
    assert "example-laughs.yml" in result.stdout and "example-huge.yml" in result.stdout


def test_a_named_file_is_checked_against_the_rest_of_the_registry(registry_root: Callable[..., Path],
                                                                  example_text: str) -> None:
    root = registry_root({"example-ocean-futures.yml": example_text,
                          "example-copy.yml": example_text.replace("id: example-ocean-futures", "id: example-copy")})
    copy = root / "registry" / "coalitions" / "example-copy.yml"
    copy.write_text(example_text, encoding="utf-8")  # now its id is the other file's
    result = impact("validate", "registry/coalitions/example-copy.yml", cwd=root)
    assert result.returncode == 1
    assert "[duplicate-id]" in result.stdout and "[id-mismatch]" in result.stdout
    assert "example-ocean-futures.yml:" not in result.stdout  # only the named file is reported


def _broken_criteria(root: Path) -> None:
    (root / "registry" / "criteria.yml").write_text("enforce: [\n", encoding="utf-8")


def _criteria_of_the_wrong_shape(root: Path) -> None:
    path = root / "registry" / "criteria.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("min_milestones: 2", "min_milestones: two"),
                    encoding="utf-8")


def _no_criteria(root: Path) -> None:
    (root / "registry" / "criteria.yml").unlink()


def _broken_schema(root: Path) -> None:
    (root / "schema" / "coalition.schema.json").write_text("{ not json", encoding="utf-8")


def _no_registry_folder(root: Path) -> None:
    shutil.rmtree(root / "registry")


@pytest.mark.parametrize(("breakage", "args", "says"), [
    (None, ["validate", "registry/coalitions/no-such-coalition.yml"],
     "impact: registry/coalitions/no-such-coalition.yml: no such file"),
    (None, ["validate", "registry/coalitions"], "registry/coalitions is a folder — name coalition files"),
    (None, ["validate", "--root", "no-such-folder"], "has no registry/ folder"),
    (None, ["validate", "--format", "yaml"], "Invalid value for '--format'"),
    (_broken_criteria, ["validate"], "criteria.yml: the criteria settings cannot be used — line 2"),
    (_criteria_of_the_wrong_shape, ["validate"], "work_plan.min_milestones should be a whole number"),
    (_no_criteria, ["validate"], "criteria.yml: the criteria settings cannot be used"),
    (_broken_schema, ["validate"], "coalition.schema.json"),
    (_no_registry_folder, ["validate"], "is not a registry: it has no registry/ folder"),
])
def test_usage_and_configuration_errors_exit_2(breakage: Callable[[Path], None] | None, args: list[str], says: str,
                                               registry_root: Callable[..., Path], example_text: str) -> None:
    root = registry_root({"example-ocean-futures.yml": example_text})
    if breakage is not None:
        breakage(root)
    result = impact(*args, cwd=root)
    assert result.returncode == 2, result.stdout + result.stderr
    assert says in result.stderr
    assert result.stdout == ""


def test_a_bad_source_date_epoch_is_a_configuration_error(registry_root: Callable[..., Path]) -> None:
    result = impact("validate", cwd=registry_root(), env={"SOURCE_DATE_EPOCH": "yesterday"})
    assert result.returncode == 2 and "SOURCE_DATE_EPOCH='yesterday' is not a number of seconds" in result.stderr


def test_odd_things_in_the_coalitions_folder_are_reported_not_crashed_on(registry_root: Callable[..., Path],
                                                                          example_text: str) -> None:
    root = registry_root({"example-ocean-futures.yml": example_text, "notes.txt": "not a coalition",
                          "example.yaml": example_text})
    (root / "registry" / "coalitions" / "folder.yml").mkdir()
    (root / "registry" / "decisions.yml").write_text("decisions: [\n", encoding="utf-8")
    result = impact("validate", cwd=root)
    assert result.returncode == 1
    assert "registry/coalitions/notes.txt:1:1: error: coalition files end in .yml" in result.stdout
    assert "registry/coalitions/example.yaml:1:1: error: coalition files end in .yml" in result.stdout
    assert "registry/decisions.yml:2:1: error: the YAML cannot be read here" in result.stdout



def test_a_file_named_twice_is_checked_once(registry_root: Callable[..., Path], example_text: str) -> None:
    root = registry_root({"example-ocean-futures.yml": example_text})
    result = impact("validate", "registry/coalitions/example-ocean-futures.yml",
                    "./registry/coalitions/example-ocean-futures.yml", cwd=root)
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[-1] == "OK: 1 file checked: 0 errors, 0 warnings; 1 eligible"


def test_an_entry_with_an_error_is_never_counted_eligible(registry_root: Callable[..., Path],
                                                          example_text: str) -> None:
    root = registry_root({"example-ocean-futures.yml": example_text, "example-copy.yml": example_text})
    report = json.loads(impact("validate", "--format", "json", cwd=root).stdout)
    original = next(e for e in report["entries"] if e["file"].endswith("example-ocean-futures.yml"))
    assert [p["rule"] for p in original["problems"]] == ["duplicate-id"]
    assert original["criteria"]["work-plan"]["met"] is True  # it meets the criteria…
    assert (original["eligible"], original["status"]) == (False, None)  # …but cannot be published as it is
    assert report["summary"]["eligible"] == 0


# --- The registry that holds the current folder (found upward, as git finds its repository) ------------------------


def test_validate_from_a_subfolder_checks_the_registry_around_it(registry_root: Callable[..., Path],
                                                                 example_text: str) -> None:
    root = registry_root({"example-ocean-futures.yml": example_text, "example-copy.yml": example_text})
    from_the_top = impact("validate", cwd=root)
    for inside in (root / "registry", root / "registry" / "coalitions"):
        result = impact("validate", cwd=inside)
        assert (result.returncode, result.stdout, result.stderr) == (1, from_the_top.stdout, "")
    assert "registry/coalitions/example-copy.yml:3:5: error: the id 'example-ocean-futures' is also used by " \
        "registry/coalitions/example-ocean-futures.yml" in from_the_top.stdout


def test_paths_given_in_a_subfolder_are_read_from_there_and_named_from_the_top(
        registry_root: Callable[..., Path], example_text: str) -> None:
    root = registry_root({"example-ocean-futures.yml": example_text})
    result = impact("validate", "coalitions/example-ocean-futures.yml", cwd=root / "registry")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[0] == "registry/coalitions/example-ocean-futures.yml: eligible — 4 of 4 " \
        "ImPACT criteria met"
    as_json = json.loads(impact("validate", "--format", "json", "example-ocean-futures.yml",
                                cwd=root / "registry" / "coalitions").stdout)
    assert [e["file"] for e in as_json["entries"]] == ["registry/coalitions/example-ocean-futures.yml"]


def test_root_still_wins_over_the_registry_around_the_current_folder(registry_root: Callable[..., Path],
                                                                     example_text: str, tmp_path: Path) -> None:
    around = registry_root({"example-ocean-futures.yml": example_text})
    named = make_root(tmp_path / "other", {"example-ocean-futures.yml": "id: [\n"})
    result = impact("validate", "--root", str(named), cwd=around / "registry")
    assert result.returncode == 1 and "registry/coalitions/example-ocean-futures.yml:2:1: error: the YAML cannot " \
        "be read here" in result.stdout


def test_every_command_that_takes_root_finds_the_registry_from_a_subfolder(
        registry_root: Callable[..., Path], example_text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    without_user_configuration(tmp_path, monkeypatch)
    root = registry_root({"example-ocean-futures.yml": example_text})
    git_commit_all(root)
    inside = root / "registry" / "coalitions"
    assert impact("similar", cwd=inside).stdout == impact("similar", cwd=root).stdout
    made = impact("new", "--name", "Example Coalition for Tidal Flats", "--summary", "A fictional coalition.",
                  "--theme", "climate-environment", "--objective", "Keep the flats open.",
                  "--member", "Fictional Shore Network (example)|KE|civil-society|ngos",
                  "--email", "tidal@example.org", "--maintainer", "example-volunteer",
                  "--commit", "transparency,accountability,inclusivity", cwd=inside)
    assert made.returncode == 0, made.stdout + made.stderr
    assert (inside / "example-coalition-for-tidal-flats.yml").is_file()
    git(root, "checkout", "-q", "-b", "pr")
    git_commit_all(root, "a new coalition")
    allowed = impact("check-pr", "--base", "main", "--author", "example-volunteer", cwd=inside)
    assert allowed.returncode == 0 and allowed.stdout.startswith("OK"), allowed.stdout + allowed.stderr
    refused = impact("check-pr", "--base", "main", "--author", "example-stranger", cwd=inside)
    assert refused.stdout.startswith("registry/coalitions/example-coalition-for-tidal-flats.yml: error: ")


def test_outside_any_registry_the_message_says_none_was_found_here_or_above(tmp_path: Path) -> None:
    plain = tmp_path / "plain" / "deeper"
    plain.mkdir(parents=True)
    for command in (["validate"], ["similar"], ["check-pr", "--base", "main", "--author", "example-volunteer"]):
        result = impact(*command, cwd=plain)
        assert result.returncode == 2 and result.stdout == ""
        assert result.stderr == f"impact: {plain.resolve()} is not a registry: it has no registry/ folder, and no " \
            "folder above it has both registry/ and schema/ — run the command inside the registry's repository, or " \
            "name it with --root DIR\n"
