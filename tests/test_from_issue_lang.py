"""The issue robot in the issue form's language (#15, item 5): a registration written in the French form
(register-coalition-fr.yml: French labels, themes in the glossary's French, boxes in French) gives the same
coalition file as the English form, which validates and builds; its mistakes are said in French, through the
French catalog, with the same rules and form fields as in English."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.form.fields import choice_labels
from generator.i18n.catalogs import _, use_language
from generator.i18n.languages import TRANSLATED
from generator.intake.from_issue import issue_comment, register_from_issue
from generator.intake.issue_body import form_language, label_of, labels
from generator.settings import make_settings

from .support.cli import impact
from .support.git import git_commit_all
from .support.issue_form import COMPLETE, body
from .support.registry import make_root


def test_the_french_form_gives_the_english_forms_file_which_validates_and_builds(tmp_path: Path) -> None:
    files = {}
    for code in ("en", "fr"):
        root = make_root(tmp_path / code)
        (root / "issue.md").write_text(body(code), encoding="utf-8", newline="")
        done = impact("from-issue", str(root / "issue.md"), "--write", "--root", str(root), cwd=root)
        assert done.returncode == 0, done.stdout + done.stderr
        files[code] = (root / done.stdout.splitlines()[0]).read_text(encoding="utf-8")
    assert "Climat et environnement" in body("fr") and "Climate and environment" not in body("fr")
    assert files["fr"] == files["en"]
    assert "themes: [climate-environment, global-governance-reform]" in files["fr"]

    root = tmp_path / "fr"
    (root / "issue.md").unlink()
    git_commit_all(root)
    checked = impact("validate", "--root", str(root), cwd=root)
    assert checked.returncode == 0, checked.stdout
    built = impact("build", "--language", "en", "--language", "fr", "--root", str(root), cwd=root)
    assert built.returncode == 0, built.stdout + built.stderr
    page = (root / "site" / "fr" / "coalitions" / "fictional-coalition-for-clean-rivers-example" / "index.html")
    assert "Fictional Coalition for Clean Rivers (example)" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_forms_themes_and_boxes_mean_the_english_values(code: str, tmp_path: Path) -> None:
    settings = make_settings(make_root(tmp_path))
    with use_language(code):
        registration = register_from_issue(body(code), settings)
    english = register_from_issue(body(), settings)
    assert registration.problems == ()
    assert registration.text == english.text


def test_a_mistake_in_the_french_form_is_said_in_french_through_the_catalog(tmp_path: Path) -> None:
    settings = make_settings(make_root(tmp_path))
    with use_language("fr"):
        wrong = body("fr", Themes="Climat et environnement, Pêche au gros")
        registration = register_from_issue(wrong, settings)
        french_themes = ", ".join(choice_labels("themes").values())
        expected = _("“{answer}” is not one of the themes — choose from the list: {listed}").format(
            answer="Pêche au gros", listed=french_themes)
        field = label_of("themes")
    english = register_from_issue(body(Themes="Climate and environment, Pêche au gros"), settings)
    assert registration.language == "fr" and english.language == "en"
    [problem] = registration.problems
    [english_problem] = english.problems
    assert (problem.field, problem.message, problem.rule) == (field, expected, english_problem.rule)
    assert "Paix et sécurité" in problem.message and "Peace and security" not in problem.message
    comment = issue_comment(registration)
    with use_language("fr"):
        assert _("### Almost there — a few things to fix") in comment
        assert _("| Form field | What to fix |") in comment
    assert f"| {field} | “Pêche au gros” is not" in comment or f"| {field} |" in comment
    assert "Paix et sécurité" in comment


def test_the_forms_language_is_the_one_its_headings_are_in_else_the_issues_label() -> None:
    french = body("fr")
    english_headings = set(COMPLETE)
    assert form_language(french, "fr") == "fr"  # the lang:fr label, passed as --lang
    assert form_language(body(), "en") == "en"
    if set(labels("fr")) != english_headings:  # once the French labels are translated, the headings tell
        assert form_language(french, "en") == "fr"
    else:
        assert form_language(french, "en") == "en"
