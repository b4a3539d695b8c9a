"""The licences (#14, item 22): LICENSE for the code, LICENSE-DATA for the registry's data, and the places that
name them — pyproject.toml, mkdocs.yml (which the site and the open data read), the README and the
pull-request template — say the same."""

from __future__ import annotations

import re
import tomllib
from typing import Any

from ruamel.yaml import YAML

from .support.registry import CHECKOUT

CC_BY = "https://creativecommons.org/licenses/by/4.0/"
HOLDER = "The ImPACT Coalitions Registry contributors"
# The first line of each licence text this registry may use, by its SPDX id.
TITLES = {"MIT": "MIT License"}


def text(name: str) -> str:
    return (CHECKOUT / name).read_text(encoding="utf-8")


def licences() -> dict[str, Any]:
    config = YAML(typ="safe").load(text("mkdocs.yml"))
    found: dict[str, Any] = config["extra"]["licence"]
    return found


def test_the_code_is_under_the_licence_pyproject_names() -> None:
    declared = tomllib.loads(text("pyproject.toml"))["project"]["license"]
    licence = text("LICENSE")
    assert licence.splitlines()[0] == TITLES[declared]
    assert re.search(rf"^Copyright \(c\) \d{{4}} {re.escape(HOLDER)}$", licence, re.MULTILINE)
    assert "Permission is hereby granted, free of charge" in licence  # the whole MIT text, not a pointer to it


def test_mkdocs_names_the_same_licences_as_the_files() -> None:
    declared = tomllib.loads(text("pyproject.toml"))["project"]["license"]
    named = licences()
    assert named["code"]["id"] == declared and named["code"]["name"] == TITLES[declared]
    assert (CHECKOUT / named["code"]["url"]).is_file()
    assert named["data"]["id"] == "CC-BY-4.0" and named["data"]["url"] == CC_BY
    assert named["data"]["name"] in text("LICENSE-DATA")


def test_the_data_licence_is_a_short_notice_saying_what_it_covers_and_how_to_credit() -> None:
    notice = text("LICENSE-DATA")
    assert notice.splitlines()[0].endswith("(CC BY 4.0)")
    assert CC_BY in notice and f"{CC_BY}legalcode" in notice  # the legal code is linked, not pasted
    assert len(notice.splitlines()) < 60
    for covered in ("registry/coalitions/*.yml", "registry/decisions.yml", "api/coalitions.json",
                    "api/coalitions.csv", "api/<id>.json"):
        assert covered in notice, covered
    assert "Attribution" in notice and "ImPACT Coalitions Registry contributors, CC BY 4.0" in notice
    assert "under the MIT License instead: see LICENSE" in notice


def test_the_readme_states_both_licences() -> None:
    readme = text("README.md")
    section = readme[readme.index("\n## Licences\n"):]
    section = section[:section.index("\n## ", 1)] if "\n## " in section[1:] else section
    assert "[MIT License](LICENSE)" in section and "[LICENSE-DATA](LICENSE-DATA)" in section
    assert f"[CC BY 4.0]({CC_BY})" in section


def test_contributors_agree_to_the_data_licence_in_the_pull_request_template() -> None:
    template = text(".github/PULL_REQUEST_TEMPLATE.md")
    [item] = [i for i in template.split("\n- [ ] ") if "data licence" in i]
    assert "I agree" in item and CC_BY in item and "LICENSE-DATA" in item


def test_the_issue_form_and_the_register_page_ask_to_agree_to_the_licence_of_mkdocs() -> None:
    from generator.form.questions import DATA_LICENCE

    named = licences()["data"]["id"].replace("-", " ")  # CC-BY-4.0, as LICENSE-DATA's title writes it: CC BY 4.0
    assert f"under the registry's data licence, {named} (see LICENSE-DATA)" in DATA_LICENCE.text
    assert DATA_LICENCE.text.startswith("I agree") and f"({named})" in text("LICENSE-DATA").splitlines()[0]
