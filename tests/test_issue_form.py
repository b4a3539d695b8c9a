"""The issue form is written from the form's questions, the schema and criteria.yml (`make issue-form`)."""

from __future__ import annotations

import difflib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from generator.form.fields import schema_property
from generator.form.questions import DATA_LICENCE, QUESTIONS
from generator.form.schema_words import SCHEMA_WORDS
from generator.i18n.catalogs import _, use_language
from generator.i18n.languages import CODES, TRANSLATED
from generator.intake.checks import read_rules
from generator.intake.issue_form import FORM, form_path
from generator.intake.member_line import EXTRAS, read_member_line
from generator.settings import make_settings

from .support.issue_form import COMPLETE
from .support.registry import CHECKOUT, make_root


def make_issue_form(root: Path) -> subprocess.CompletedProcess[str]:
    """What `make issue-form` runs, in `root`."""
    return subprocess.run([sys.executable, "-m", "generator.intake.issue_form"], cwd=root, capture_output=True,
                          text=True, timeout=120, check=False)


def test_the_committed_forms_are_what_make_issue_form_writes(tmp_path: Path) -> None:
    root = make_root(tmp_path / "repo")
    done = make_issue_form(root)
    assert done.returncode == 0, done.stderr
    assert sorted(path.name for path in (root / FORM.parent).iterdir()) == sorted(
        form_path(code).name for code in CODES)
    for code in CODES:
        form = form_path(code)
        written = (root / form).read_text(encoding="utf-8")
        committed = (CHECKOUT / form).read_text(encoding="utf-8")
        diff = "".join(difflib.unified_diff(committed.splitlines(keepends=True), written.splitlines(keepends=True),
                                            f"{form} (committed)", f"{form} (make issue-form)"))
        assert written == committed, f"run `make issue-form` and commit the forms:\n{diff}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_each_languages_form_is_the_english_form_through_its_catalog(code: str) -> None:
    english = YAML(typ="safe").load((CHECKOUT / FORM).read_text(encoding="utf-8"))
    form = YAML(typ="safe").load((CHECKOUT / form_path(code)).read_text(encoding="utf-8"))
    assert form_path(code).name == f"register-coalition-{code}.yml"
    assert form["labels"] == ["register-coalition", f"lang:{code}"]  # the robot's trigger, and the language
    assert [(item["type"], item.get("id")) for item in form["body"]] == [
        (item["type"], item.get("id")) for item in english["body"]]
    with use_language(code):
        assert form["name"].startswith(_("Register a coalition") + " (")
        assert [item["attributes"].get("label") for item in form["body"]] == [
            _(item["attributes"]["label"]) if "label" in item["attributes"] else None for item in english["body"]]
    themes = next(item for item in form["body"] if item.get("id") == "themes")["attributes"]["options"]
    assert themes != next(item for item in english["body"] if item.get("id") == "themes")["attributes"]["options"]


def test_the_catalogs_hold_every_schema_word_the_forms_show() -> None:
    schema = read_rules(make_settings(CHECKOUT)).schema
    shown = []
    for question in QUESTIONS:
        paths = [question.fields[0].split(".")[0], *question.fields] if question.lines else list(question.fields)
        for path in paths:
            node, _required = schema_property(schema, path)
            shown += [node.get("title"), node.get("description")]
            if node.get("type") == "object":
                shown += [part.get("description") for part in node.get("properties", {}).values()]
    assert sorted({text for text in shown if text}) == sorted(set(SCHEMA_WORDS)), \
        "copy the schema's words into generator/form/schema_words.py"


def test_the_form_asks_what_the_schema_and_the_criteria_say(tmp_path: Path) -> None:
    root = make_root(tmp_path / "repo")
    schema_path = root / "schema" / "coalition.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema["properties"]["name"]["maxLength"] = 120
    schema["properties"]["themes"]["items"]["enum"].append("oceans")
    schema_path.write_text(json.dumps(schema), encoding="utf-8")
    criteria = root / "registry" / "criteria.yml"
    criteria.write_text(criteria.read_text(encoding="utf-8").replace("min_milestones: 2", "min_milestones: 3"),
                        encoding="utf-8")
    assert make_issue_form(root).returncode == 0
    form = YAML(typ="safe").load((root / FORM).read_text(encoding="utf-8"))
    fields = {item["id"]: item for item in form["body"] if item["type"] != "markdown"}
    assert fields["name"]["attributes"]["description"] == "The coalition's full name (3 to 120 characters)."
    assert fields["themes"]["attributes"]["options"][-1] == "oceans"
    assert "At least 3, the last on or after 2024-09-22" in fields["workplan"]["attributes"]["description"]
    sectors = schema["properties"]["members"]["items"]["properties"]["sector"]["enum"]
    assert f"Sectors: {', '.join(sectors)}." in fields["members"]["attributes"]["description"]
    assert fields["summary"]["attributes"]["description"] == schema["properties"]["summary"]["description"]
    assert [fields[key].get("validations", {}).get("required", False) for key in ("name", "id", "workplan")] == [
        True, False, False]


def test_the_filled_in_form_of_the_tests_answers_every_question_in_order() -> None:
    assert list(COMPLETE) == [question.label for question in QUESTIONS] + [DATA_LICENCE.label]


def test_the_form_ends_with_the_required_agreement_to_the_data_licence() -> None:
    form = YAML(typ="safe").load((CHECKOUT / FORM).read_text(encoding="utf-8"))
    last = form["body"][-1]
    assert (last["type"], last["id"], last["attributes"]["label"]) == ("checkboxes", "licence", "Data licence")
    assert last["attributes"]["options"] == [{"label": DATA_LICENCE.text, "required": True}]
    assert "[LICENSE-DATA](../blob/main/LICENSE-DATA)" in last["attributes"]["description"]


def test_the_form_says_truly_what_is_public() -> None:
    form = YAML(typ="safe").load((CHECKOUT / FORM).read_text(encoding="utf-8"))
    intro = " ".join(form["body"][0]["attributes"]["value"].split())
    assert "except the contact e-mail" not in intro
    assert "the coalition's file with its whole history on GitHub, the contact e-mail included" in intro
    assert "The site shows the e-mail only if you tick the box to show it" in intro
    email = next(item for item in form["body"] if item.get("id") == "email")["attributes"]["description"]
    assert "Kept off" not in email and "this address included, is public on GitHub" in email
    assert "The site shows it only if you tick" in email


def test_outside_a_registry_nothing_is_written(tmp_path: Path) -> None:
    done = make_issue_form(tmp_path)
    assert done.returncode != 0
    assert done.stderr.startswith("impact: ") and "Traceback" not in done.stderr
    assert not (tmp_path / FORM).exists()


def test_the_members_description_shows_the_member_syntax_and_its_example_is_taken() -> None:
    form = YAML(typ="safe").load((CHECKOUT / FORM).read_text(encoding="utf-8"))
    members = next(item for item in form["body"] if item.get("id") == "members")["attributes"]["description"]
    assert members.startswith("One organisation per line: name | country code | sector | constituency, then, when "
                              "needed, field=value parts")
    for field in EXTRAS:
        assert f"{field}=" in members
    assert "(such as HK, TW or PR): african, asia-pacific, eastern-european, latin-american-caribbean, " \
        "western-european-others" in members
    assert "philanthropy, other." in members  # other may be chosen: constituency_other= gives its own words
    example = next(line for line in members.splitlines() if line.startswith("For example: ")).removeprefix(
        "For example: ")
    read = read_member_line(example, read_rules(make_settings(CHECKOUT)))
    assert read.member is not None and read.member.region == "asia-pacific", read.problems


def test_each_languages_form_links_the_guide_in_its_language() -> None:
    from generator.i18n.languages import CODES
    from generator.intake.issue_form import form_path

    for code in CODES:
        text = (CHECKOUT / form_path(code)).read_text(encoding="utf-8")
        guide = "CONTRIBUTING.md" if code == "en" else f"CONTRIBUTING.{code}.md"
        assert f"(../blob/main/{guide})" in text and (CHECKOUT / guide).is_file(), code
