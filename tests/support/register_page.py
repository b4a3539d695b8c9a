"""The Register page filled in Chromium with a registration's answers (generator/intake/entry.py's Answers)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.intake.entry import Answers, Member

from .browser import browser_page
from .cli import impact

# The controls a member's optional fields appear in, and the answer each needs before it is shown.
OPTIONAL_MEMBER_FIELDS = ("scope", "primary_region", "region", "constituency_other", "role", "website")


def fill_member(page: Any, number: int, member: Member) -> None:
    """Row `number` (from 1) of the members, filled in as a person would: each field once it is shown."""
    row = f"#member-rows > .impact-row:nth-child({number})"
    page.fill(f"{row} [data-field='members.name']", member.name)
    page.select_option(f"{row} [data-field='members.country']", member.country)
    page.select_option(f"{row} [data-field='members.sector']", member.sector)
    page.select_option(f"{row} [data-field='members.constituency']", member.constituency or "")
    for name in OPTIONAL_MEMBER_FIELDS:
        given = getattr(member, name)
        if given:
            control = page.locator(f"{row} [data-field='members.{name}']")
            if control.evaluate("c => c.tagName") == "SELECT":
                control.select_option(given)
            else:
                control.fill(given)


def fill_page(page: Any, answers: Answers) -> None:
    page.fill("#f-name", answers.name)
    page.fill("#f-id", answers.id)
    page.fill("#f-acronym", answers.acronym or "")
    page.fill("#f-summary", answers.summary)
    page.fill("#f-objectives", "\n".join(answers.objectives))
    for theme in answers.themes:
        page.check(f"#f-theme-{theme}")
    for number, member in enumerate(answers.members, 1):
        if number > 1:
            page.click("#add-member")
        fill_member(page, number, member)
    page.fill("#f-engagement-member-states", answers.engagement.member_states)
    page.fill("#f-engagement-un-agencies", answers.engagement.un_agencies)
    page.fill("#f-engagement-support-needed", answers.engagement.support_needed)
    rows = page.locator("#milestone-rows > .impact-row")
    while rows.count() > len(answers.workplan):
        rows.last.locator(".impact-remove").click()
    while rows.count() < len(answers.workplan):
        page.click("#add-milestone")
    for row, milestone in enumerate(answers.workplan):
        rows.nth(row).locator("[data-field='workplan.date']").fill(milestone.date)
        rows.nth(row).locator("[data-field='workplan.title']").fill(milestone.title)
    page.fill("#f-contact-email", answers.email)
    page.set_checked("#f-contact-public", bool(answers.public))
    page.fill("#f-maintainers", ", ".join(f"@{handle}" for handle in answers.maintainers))
    for commitment in ("transparency", "accountability", "inclusivity"):
        page.check(f"#f-commit-{commitment}")
    page.check("#f-agree-licence")  # the agreement to the data licence: no file without it


def submitted(page: Any) -> str:
    """The file the page gives once "Check and make the file" is pressed (it must give one)."""
    page.click("button[type=submit]")
    assert page.locator("#register-output").is_visible(), page.inner_text("#register-summary")
    return str(page.input_value("#register-yaml"))


def on_the_page(url: str, answers: Answers) -> str:
    """The YAML the register page gives for the answers."""
    with browser_page() as (browser, watch):
        page: Any = browser
        page.goto(url + "register/")
        fill_page(page, answers)
        text = submitted(page)
        assert watch.console_errors == [] and watch.foreign_requests == []
        return text


def validated(root: Path, coalition_id: str, text: str) -> dict[str, Any]:
    """`impact validate`'s JSON report of the file, which must pass."""
    (root / "registry" / "coalitions" / f"{coalition_id}.yml").write_text(text, encoding="utf-8")
    done = impact("validate", "--format", "json", "--root", str(root), cwd=root)
    assert done.returncode == 0, done.stdout
    entry: dict[str, Any] = next(e for e in json.loads(done.stdout)["entries"] if e.get("id") == coalition_id)
    assert entry["ok"], entry
    return entry
