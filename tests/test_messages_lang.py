"""The validator in the volunteer's language (issue #15, item 5): `--lang CODE` on validate, check-pr, new and
from-issue changes the message text only, and every message the validator writes goes through the catalogs.

The catalogs are filled by translators later, so the language-independent facts are tested here: the JSON report's
structure does not change with the language, an unknown language is a usage error naming the six, check-pr's
report language comes from the changed files, and nothing user-facing escapes `_()` — checked by running the
validator over every case under tests/cases/ with a gettext hook that marks each catalog text «like this»: what is
left outside the marks must be the files' own data, never English prose written in the code.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from babel.messages.pofile import read_po
from ruamel.yaml.cyaml import CBaseLoader
from ruamel.yaml.error import YAMLError

from generator.i18n.catalogs import translations
from generator.i18n.languages import CODES, ENGLISH
from generator.pullrequest.check import report_language
from generator.registry.criteria import CRITERIA
from generator.registry.validate import validate
from generator.reporters.comment import markdown_report
from generator.reporters.terminal import text_report
from generator.settings import make_settings

from .support.cases import case_files, case_folders, case_id
from .support.cli import impact
from .support.git import git, without_user_configuration
from .support.registry import CASES, CHECKOUT, coalition_text, make_root

PYBABEL = str(Path(sys.executable).with_name("pybabel"))
BROKEN = CASES / "invalid" / "schema" / "example-schema.yml"


def _json_run(root: Path, lang: str, *paths: str) -> dict[str, Any]:
    result = impact("validate", "--format", "json", "--lang", lang, *paths, cwd=root)
    assert result.returncode == 1, result.stderr
    return json.loads(result.stdout)


def _without_messages(report: dict[str, Any]) -> dict[str, Any]:
    """The report with every problem's message left out, and the criteria's details (text like the messages)."""
    for entry in report["entries"]:
        for problem in entry["problems"]:
            assert isinstance(problem.pop("message"), str) and problem  # the other keys stay
        for result in (entry.get("criteria") or {}).values():
            result.pop("detail")
    return report


@pytest.mark.parametrize("lang", [code for code in CODES if code != ENGLISH.code])
def test_the_json_report_is_the_same_in_every_language_but_the_message_text(tmp_path: Path, lang: str) -> None:
    files, _decisions = case_files(CASES / "invalid" / "schema")
    root = make_root(tmp_path / "repo", {**files, "example-forming.yml": coalition_text("example-forming", ["x"])})
    english = _json_run(root, "en")
    translated = _json_run(root, lang)
    assert [len(e["problems"]) for e in english["entries"]] == [len(e["problems"]) for e in translated["entries"]]
    assert sum(len(e["problems"]) for e in english["entries"]) >= 3
    assert _without_messages(translated) == _without_messages(english)


def test_the_language_can_come_from_the_environment(tmp_path: Path) -> None:
    root = make_root(tmp_path / "repo", {"example-schema.yml": BROKEN.read_bytes()})
    by_flag = impact("validate", "--format", "json", "--lang", "es", cwd=root)
    by_environment = impact("validate", "--format", "json", cwd=root, env={"IMPACT_LANG": "es"})
    assert by_flag.returncode == by_environment.returncode == 1
    assert by_flag.stdout == by_environment.stdout


@pytest.mark.parametrize("command", [["validate"], ["check-pr", "--base", "main", "--author", "example-volunteer"],
                                     ["new", "--name", "Example"], ["from-issue", "-"]])
def test_an_unknown_language_is_a_usage_error_naming_the_six(tmp_path: Path, command: list[str]) -> None:
    root = make_root(tmp_path / "repo", {"example-schema.yml": BROKEN.read_bytes()})
    result = impact(*command, "--lang", "pt", cwd=root)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "'pt'" in result.stderr and all(f"'{code}'" in result.stderr for code in CODES), result.stderr
    from_environment = impact(*command, cwd=root, env={"IMPACT_LANG": "klingon"})
    assert from_environment.returncode == 2 and "klingon" in from_environment.stderr


def test_validate_help_documents_lang(tmp_path: Path) -> None:
    result = impact("validate", "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "--lang CODE" in result.stdout and "IMPACT_LANG" in result.stdout
    assert all(code in result.stdout for code in CODES)


# check-pr: the language the changed coalition files declare

@pytest.fixture
def pull_request(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    """A repository whose main has two coalitions; the returned function writes `language:` lines into them on a
    branch `pr` (None: no line) and commits."""
    without_user_configuration(tmp_path, monkeypatch)
    root = make_root(tmp_path / "repo", {"ocean.yml": coalition_text("ocean", ["ocean-keeper"]),
                                         "forest.yml": coalition_text("forest", ["forest-keeper"])})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "pr")

    def change(**languages: str | None) -> Path:
        for name, language in languages.items():
            path = root / "registry" / "coalitions" / f"{name}.yml"
            text = path.read_text(encoding="utf-8") + "# changed\n"
            path.write_text(text + (f"language: {language}\n" if language is not None else ""), encoding="utf-8")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "change")
        return root

    return change


@pytest.mark.parametrize(("declared", "expected"), [
    ("fr", "fr"), ("es", "es"), ("ar", "ar"), ("zh", "zh"), ("ru", "ru"), ("en", "en"),
    ("fr-CA", "fr"), ("ES-419", "es"), ("zh-Hans", "zh"),
    ("zh-Hant", "en"),  # Traditional characters: the site's Chinese is simplified
    ("pt", "en"), ("sw", "en"), ("'42'", "en"), ("[fr]", "en"), (None, "en"),
])
def test_check_pr_reports_in_the_language_the_changed_file_declares(
        pull_request: Callable[..., Path], declared: str | None, expected: str) -> None:
    root = pull_request(ocean=declared)
    assert report_language(root, "main") == expected


def test_files_that_disagree_get_english(pull_request: Callable[..., Path]) -> None:
    assert report_language(pull_request(ocean="fr", forest="es"), "main") == "en"


def test_files_that_agree_get_their_language(pull_request: Callable[..., Path]) -> None:
    assert report_language(pull_request(ocean="fr", forest="fr-BE"), "main") == "fr"


def test_a_change_outside_the_coalitions_does_not_count(pull_request: Callable[..., Path]) -> None:
    root = pull_request(ocean="ru")
    (root / "notes.md").write_text("language: fr\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "notes")
    assert report_language(root, "main") == "ru"


def test_check_pr_takes_the_files_language_and_lang_overrides_it(pull_request: Callable[..., Path]) -> None:
    root = pull_request(ocean="fr")
    for lang in ([], ["--lang", "es"]):
        result = impact("check-pr", "--base", "main", "--author", "ocean-keeper", "--format", "json", *lang,
                        cwd=root)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["ok"] is True
    refused = impact("check-pr", "--base", "main", "--author", "forest-keeper", "--lang", "ar", cwd=root)
    assert refused.returncode == 1
    [line] = [line for line in refused.stdout.splitlines() if line.startswith("registry/coalitions/ocean.yml: ")]
    assert line.endswith("[pr-not-maintainer]")


# Nothing user-facing left out of the catalogs

OPEN, CLOSE = "«", "»"
_PLACEHOLDER = re.compile(r"(\{[A-Za-z_][A-Za-z0-9_]*\})")


def _marked(message: str) -> str:
    """A catalog text with its words marked and its placeholders kept: what a translation looks like to format()."""
    return "".join(part if _PLACEHOLDER.fullmatch(part) else f"{OPEN}{part}{CLOSE}"
                   for part in _PLACEHOLDER.split(message) if part)


class _Marking:
    """The gettext hook: English as written, each catalog text marked, each message id recorded."""

    def __init__(self) -> None:
        self.ids: set[str] = set()

    def gettext(self, message: str) -> str:
        self.ids.add(message)
        return _marked(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        self.ids.add(singular)
        return _marked(singular if n == 1 else plural)

    def pgettext(self, _context: str, message: str) -> str:
        self.ids.add(message)
        return _marked(message)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The message ids `make i18n-extract` finds in the code, as they would be now."""
    pot = tmp_path_factory.mktemp("pot") / "impact.pot"
    done = subprocess.run([PYBABEL, "extract", "--mapping-file", "babel.cfg", "--no-wrap", "-o", str(pot), "."],
                          cwd=CHECKOUT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    with pot.open("rb") as stream:
        return {message.id if isinstance(message.id, str) else message.id[0] for message in read_po(stream)
                if message.id}


@pytest.fixture
def marking(monkeypatch: pytest.MonkeyPatch) -> Iterator[_Marking]:
    hook = _Marking()
    english = translations(ENGLISH.code)  # the one (cached) catalog every `_()` in English reads
    for name in ("gettext", "ngettext", "pgettext"):
        monkeypatch.setattr(english, name, getattr(hook, name))
    yield hook


_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|`[^`]*`")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*[.]?")  # a word; not a file name, a path or a field


def _sources(folder: Path, *extra: str) -> str:
    """What a message may quote as data: the case's files, the schemas (field names, descriptions, values), the
    reference tables, and libyaml's own words about the files it cannot read."""
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in folder.iterdir() if path.is_file()]
    texts += extra
    texts += [path.read_text(encoding="utf-8") for path in sorted((CHECKOUT / "schema").glob("*.json"))]
    texts += [path.read_text(encoding="utf-8") for path in sorted((CHECKOUT / "generator" / "reference").iterdir())
              if path.suffix in (".csv", ".json", ".yml")]
    for path in folder.glob("*.yml"):
        try:
            loader = CBaseLoader(path.read_text(encoding="utf-8", errors="replace"))
            while loader.get_event() is not None:
                pass
        except (YAMLError, ValueError) as exc:
            texts.append(str(exc))
    return " ".join(" ".join(texts).split()).casefold()


def _unmarked_prose(text: str, sources: str) -> list[str]:
    """Runs of two or more words outside the «marks» that the sources do not hold: English written in the code."""
    text = text.replace("\\", "").replace("&amp;", "&").replace("\u200b", "")  # Markdown's escapes
    outside = re.sub(f"{OPEN}[^{CLOSE}]*{CLOSE}", "|", text)
    found = []
    for piece in re.split(r"[|,;:()\[\]{}—=…?!]|\s[-–]\s|\.\s", _QUOTED.sub("|", outside)):
        words = [token for token in piece.split() if _WORD.fullmatch(token)]
        phrase = " ".join(piece.split()).strip(" .").casefold()
        if len(words) >= 2 and phrase not in sources:
            found.append(phrase)
    return found


def _reports(folder: Path, root_of: Callable[[dict[str, str | bytes]], Path]) -> Iterator[str]:
    files, decisions = case_files(folder)
    root = root_of(files)
    if decisions is not None:
        (root / "registry" / "decisions.yml").write_bytes(decisions)
    settings = make_settings(root)
    report = validate(settings)
    named = validate(settings, [root / "registry" / "coalitions" / name for name in files])
    yield from (p.message for p in report.problems)
    yield from (result.detail for entry in report.entries for result in (entry.criteria or {}).values())
    yield text_report(named)
    yield markdown_report(named)


CASE_FOLDERS = case_folders("invalid") + case_folders("valid")


def test_every_case_exercises_the_hook() -> None:
    assert len(CASE_FOLDERS) >= 20


@pytest.mark.parametrize("folder", CASE_FOLDERS, ids=case_id)
def test_every_message_of_the_validator_goes_through_the_catalogs(
        folder: Path, marking: _Marking, extracted: set[str], registry_root: Callable[..., Path],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    sources = _sources(folder)
    outputs = list(_reports(folder, registry_root))
    problems = [text for text in outputs if text.strip()]
    assert problems
    for text in problems:
        assert OPEN in text, f"nothing of this went through _(): {text!r}"
        assert _unmarked_prose(text, sources) == [], f"English outside the catalogs in: {text!r}"
    # A text given to _() that the extractor does not see (a variable not marked with N_) has no translation.
    assert sorted(marking.ids - extracted) == []


def test_the_hook_finds_a_message_left_out_of_the_catalogs() -> None:
    """The check above fails on an f-string message: its words stay outside the marks."""
    leaked = f"{_marked('{field} is wrong')} — add a member whose sector is {'ngos'}"
    assert _unmarked_prose(leaked.format(field="members[0].sector"), "ngos") == \
        ["add a member whose sector is ngos"]
    assert _unmarked_prose(_marked("{field}: {value} is not accepted").format(
        field="members[0].country", value="'Example Land'"), "") == []


def test_criterion_titles_and_texts_are_catalog_texts(marking: _Marking, extracted: set[str]) -> None:
    from tests.support.registry import checkout_criteria

    settings = checkout_criteria()
    for criterion in CRITERIA:
        assert criterion.title.startswith(OPEN) and criterion.title_message in extracted
        assert criterion.text(settings).startswith(OPEN)
    assert marking.ids <= extracted


# The pull request's report and preview, the health check, the auto-merge summary, the build and the CLI's own lines

def _assert_all_marked(text: str, sources: str) -> None:
    assert OPEN in text, f"nothing of this went through _(): {text!r}"
    assert _unmarked_prose(text, sources) == [], f"English outside the catalogs in: {text!r}"


def _plain(markdown: str) -> str:
    """Markdown's lines apart, without their headings', quotes' and lists' marks, emphasis or code marks: the
    entries' own text, as the files hold it, between the catalogs' words (a milestone's mark and date apart from
    its title, a value apart from the one it replaces)."""
    lines = (re.sub(r"[*`]", "", line) for line in markdown.splitlines())
    return "|".join(re.sub(r"^(?:#+ |> |- (?:\W+ \d{4}-\d{2}-\d{2} )?)", "", line).replace("→", "|") for line in lines)


def _assert_marked(text: str) -> None:
    """The whole of a message went through _(): every word sits inside the marks."""
    assert text.startswith(OPEN) and _unmarked_prose(text, "") == [], text


@pytest.fixture
def changed_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A pull request that edits an entry (a field, a list's item) and adds one with more members than are shown."""
    without_user_configuration(tmp_path, monkeypatch)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    root = make_root(tmp_path / "repo", {"ocean.yml": coalition_text("ocean", ["ocean-keeper"])})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "pr")
    ocean = root / "registry" / "coalitions" / "ocean.yml"
    ocean.write_text(ocean.read_text(encoding="utf-8").replace("acronym: ECOF", "acronym: OCN").replace(
        "    country: PL\n", "    country: CZ\n", 1), encoding="utf-8")
    river = coalition_text("river", ["ocean-keeper"]).replace("members:\n", "members:\n" + "".join(
        f"  - name: Example Member {n}\n    country: KE\n    sector: civil-society\n    constituency: ngos\n"
        for n in range(30)), 1)
    (root / "registry" / "coalitions" / "river.yml").write_text(river, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "change")
    return root


def test_the_pull_request_report_and_preview_go_through_the_catalogs(
        changed_repository: Path, marking: _Marking, extracted: set[str]) -> None:
    from generator.pullrequest.check import check_pr
    from generator.pullrequest.judge import judge, verdict_markdown
    from generator.reporters.comment import check_pr_markdown

    root = changed_repository
    sources = _sources(root / "registry" / "coalitions", *(
        path.read_text(encoding="utf-8") for path in sorted((root / "registry").glob("*.yml"))))
    verdict = judge(root, "main", "HEAD", "ocean-keeper")
    assert verdict.failure is None, verdict.failure
    refused = check_pr(str(root), "main", "somebody-else")
    assert refused
    outputs = [verdict_markdown(verdict), verdict.report_markdown, verdict.preview_markdown,
               check_pr_markdown(refused, "somebody-else")]
    for text in outputs:
        _assert_all_marked(_plain(text), sources)
    preview = verdict.preview_markdown
    assert f"{OPEN}changed{CLOSE} — ECOF → OCN" in preview  # changes.py: a field's change
    assert f"1{OPEN} changed{CLOSE} — " in preview  # changes.py: a list's item changed (the member's country)
    assert f"*{OPEN}… and {CLOSE}11{OPEN} more members (the page shows every one).{CLOSE}*" in preview
    assert f"{OPEN}**New entry**: its page appears once it is merged.{CLOSE}" in preview
    assert sorted(marking.ids - extracted) == []


def test_the_auto_merge_summary_and_reasons_go_through_the_catalogs(marking: _Marking, extracted: set[str]) -> None:
    import datetime as dt

    from generator.pullrequest.automerge import auto_merge
    from generator.pullrequest.check import PullRequestDiff
    from generator.pullrequest.merging import Decision, Pull, decide, summary_markdown, verdict_since, waited

    now = dt.datetime(2026, 9, 21, tzinfo=dt.UTC)
    draft = decide(".", "main", Pull(1, "a" * 40, "someone", (), True), [], now, 24)
    held = decide(".", "main", Pull(2, "b" * 40, "someone", ("hold",), False), [], now, 24)
    nothing = auto_merge(".", PullRequestDiff("base", "base", ()), "someone", (), None)
    merged = Decision(Pull(3, "c" * 40, "someone", (), False), True, nothing.reasons)
    for reason in (*draft.reasons, *held.reasons, *nothing.reasons, verdict_since([])[1],
                   waited(now, now, 24)[1], waited(now - dt.timedelta(hours=30), now, 24)[1]):
        _assert_marked(reason)
    _assert_all_marked(summary_markdown([draft, held, merged], 24), "someone")
    assert sorted(marking.ids - extracted) == []


class _Answers(httpx.AsyncBaseTransport):
    """Every address answers 404, except those ending in /moved: moved for good to /new."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/moved"):
            return httpx.Response(301, headers={"location": "/new"})
        return httpx.Response(404 if request.url.path != "/new" else 200)


def test_impact_health_speaks_through_the_catalogs(tmp_path: Path, marking: _Marking, extracted: set[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt
    from http import HTTPStatus

    from generator.errors import ImpactError
    from generator.health.check import Options
    from generator.health.memory import EMPTY, read_state
    from generator.health.mentions import mentions_markdown
    from generator.health.report import issue_markdown, text_report
    from generator.health.run import run_health

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    entry = coalition_text("ocean", ["ocean-keeper"]).replace("https://coastal.example.org",
                                                              "https://coastal.example.org/moved")
    root = make_root(tmp_path / "repo", {"ocean.yml": entry, "example-schema.yml": BROKEN.read_bytes()})
    health = run_health(make_settings(root), Options(timeout=5, retries=0), state_path=None,
                        confirm_after=dt.timedelta(hours=72), transport=_Answers(),
                        now=dt.datetime(2026, 9, 21, 6, tzinfo=dt.UTC))
    assert health.broken and health.targets.skipped
    # The answers' standard reason phrases ("404 Not Found") are the protocol's words, shown as they are.
    sources = _sources(root / "registry" / "coalitions", *(f"{status.value} {status.phrase}" for status in HTTPStatus))
    for text in (text_report(health.state), issue_markdown(health.state, health.targets.skipped,
                                                            dt.timedelta(hours=72)),
                 mentions_markdown(health.state, EMPTY, health.targets.entries)):
        _assert_all_marked(text.replace("\n", "|"), sources)  # the text report's columns: one line each
    assert text_report(health.state).startswith(f"{OPEN}broken{CLOSE}")
    state = tmp_path / "health.json"
    state.write_text('{"version": 2}', encoding="utf-8")
    with pytest.raises(ImpactError) as bad:
        read_state(state, "health.json")
    assert str(bad.value).startswith(f"health.json{OPEN}: {CLOSE}{OPEN}it has no {CLOSE}")
    assert sorted(marking.ids - extracted) == []


def test_the_build_s_messages_go_through_the_catalogs(tmp_path: Path, marking: _Marking,
                                                    extracted: set[str]) -> None:
    from generator.errors import ImpactError
    from generator.site.config import placeholder_warnings, site_languages
    from generator.site.publish import build_lock

    warnings = placeholder_warnings({"site_url": "https://impact-coalitions.example.org/",
                                     "extra": {"contact": "registry-maintainers@example.org"}})
    assert len(warnings) == 2
    for warning in warnings:
        _assert_all_marked(warning, "")
    with pytest.raises(ImpactError) as unknown:
        site_languages({}, ("pt",))
    _assert_marked(str(unknown.value))
    told: list[str] = []
    with build_lock(tmp_path), pytest.raises(ImpactError) as waiting, build_lock(tmp_path, told.append, wait=0):
        pass
    _assert_all_marked(str(waiting.value), "")
    assert sorted(marking.ids - extracted) == []


def test_markdown_beyond_the_limits_is_advised_through_the_catalogs(marking: _Marking) -> None:
    from generator.markdown.blocks import BLOCK_LINES, DEPTH, excess

    for text in ("line\n" * (BLOCK_LINES + 1), "  " * 2 * (DEPTH + 1) + "- deep\n"):
        found = excess(text)
        assert found is not None
        _assert_marked(found[1])


def test_the_exceptions_words_are_translated_at_the_cli_edge(tmp_path: Path, marking: _Marking,
                                                              extracted: set[str]) -> None:
    from click.testing import CliRunner

    from generator.cli import main
    from generator.errors import BuildRefused, NewRefused
    from generator.i18n.catalogs import _, ngettext
    from generator.problems import Problem

    refused = BuildRefused(["registry/coalitions/a.yml", "registry/coalitions/b.yml"])
    assert refused.lines() == [str(refused)]  # English as written, where no catalog is given
    [line] = refused.lines(_, ngettext)
    assert line == f"{OPEN}the site was not built: {CLOSE}2{OPEN} files with errors — {CLOSE}" \
        f"registry/coalitions/a.yml, registry/coalitions/b.yml{OPEN} — run {CLOSE}`impact validate`" \
        f"{OPEN} for the details{CLOSE}"
    new = NewRefused("x", [Problem("error", "schema", "the message", "f.yml", line=3)])
    assert new.lines(_, ngettext)[1] == f"  {OPEN}line {CLOSE}3{OPEN}: {CLOSE}the message [schema]"
    # The CLI's edge: an error of the tool, and the CLI's own lines.
    root = make_root(tmp_path / "repo", {"example-schema.yml": BROKEN.read_bytes()})
    result = CliRunner().invoke(main, ["similar", "--root", str(root)])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"impact: 1{OPEN} file with errors left out: {CLOSE}")
    result = CliRunner(env={"GITHUB_ACTOR": ""}).invoke(main, ["check-pr", "--base", "main", "--root", str(root)])
    assert result.exit_code == 2 and result.stderr.startswith(f"impact: {OPEN}name the pull request"), result.stderr
    assert sorted(marking.ids - extracted) == []


def test_judging_day_speaks_through_the_catalogs(marking: _Marking, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.errors import ImpactError
    from generator.pullrequest.head import judging_day

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ImpactError) as bad:
        judging_day()
    assert str(bad.value) == f"SOURCE_DATE_EPOCH='yesterday'{OPEN} is not a number of seconds{CLOSE}"
