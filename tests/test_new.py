"""`impact new`: questions or flags in, a valid coalition file out — never an overwrite, never a traceback."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.errors import NewRefused
from generator.intake import new as new_module
from generator.intake.checks import suggest_id
from generator.intake.entry import Answers, Member
from generator.intake.new import create_coalition
from generator.registry.load import load_file
from generator.registry.validate import validate
from generator.settings import make_settings

from .support.cli import IMPACT

GOLDEN = Path(__file__).resolve().parent / "golden"
FLAGS = ["--name", "Example Coalition for Ocean Futures",
         "--summary", "A fictional coalition for coastal communities in ocean governance.",
         "--theme", "climate-environment,human-rights",
         "--objective", "Give coastal communities a seat in ocean talks.",
         "--member", "Fictional Coastal Network (example)|KE|civil-society|ngos",
         "--member", "Test Council (example)|pl|local-government",
         "--member", "Imaginary Fisherfolk (example)|IN|think-tank|other|Fisherfolk",
         "--email", "coalition@example.org",
         "--maintainer", "@example-volunteer",
         "--commit", "transparency,accountability", "--commit", "inclusivity"]
WRITTEN = "registry/coalitions/example-coalition-for-ocean-futures.yml"


def impact_new(*args: str, cwd: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(IMPACT), "new", *args], cwd=cwd, input=stdin, capture_output=True, text=True,
                            timeout=120, env=os.environ.copy(), check=False)
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr
    return result


def test_flags_write_a_valid_file(registry_root: Callable[..., Path]) -> None:
    root = registry_root()
    result = impact_new(*FLAGS, cwd=root)
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert out[0] == f"Created {WRITTEN}"
    assert out[1] == "It passes validation and will be listed as forming, 0 of 4 ImPACT criteria met: missing " \
        "Regional diversity, Constituency diversity, A plan to engage the UN and Member States, A work plan"
    assert any(line.startswith("  - A plan to engage the UN and Member States: no engagement plan yet: write a plan "
                               "of at least 40 characters") for line in out)
    assert any(line.startswith("  - A work plan: 0 milestones: 0 of the 2 milestones needed") for line in out)
    assert out[-1] == f"Then check it with: impact validate {WRITTEN}"
    text = (root / WRITTEN).read_text(encoding="utf-8")
    assert text == (GOLDEN / "new-coalition.yml").read_text(encoding="utf-8")
    report = validate(make_settings(root), [root / WRITTEN])
    assert report.ok and report.entries[0].status == "forming"
    assert {p.rule for p in report.problems} <= {"stale", "synergies"}  # advice only


def test_the_written_file_has_the_promised_shape(registry_root: Callable[..., Path]) -> None:
    root = registry_root()
    assert impact_new(*FLAGS, "--id", "example-shape", cwd=root).returncode == 0
    path = root / "registry" / "coalitions" / "example-shape.yml"
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../schema/coalition.schema.json\n")
    document = load_file(path, "example-shape.yml").document
    assert document is not None
    data = document.data
    assert data["commitments"] == {"transparency": True, "accountability": True, "inclusivity": True}
    assert data["engagement"] == {"member_states": "", "un_country_teams": "", "un_agencies": "", "support_needed": ""}
    assert data["workplan"] == []
    assert data["maintainers"] == ["example-volunteer"]
    assert data["members"][1] == {"name": "Test Council (example)", "country": "PL", "sector": "local-government"}
    assert data["members"][2]["constituency_other"] == "Fisherfolk"


def test_questions_are_asked_and_bad_answers_asked_again(registry_root: Callable[..., Path]) -> None:
    root = registry_root()
    answers = [
        "Réseau Océan: Côtes & Futurs (example)",  # name
        "",  # id: take the suggestion
        "short",  # summary: too short, asked again
        "A fictional coalition of coastal groups, for tests only.",
        "health, climat",  # unknown theme, asked again
        "health, climate-environment",
        "Share what coastal communities know.",
        "Fictional Coastal Network (example)", "ZZ", "ke", "", "",  # bad country; default sector; constituency needed
        "ngos", "", "y",  # nothing more about it; another member
        "Imaginary Fisherfolk Union (example)", "IN", "private-sector", "", "", "n",  # no constituency needed
        "", "", "",  # no engagement plan yet
        "",  # no milestone yet
        "not-an-email", "coalition@example.org",
        "@example-volunteer",
        "y", "y", "y",  # the three commitments
    ]
    result = impact_new(cwd=root, stdin="\n".join(answers) + "\n")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "the summary is 5 characters long; it needs at least 20" in result.stdout
    assert "'climat' is not a theme" in result.stdout
    assert "'ZZ' is not an ISO 3166 country code" in result.stdout
    assert "a civil-society member is a civil society actor, so it needs a constituency" in result.stdout
    assert "'not-an-email' is not an e-mail address" in result.stdout
    path = root / "registry" / "coalitions" / "reseau-ocean-cotes-futurs-example.yml"
    document = load_file(path, path.name).document
    assert document is not None
    assert document.data["name"] == "Réseau Océan: Côtes & Futurs (example)"
    assert document.data["themes"] == ["health", "climate-environment"]
    assert [(m["country"], m["sector"], m.get("constituency")) for m in document.data["members"]] == [
        ("KE", "civil-society", "ngos"), ("IN", "private-sector", None)]


def test_an_existing_file_is_never_overwritten(registry_root: Callable[..., Path], example_text: str) -> None:
    root = registry_root({"example-ocean-futures.yml": example_text})
    result = impact_new(*FLAGS, "--id", "example-ocean-futures", cwd=root)
    assert result.returncode == 2
    assert "registry/coalitions/example-ocean-futures.yml already exists — choose another id" in result.stderr
    assert (root / "registry" / "coalitions" / "example-ocean-futures.yml").read_text(encoding="utf-8") == example_text


def test_the_id_made_from_the_name_does_not_overwrite_either(registry_root: Callable[..., Path]) -> None:
    root = registry_root()
    assert impact_new(*FLAGS, cwd=root).returncode == 0
    before = (root / WRITTEN).read_bytes()
    again = impact_new(*FLAGS, cwd=root)
    assert again.returncode == 2 and "already exists" in again.stderr
    assert (root / WRITTEN).read_bytes() == before


@pytest.mark.parametrize(("flags", "says"), [
    (["--theme", "sports"], "'sports' is not a theme — use one of: peace-security"),
    (["--theme", "helth"], "did you mean 'health'?"),
    (["--member", "Only a name"], "needs at least: name | country code | sector"),
    (["--member", "Example Org|XX|civil-society|ngos"], "'XX' is not an ISO 3166 country code"),
    (["--member", "Example Org|KE|civil-society"], "so it needs a constituency"),
    (["--member", "Example Org|KE|hobby club|ngos"], "'hobby club' is not a sector"),
    (["--member", "Example Org|KE|civil-society|other"], "say in your own words which constituency"),
    (["--email", "coalition.example.org"], "is not an e-mail address"),
    (["--maintainer", "not a handle"], "is not a GitHub user name"),
    (["--id", "Not An Id"], "'Not An Id' cannot be an id"),
    (["--summary", "Too short."], "the summary is 10 characters long; it needs at least 20"),
    (["--name", "A\x07B"], "control character"),
    (["--name", "x" * 151], "it may have at most 150"),
])
def test_a_bad_flag_exits_2_and_writes_nothing(flags: list[str], says: str, registry_root: Callable[..., Path]) -> None:
    root = registry_root()
    result = impact_new(*FLAGS, *flags, cwd=root)
    assert result.returncode == 2, result.stdout
    assert says in result.stderr
    assert list((root / "registry" / "coalitions").iterdir()) == []


def test_input_that_ends_early_writes_nothing(registry_root: Callable[..., Path]) -> None:
    root = registry_root()
    result = impact_new("--name", "Example Coalition", cwd=root, stdin="")
    assert result.returncode == 2
    assert "the input ended before every question was answered, so nothing was written" in result.stderr
    assert list((root / "registry" / "coalitions").iterdir()) == []


def test_root_and_a_folder_that_is_no_registry(registry_root: Callable[..., Path], tmp_path: Path) -> None:
    root = registry_root()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert impact_new(*FLAGS, "--root", str(root), cwd=elsewhere).returncode == 0
    assert (root / WRITTEN).is_file()
    refused = impact_new(*FLAGS, cwd=elsewhere)
    assert refused.returncode == 2 and "has no registry/ folder" in refused.stderr


def test_an_enforcing_registry_still_gets_its_starting_file(registry_root: Callable[..., Path]) -> None:
    root = registry_root()
    criteria = root / "registry" / "criteria.yml"
    criteria.write_text(criteria.read_text(encoding="utf-8").replace("enforce: false", "enforce: true"),
                        encoding="utf-8")
    result = impact_new(*FLAGS, cwd=root)
    assert result.returncode == 0
    assert "This registry enforces the ImPACT criteria" in result.stdout


def _answers(**change: object) -> Answers:
    fields: dict[str, object] = {
        "id": "example-direct", "name": "Example Direct Coalition", "summary": "A coalition made by a test directly.",
        "themes": ("health",), "objectives": ("Test the last line of defence.",),
        "members": (Member(name="Fictional Org (example)", country="KE", sector="civil-society", constituency="ngos"),),
        "email": "coalition@example.org", "maintainers": ("example-volunteer",)}
    return Answers(**{**fields, **change})  # type: ignore[arg-type]


def test_the_validator_is_the_last_line_of_defence(registry_root: Callable[..., Path]) -> None:
    root = registry_root()
    settings = make_settings(root)
    bad = _answers(summary="Too short", members=(Member(name="Org", country="ZZ", sector="civil-society",
                                                        constituency="ngos"),))
    with pytest.raises(NewRefused) as refused:
        create_coalition(settings, bad)
    assert sorted(p.rule for p in refused.value.problems) == ["schema", "unknown-country"]
    assert "registry/coalitions/example-direct.yml was not written" in str(refused.value)
    assert not (root / "registry" / "coalitions" / "example-direct.yml").exists()
    created = create_coalition(settings, _answers())
    assert created.path.is_file() and created.report.ok


def test_the_cli_prints_the_validators_problems(registry_root: Callable[..., Path],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    root = registry_root()
    real = new_module.coalition_yaml
    monkeypatch.setattr(new_module, "coalition_yaml", lambda *a: real(*a).replace("country: KE", "country: ZZ"))
    result = CliRunner().invoke(main, ["new", "--root", str(root), *FLAGS])
    assert result.exit_code == 2
    assert f"impact: {WRITTEN} was not written: the validator found 1 problem in it" in result.output
    assert "  line 11: members[0].country: 'ZZ' is not an ISO 3166 country code" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (root / WRITTEN).exists()


@pytest.mark.parametrize(("name", "slug"), [
    ("Example Coalition for Ocean Futures", "example-coalition-for-ocean-futures"),
    ("Réseau Océan: Côtes & Futurs", "reseau-ocean-cotes-futurs"),
    ("  --Youth 2030!!  ", "youth-2030"),
    ("ائتلاف", None),
    ("AB", None),
    ("word " * 30, "word-" * 12 + "word"),
])
def test_suggest_id(name: str, slug: str | None) -> None:
    suggestion = suggest_id(name)
    assert suggestion == slug
    assert suggestion is None or len(suggestion) <= 64


def test_the_new_command_is_listed_in_help() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0 and "new" in result.output.split("Commands:")[1]


# Answers to the questions before the members, and after them (issue #14: each skippable question is skipped).
BEFORE_MEMBERS = ["Example Harbour Coalition (example)", "", "A fictional coalition of harbour groups, for tests only.",
                  "Climate and environment", "Keep the harbours open to their communities."]
AFTER_MEMBERS = ["", "", "",  # no engagement plan
                 "",  # no milestone
                 "harbour@example.org", "example-volunteer", "y", "y", "y"]
HARBOUR = "registry/coalitions/example-harbour-coalition-example.yml"


def members_of(root: Path, file: str = HARBOUR) -> list[dict[str, object]]:
    document = load_file(root / file, Path(file).name).document
    assert document is not None
    return list(document.data["members"])


def test_members_outside_every_regional_group_and_global_ones_as_options(registry_root: Callable[..., Path]) -> None:
    root = registry_root()
    result = impact_new(*FLAGS, "--member", "Example Harbour Forum (example) | HK | civil-society | other | "
                        "region=asia-pacific | constituency_other=Port workers",
                        "--member", "Fictional Ocean Alliance (example) | KE | think-tank | ngos | scope=global | "
                        "primary_region=latin-american-caribbean | role=lead | website=https://example.org", cwd=root)
    assert result.returncode == 0, result.stderr
    assert members_of(root, WRITTEN)[3:] == [
        {"name": "Example Harbour Forum (example)", "country": "HK", "sector": "civil-society",
         "constituency": "other", "constituency_other": "Port workers", "region": "asia-pacific"},
        {"name": "Fictional Ocean Alliance (example)", "country": "KE", "sector": "think-tank", "constituency": "ngos",
         "scope": "global", "primary_region": "latin-american-caribbean", "website": "https://example.org",
         "role": "lead"}]
    refused = impact_new(*FLAGS, "--id", "example-other", "--member",
                         "Example Harbour Forum (example) | HK | civil-society | ngos", cwd=root)
    assert refused.returncode == 2
    assert "--member 'Example Harbour Forum (example) | HK | civil-society | ngos': region: Hong Kong (HK) belongs " \
        "to no UN Regional Group, so say which group the organisation counts in: add | region=…, one of: african, " \
        "asia-pacific" in refused.stderr


def test_the_questions_ask_for_the_region_and_take_labels_and_synonyms(registry_root: Callable[..., Path]) -> None:
    root = registry_root()
    answers = [*BEFORE_MEMBERS,
               "Example Harbour Forum (example)", "Hong Kong", "civil society", "other", "Port workers",
               "Asia",  # asked: Hong Kong belongs to no UN Regional Group
               "scope=global",  # asked again: a global organisation needs its primary region
               "scope=global | primary region=Asia-Pacific Group", "y",
               "Example Youth Hub (example) | Kenya | CSO | youth", "n",  # a whole line at once
               *AFTER_MEMBERS]
    result = impact_new(cwd=root, stdin="\n".join(answers) + "\n")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Hong Kong belongs to no UN Regional Group: which group does the organisation count in?" in result.stdout
    assert "primary_region: a global organisation (scope=global) counts in the UN Regional Group" in result.stdout
    assert members_of(root) == [
        {"name": "Example Harbour Forum (example)", "country": "HK", "sector": "civil-society", "constituency": "other",
         "constituency_other": "Port workers", "scope": "global", "primary_region": "asia-pacific",
         "region": "asia-pacific"},
        {"name": "Example Youth Hub (example)", "country": "KE", "sector": "civil-society",
         "constituency": "children-youth"}]


@pytest.mark.parametrize("flags", [["--id", "index"], ["--id", "ocean-criteria"], ["--name", "Coalitions"]])
def test_a_reserved_id_is_refused_before_any_question(flags: list[str], registry_root: Callable[..., Path]) -> None:
    root = registry_root()
    result = impact_new(*flags, cwd=root, stdin="")
    assert result.returncode == 2
    assert "is kept for the site's own pages (coalitions/index/, api/coalitions.json and the badges " \
        "<id>-criteria.svg) — choose another id" in result.stderr
    assert "Summary" not in result.stdout  # refused when given, not after every question


def test_a_reserved_id_answer_is_asked_again(registry_root: Callable[..., Path]) -> None:
    root = registry_root()
    answers = [BEFORE_MEMBERS[0], "index", "", *BEFORE_MEMBERS[2:],
               "Example Harbour Forum (example) | KE | civil-society | ngos", "n", *AFTER_MEMBERS]
    result = impact_new(cwd=root, stdin="\n".join(answers) + "\n")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "'index' is kept for the site's own pages" in result.stdout
    assert (root / HARBOUR).is_file()


def test_refused_answers_are_kept_in_a_draft_outside_the_registry(registry_root: Callable[..., Path]) -> None:
    root = registry_root()
    answers = [*BEFORE_MEMBERS, "Example Harbour Forum (example) | KE | civil-society | ngos", "n",
               *AFTER_MEMBERS[:-1], "n",  # no commitment to inclusivity: the validator refuses the file
               ""]  # keep the answers in a draft: yes (the default)
    result = impact_new(cwd=root, stdin="\n".join(answers) + "\n")
    assert result.returncode == 2
    assert "commitments.inclusivity must be true" in result.stdout
    assert "your answers are kept in registry/drafts/example-harbour-coalition-example.yml, not in the registry " \
        "yet" in result.stderr
    assert list((root / "registry" / "coalitions").iterdir()) == []
    draft = (root / "registry" / "drafts" / "example-harbour-coalition-example.yml").read_text(encoding="utf-8")
    assert draft.startswith("# yaml-language-server: $schema=../../schema/coalition.schema.json\n# A draft of impact "
                            "new, not in the registry: fix what is listed here, then move it to registry/coalitions/"
                            "example-harbour-coalition-example.yml\n")
    assert "#   - commitments.inclusivity must be true" in draft
    assert "name: Example Harbour Forum (example)" in draft and "inclusivity: false" in draft
    assert validate(make_settings(root)).ok  # a draft is not part of the registry
    again = impact_new(cwd=root, stdin="\n".join(answers) + "\n")
    assert "kept in registry/drafts/example-harbour-coalition-example-2.yml" in again.stderr  # never over a draft
    declined = impact_new(cwd=root, stdin="\n".join([*answers[:-1], "n"]) + "\n")
    assert declined.returncode == 2 and "nothing was written, and your answers were not kept" in declined.stderr
    assert len(list((root / "registry" / "drafts").iterdir())) == 2


def test_commitments_engagement_and_work_plan_are_asked(registry_root: Callable[..., Path]) -> None:
    root = registry_root()
    plan = "Brief the missions of the coastal states before each ocean conference."
    answers = [*BEFORE_MEMBERS, "Example Harbour Forum (example) | KE | civil-society | ngos", "n",
               plan, "", "",  # a plan to engage Member States; the others skipped
               "2024-06-01 | Launch call", "22/09/2025 | Statement at the Summit",  # asked again, as YYYY-MM-DD
               "2025-09-22 | Statement at the Summit", "",
               *AFTER_MEMBERS[4:]]
    result = impact_new(cwd=root, stdin="\n".join(answers) + "\n")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "'22/09/2025': write it as 2025-09-22" in result.stdout
    assert "We commit to transparency. Does the coalition make this commitment?" in result.stdout
    document = load_file(root / HARBOUR, "x.yml").document
    assert document is not None
    assert document.data["engagement"]["member_states"] == plan
    assert document.data["workplan"] == [{"date": "2024-06-01", "title": "Launch call"},
                                         {"date": "2025-09-22", "title": "Statement at the Summit"}]
    assert document.data["commitments"] == {"transparency": True, "accountability": True, "inclusivity": True}
    out = result.stdout.splitlines()
    assert "It passes validation and will be listed as forming, 2 of 4 ImPACT criteria met: missing Regional " \
        "diversity, Constituency diversity" in out
    assert out[-1] == f"Then check it with: impact validate {HARBOUR}"


def test_commitments_are_never_written_unless_made(registry_root: Callable[..., Path]) -> None:
    root = registry_root()
    flags = [flag for flag in FLAGS if flag not in ("--commit", "transparency,accountability", "inclusivity")]
    result = impact_new(*flags, "--commit", "transparency", cwd=root)
    assert result.returncode == 2
    assert "commitments.accountability must be true" in result.stderr
    unknown = impact_new(*flags, "--commit", "transparancy", cwd=root)
    assert unknown.returncode == 2
    assert "'transparancy' is not a commitment — did you mean 'transparency'?" in unknown.stderr
    asked = impact_new(*flags, cwd=root, stdin="\n" * 4)  # not given: asked (after the plans, skipped)
    assert asked.returncode == 2 and "We commit to transparency." in asked.stdout
    assert list((root / "registry" / "coalitions").iterdir()) == []
