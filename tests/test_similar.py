"""Similar proposals: planted near-duplicates among 200 synthetic coalitions, the CLI, the validator warning."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.registry.validate import registry_pairs, validate
from generator.settings import make_settings
from generator.similarity.formats import markdown_pairs
from generator.similarity.index import WARNING_SCORE, Pair, SimilarityIndex, ranked_partners
from generator.similarity.proposal import Proposal, proposal_from_data
from generator.similarity.screen import screen
from generator.similarity.words import organisation_key

from .support.cli import IMPACT
from .support.registry import CASES, EXAMPLE

PLANTED_DIR = CASES / "similar"
PLANTED = [tuple(pair) for pair in json.loads((PLANTED_DIR / "planted.json").read_text())["pairs"]]


@pytest.fixture(scope="module")
def planted_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """200 synthetic coalitions (benchmarks/synth.py) as background, the planted cases and the shipped registry."""
    from benchmarks.synth import make_registry

    root = make_registry(tmp_path_factory.mktemp("similar") / "repo", 200)
    for path in PLANTED_DIR.glob("*.yml"):
        shutil.copy(path, root / "registry" / "coalitions" / path.name)
    shutil.copytree(Path(__file__).resolve().parent.parent / "registry" / "coalitions",
                    root / "registry" / "coalitions", dirs_exist_ok=True)
    return root


@pytest.fixture(scope="module")
def planted_pairs(planted_root: Path) -> list[Pair]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1790000000")
        report = validate(make_settings(planted_root))
    assert report.ok
    return registry_pairs(report.entries)


@pytest.mark.parametrize(("name", "key"), [
    ("Fundación Datos Abiertos (example)", "fundacion datos abiertos"),
    ("FUNDACION DATOS ABIERTOS e.V.", "fundacion datos abiertos"),
    ("The Open Knowledge Demo, Inc.", "open knowledge demo"),
    ("Open Knowledge Demo Network", "open knowledge demo"),
    ("Sample Digital Rights Foundation (example)", "sample digital rights"),
    ("Women & Peace N.G.O.", "women and peace"),
    ("Peoples' Forum Ltd", "peoples forum"),
    ("Network", "network"),  # nothing left after the suffixes: the name itself
])
def test_member_names_are_compared_without_case_accents_punctuation_or_suffixes(name: str, key: str) -> None:
    assert organisation_key(name) == key


@pytest.mark.parametrize(("a", "b"), PLANTED)
def test_each_planted_pair_ranks_in_the_top_3_for_both_coalitions(planted_pairs: list[Pair],
                                                                   a: str, b: str) -> None:
    ranked = ranked_partners(planted_pairs)
    for one, other in ((a, b), (b, a)):
        partners = [pair.other(one) for pair in ranked[one]]
        assert other in partners[:3], (one, partners[:5])
    pair = next(p for p in planted_pairs if {p.a, p.b} == {a, b})
    assert pair.score >= WARNING_SCORE
    assert any(r.startswith("similar objectives and summary (") for r in pair.reasons)


def test_unrelated_pairs_score_low(planted_pairs: list[Pair]) -> None:
    planted = {tuple(sorted(p)) for p in PLANTED}
    unrelated = [p for p in planted_pairs if (p.a, p.b) not in planted]
    assert max(p.score for p in unrelated) < 0.3
    assert min(p.score for p in planted_pairs if (p.a, p.b) in planted) > 0.55
    synthetic = [p for p in unrelated if p.a.startswith("fictional-") and p.b.startswith("fictional-")]
    assert all(p.score < 0.25 for p in synthetic)


def test_pairs_come_highest_first_with_reasons_that_name_what_is_shared(planted_pairs: list[Pair]) -> None:
    scores = [p.score for p in planted_pairs]
    assert scores == sorted(scores, reverse=True)
    assert all(p.a < p.b and 0.0 <= p.score <= 1.0 and p.reasons for p in planted_pairs)
    top = planted_pairs[0]
    assert (top.a, top.b) == ("data-commons-alliance", "open-data-commons")
    assert "share 3 member organisations: FUNDACION DATOS ABIERTOS e.V., The Open Knowledge Demo, Inc., " \
           "Sample Digital Rights (example)" in top.reasons
    assert "both target Pact actions 40 and 41" in top.reasons
    assert "both work on Digital cooperation" in top.reasons
    assert "both address the Global Digital Compact of the Pact" in top.reasons


def test_only_pairs_that_share_text_or_members_are_scored(planted_root: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    report = validate(make_settings(planted_root))
    proposals = [proposal_from_data(e.id, e.data) for e in report.entries if e.data and e.id]
    scored: list[tuple[int, int]] = []
    original = SimilarityIndex.score

    def counting(self: SimilarityIndex, i: int, j: int) -> Pair:
        scored.append((i, j))
        return original(self, i, j)

    monkeypatch.setattr(SimilarityIndex, "score", counting)
    SimilarityIndex(proposals).pairs()
    everyone = len(proposals) * (len(proposals) - 1) // 2
    assert len(proposals) == 220 and len(scored) < everyone / 100, (len(scored), everyone)
    assert len(set(scored)) == len(scored)  # each pair once


def test_texts_made_of_common_words_do_not_look_alike() -> None:
    words = "accountable inclusive reform dialogue network council assembly charter finance climate digital youth"
    proposals = [Proposal(id=f"c{i:03d}", name="x", summary=" ".join(words.split()[i % 5:] + words.split()[:i % 5]))
                 for i in range(60)]
    index = SimilarityIndex(proposals)
    assert index.text_similarity(0, 1) == 0.0
    assert index.pairs() == []


def test_the_cli_prints_json_text_and_markdown(planted_root: Path) -> None:
    done = subprocess.run([IMPACT, "similar", "--root", str(planted_root), "--format", "json", "--top", "4"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert list(document) == ["pairs"]
    assert {tuple(sorted((p["a"], p["b"]))) for p in document["pairs"]} == {tuple(sorted(p)) for p in PLANTED}
    assert [p["score"] for p in document["pairs"]] == sorted((p["score"] for p in document["pairs"]), reverse=True)
    assert all(set(p) == {"a", "b", "score", "reasons"} and p["reasons"] for p in document["pairs"])
    text = subprocess.run([IMPACT, "similar", "--root", str(planted_root), "--top", "1"],
                          capture_output=True, text=True, check=True).stdout
    # The score depends on the word weights of the whole corpus (shipped registry included): take it from the JSON.
    top = document["pairs"][0]
    assert {top["a"], top["b"]} == {"data-commons-alliance", "open-data-commons"}
    assert text.startswith(f"{top['score']:.2f}  {top['a']} ~ {top['b']}\n      similar objectives and summary")
    markdown = subprocess.run([IMPACT, "similar", "--root", str(planted_root), "--format", "markdown", "--top", "2"],
                              capture_output=True, text=True, check=True).stdout
    assert markdown.splitlines()[:2] == ["| Score | Coalition | Coalition | Why |", "|---:|---|---|---|"]
    assert len(markdown.splitlines()) == 4


def test_markdown_output_keeps_entry_text_inert() -> None:
    pair = Pair("a-one", "b-two", 0.5, ("share 1 member organisation: <img src=x> [x](javascript:1) |",))
    row = markdown_pairs([pair]).splitlines()[2]
    assert "<img" not in row and "\\[x\\](javascript:1) \\|" in row
    assert row.count(" | ") == 3


def test_the_cli_leaves_out_files_with_errors_and_says_so(registry_root, example_text: str) -> None:  # type: ignore[no-untyped-def]
    root = registry_root({"example-ocean-futures.yml": example_text, "broken.yml": "id: [unclosed\n"})
    done = subprocess.run([IMPACT, "similar", "--root", str(root)], capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert done.stdout == "No similar coalitions found.\n"
    assert "registry/coalitions/broken.yml" in done.stderr and "Traceback" not in done.stderr


def _similar_warnings(report) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    return {e.id: [p.message for p in e.problems if p.rule == "similar-coalition"] for e in report.entries
            if any(p.rule == "similar-coalition" for p in e.problems)}


def test_the_validator_warns_about_each_planted_pair_when_the_whole_registry_is_checked(planted_root: Path) -> None:
    warned = _similar_warnings(validate(make_settings(planted_root)))
    assert set(warned) == {coalition for pair in PLANTED for coalition in pair}
    for a, b in PLANTED:
        assert len(warned[a]) == 1 and f"the same proposal as '{b}'" in warned[a][0]
        assert f"the same proposal as '{a}'" in warned[b][0]
    assert "share 3 member organisations" in warned["open-data-commons"][0]


def test_a_named_file_is_compared_with_the_rest_of_the_registry(planted_root: Path) -> None:
    settings = make_settings(planted_root)
    coalitions = planted_root / "registry" / "coalitions"
    report = validate(settings, [coalitions / "veto-restraint.yml", coalitions / "fictional-coalition-00007.yml"])
    warned = _similar_warnings(report)
    assert list(warned) == ["veto-restraint"]
    assert "the same proposal as 'security-council-veto' (similarity 0.5" in warned["veto-restraint"][0]
    problem = next(p for e in report.entries for p in e.problems if p.rule == "similar-coalition")
    assert (problem.severity, problem.pointer, problem.line) == ("warning", "/summary", 5)


def test_a_new_file_outside_the_registry_is_compared_too(planted_root: Path, tmp_path: Path) -> None:
    draft = tmp_path / "data-commons-alliance.yml"
    shutil.copy(planted_root / "registry" / "coalitions" / "data-commons-alliance.yml", draft)
    moved = planted_root / "registry" / "coalitions" / "data-commons-alliance.yml"
    kept = moved.read_bytes()
    moved.unlink()
    try:
        warned = _similar_warnings(validate(make_settings(planted_root), [draft]))
    finally:
        moved.write_bytes(kept)
    assert "the same proposal as 'open-data-commons'" in warned["data-commons-alliance"][0]


def test_merged_and_archived_coalitions_are_not_compared(registry_root) -> None:  # type: ignore[no-untyped-def]
    files = {p.name: p.read_text(encoding="utf-8") for p in PLANTED_DIR.glob("*.yml")}
    root = registry_root(files)
    (root / "registry" / "decisions.yml").write_text(
        "decisions:\n"
        "  - {coalition: data-commons-alliance, decision: merged, merged_into: open-data-commons, date: '2026-01-10'}\n"
        "  - {coalition: veto-restraint, decision: archived, date: '2026-01-10'}\n", encoding="utf-8")
    report = validate(make_settings(root))
    assert report.ok
    warned = _similar_warnings(report)
    assert set(warned) == {"climate-debt-relief", "loss-damage-finance", "envoy-for-future-generations",
                           "future-generations-envoy"}
    ids = {(p.a, p.b) for p in registry_pairs(report.entries)}
    assert not any({"data-commons-alliance", "veto-restraint"} & set(pair) for pair in ids)


def test_one_entry_alone_has_no_similar_pair(registry_root) -> None:  # type: ignore[no-untyped-def]
    root = registry_root({"example-ocean-futures.yml": EXAMPLE.read_text(encoding="utf-8")})
    report = validate(make_settings(root))
    assert _similar_warnings(report) == {} and registry_pairs(report.entries) == []


def test_each_planted_file_named_alone_finds_its_pair_in_one_process_and_in_forked_workers(
        planted_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import parallel

    settings = make_settings(planted_root)
    coalitions = planted_root / "registry" / "coalitions"
    others = sorted(coalitions.glob("*.yml"))
    runs = []
    for parallel_from in (10_000, 2):  # the registry's ~220 files: scanned in this process, then in workers
        monkeypatch.setattr(parallel, "PARALLEL_FROM", parallel_from)
        warnings, screens = {}, {}
        for a, b in PLANTED:
            named = coalitions / f"{a}.yml"
            warnings[a] = _similar_warnings(validate(settings, [named])).get(a, [])
            assert any(f"the same proposal as '{b}'" in w for w in warnings[a]), (parallel_from, a)
            proposal = proposal_from_data(a, validate(settings, [named]).entries[0].data or {})
            screens[a] = screen([proposal], [p for p in others if p != named])
        runs.append((warnings, screens))
    assert runs[0] == runs[1]


def test_the_build_leaves_out_only_the_similarity_warnings(planted_root: Path) -> None:
    settings = make_settings(planted_root)
    full, without = validate(settings), validate(settings, similarity=False)
    assert _similar_warnings(full) and not _similar_warnings(without)
    kept = [[p for p in e.problems if p.rule != "similar-coalition"] for e in full.entries]
    assert kept == [list(e.problems) for e in without.entries]
    assert [e.status for e in full.entries] == [e.status for e in without.entries]


def test_markdown_output_mentions_nobody(registry_root, example_text: str) -> None:  # type: ignore[no-untyped-def]
    # Member names are entry text: `impact similar --format markdown` is pasted into issues and comments.
    named = example_text.replace("Fictional Coastal Network (example)", "'@example-org/everyone ＠someone &#64;other'")
    root = registry_root({"example-ocean-futures.yml": named,
                          "ocean-twin.yml": named.replace("id: example-ocean-futures", "id: ocean-twin")})
    done = subprocess.run([IMPACT, "similar", "--root", str(root), "--format", "markdown"], capture_output=True,
                          text=True, check=True)
    row = done.stdout.splitlines()[2]
    assert "`example-ocean-futures`" in row and "`ocean-twin`" in row
    assert "@\u200bexample-org/everyone" in row and "＠\u200bsomeone" in row and "&amp;#64;other" in row
    assert "@e" not in row and "＠s" not in row and "&#64;o" not in row


def test_markdown_ids_are_shown_as_they_are_in_code_spans() -> None:
    pair = Pair("a`b", "c|d", 0.5, ("@team",))
    row = markdown_pairs([pair]).splitlines()[2]
    assert row == "| 0.50 | ``a`b`` | `c\\|d` | @\u200bteam |"
