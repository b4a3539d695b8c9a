"""What is public, said truly (#14, item 12), and the maintainers' address without GitHub (#14, item 23).

The `personal-contact` warning (generator/registry/personal_contact.py) on addresses and on real registry files;
the documents that tell volunteers what is public; SECURITY.md's address, the same as mkdocs.yml's."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from generator.registry.checks import entry_warnings
from generator.registry.personal_contact import personal_reason
from generator.registry.validate import validate
from generator.settings import make_settings

from .support.entries import document_of
from .support.hostile import base_entry, dump
from .support.registry import CHECKOUT, checkout_criteria

TODAY = dt.date(2026, 9, 21)
RECENTLY = "2026-09-01"  # the file's last commit: never stale


@pytest.mark.parametrize(("address", "reason"), [
    ("rivers.coalition@gmail.com", "gmail.com is a free-mail service"),
    ("coalition@GMail.com", "gmail.com is a free-mail service"),
    ("rivers@yahoo.fr", "yahoo.fr is a free-mail service"),
    ("rivers@hotmail.co.uk", "hotmail.co.uk is a free-mail service"),
    ("rivers@yahoo.com.br", "yahoo.com.br is a free-mail service"),
    ("rivers@proton.me", "proton.me is a free-mail service"),
    ("jane.doe@example.org", "a person's name (first.last@)"),
    ("j.doe@example.org", "a person's name (first.last@)"),
    ("jane.m.doe@example.org", "a person's name (first.last@)"),
])
def test_addresses_that_look_like_a_persons_own(address: str, reason: str) -> None:
    assert reason in personal_reason(address)


@pytest.mark.parametrize("address", [
    "coalition@example.org", "clean-rivers@example.org", "info@example.org", "ocean_futures@example.org",
    "rivers@gmail.example.org",  # an organisation's own sub-domain, not the free-mail service
    "rivers@mail.example.org", "team2.lead@example.org", "a.b.c.d@example.org", "not an address", "",
])
def test_role_addresses_and_organisations_domains_do_not(address: str) -> None:
    assert personal_reason(address) == ""


def _warnings(email: str | None) -> list[tuple[str, str, str]]:
    data = base_entry(0)
    if email is None:
        del data["contact"]
    else:
        data["contact"]["email"] = email
    document = document_of(data)
    found = entry_warnings(document, checkout_criteria(), TODAY, RECENTLY)
    return [(p.rule, p.pointer, p.message) for p in found]


def test_the_warning_points_at_the_address_explains_why_and_never_repeats_it() -> None:
    [(rule, pointer, message)] = _warnings("jane.doe@example.org")
    assert (rule, pointer) == ("personal-contact", "/contact/email")
    assert "use a role address of the coalition" in message
    assert "public on GitHub even with public: false" in message and "keeps working when people move on" in message
    assert "jane" not in message  # the report need not spread the address further


@pytest.mark.parametrize("email", [None, "coalition@example.org"], ids=["no-contact", "role-address"])
def test_no_warning_without_a_personal_looking_address(email: str | None) -> None:
    assert _warnings(email) == []


def test_it_is_a_warning_in_the_report_never_an_error(registry_root: Callable[..., Path]) -> None:
    data = base_entry(0)
    data["contact"] = {"email": "rivers.coalition@gmail.com", "public": False}
    root = registry_root({"hostile-0000.yml": dump(data)})
    report = validate(make_settings(root), similarity=False)
    [problem] = report.problems
    assert (problem.severity, problem.rule) == ("warning", "personal-contact") and report.ok
    text = (root / "registry" / "coalitions" / "hostile-0000.yml").read_text(encoding="utf-8")
    assert problem.line == text.splitlines().index("  email: rivers.coalition@gmail.com") + 1


def test_the_rule_is_documented() -> None:
    rules = (CHECKOUT / "docs" / "rules.md").read_text(encoding="utf-8")
    warnings = rules[rules.index("## Warnings"):rules.index("## Pull-request rules")]
    assert "| `personal-contact` |" in warnings and "public on GitHub whatever `contact.public` says" in warnings


# --- what the documents say is public --------------------------------------------------------------------------


def flat(name: str) -> str:
    return " ".join((CHECKOUT / name).read_text(encoding="utf-8").split())


def test_no_document_says_the_contact_e_mail_is_not_public() -> None:
    for name in ("CONTRIBUTING.md", "README.md", "SECURITY.md", ".github/PULL_REQUEST_TEMPLATE.md"):
        text = flat(name)
        assert "except the contact e-mail" not in text, name
        assert not re.search(r"e-?mail (?:is|stays) (?:not public|private)", text, re.IGNORECASE), name


def test_contributing_says_exactly_what_is_public_where() -> None:
    text = flat("CONTRIBUTING.md")
    part = text[text.index("## What is public"):text.index("## Three ways to register")]
    assert "**Everything in the file is public, the contact e-mail included.**" in part
    assert "its whole history" in part and "Issues and pull requests are public too" in part
    assert "only with `public: true`, and then in a form address harvesters cannot read" in part
    assert "never holds the e-mail" in part and "`api/coalitions.csv` holds no contact at all" in part
    assert "`personal-contact`" in part


def test_the_readme_and_the_pull_request_template_say_the_file_is_public() -> None:
    assert "every coalition file, with its contact e-mail, and its whole history can be read on GitHub" in \
        flat("README.md")
    assert "the file and its history are public on GitHub, even with `public: false`" in \
        flat(".github/PULL_REQUEST_TEMPLATE.md")


# --- the maintainers' address without GitHub (#14, item 23) ---------------------------------------------------


def test_security_md_gives_the_contact_address_of_mkdocs_yml_written_for_people_only() -> None:
    contact = YAML(typ="safe").load((CHECKOUT / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["contact"]
    security = (CHECKOUT / "SECURITY.md").read_text(encoding="utf-8")
    reporting = " ".join(security[security.index("## Reporting a problem"):security.index("## Threat model")].split())
    written = re.search(r"\*\*([\w.+-]+) at ([\w-]+(?: dot [\w-]+)+)\*\*", reporting)
    assert written, "SECURITY.md gives the maintainers' address as **name at example dot org**"
    assert f"{written.group(1)}@{written.group(2).replace(' dot ', '.')}" == contact
    assert contact not in security  # never in a form harvesters read
    assert "placeholder until the deployment sets its own in `mkdocs.yml` (`extra.contact`)" in reporting


def test_the_schema_tells_editors_the_file_is_public() -> None:
    """What editors show while a volunteer types the address (yaml-language-server reads the description)."""
    schema = json.loads((CHECKOUT / "schema" / "coalition.schema.json").read_text(encoding="utf-8"))
    described = schema["properties"]["contact"]["properties"]["email"]["description"]
    assert "Kept off" not in described and "private address" not in described
    assert "this file, the address included, is public on GitHub with its whole history" in described
    assert "The site shows the address only with public: true, and then obfuscated" in described


# --- what changed for users (#14) ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["README.md", "CONTRIBUTING.md"])
def test_the_readme_and_contributing_say_what_changed_for_users(name: str) -> None:
    text = (CHECKOUT / name).read_text(encoding="utf-8")
    start = text.index("\n## What changed for users\n")
    section = " ".join(text[start:text.index("\n## ", start + 1)].split())
    for said in ("field=value", "did you mean", "impact new", "draft", "Claim", "without its consent", "archived",
                 "CC BY 4.0", "agree", "address", "stale", "back", "same figures", "public on GitHub"):
        assert said in section, (name, said)


def test_contributing_asks_to_tick_the_data_licence_in_both_forms() -> None:
    text = flat("CONTRIBUTING.md")
    ways = text[text.index("## Three ways to register"):text.index("### 3. A pull request")]
    assert ways.count("under the registry's data licence (CC BY 4.0)") + ways.count("under the data licence (CC BY "
                                                                                     "4.0)") == 2
