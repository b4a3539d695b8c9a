"""The loader on its own: what it accepts, what it refuses, and where it says the problem is."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.registry.load import MAX_BYTES, MAX_DEPTH, load_bytes, load_file, load_text


def problems(text: str) -> list[tuple[str, int, int]]:
    return [(p.rule, p.line, p.column) for p in load_text(text, "f.yml").problems]


def data(text: str) -> object:
    result = load_text(text, "f.yml")
    assert result.document is not None, result.problems
    return result.document.data


def billion_laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels + 1):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def test_the_alias_bomb_is_refused_as_yaml_alias() -> None:
    result = load_text(billion_laughs(), "bomb.yml")
    assert result.document is None
    assert [(p.rule, p.line, p.column, p.pointer) for p in result.problems] == [("yaml-alias", 1, 5, "/a0")]
    assert "write the value out in full" in result.problems[0].message


def test_an_alias_without_an_anchor_is_refused_too() -> None:
    assert problems("name: *somewhere\n") == [("yaml-alias", 1, 7)]


def test_yaml_1_2_core_schema_keeps_norway_and_dates_as_text() -> None:
    assert data("a: NO\nb: yes\nc: on\nd: 2024-05-10\ne: 0o17\nf: 0x1F\ng: 1.5\nh: ~\ni: True\nj: .inf\nk: 012\n") == {
        "a": "NO", "b": "yes", "c": "on", "d": "2024-05-10", "e": 15, "f": 31, "g": 1.5, "h": None, "i": True,
        "j": float("inf"), "k": 12}
    assert data("a: '1'\nb: \"true\"\nc: " + "9" * 40 + "\n") == {"a": "1", "b": "true", "c": "9" * 40}


def test_positions_are_those_of_values_and_keys() -> None:
    result = load_text("# comment\nid: example\nmembers:\n  - name: Example\n    country: KE\n", "f.yml")
    assert result.document is not None
    assert result.document.locate("/members/0/country") == (5, 14)
    assert result.document.locate_key("/members/0/country") == (5, 5)
    assert result.document.locate("/members/0/missing") == (4, 5)  # the nearest enclosing value


@pytest.mark.parametrize(("depth", "refused"), [(MAX_DEPTH, False), (MAX_DEPTH + 1, True)])
def test_nesting_is_limited_to_twenty_levels(depth: int, refused: bool) -> None:
    text = "a: " + "[" * (depth - 1) + "]" * (depth - 1) + "\n"  # the root mapping is the first level
    rules = [rule for rule, _, _ in problems(text)]
    assert rules == (["too-large"] if refused else [])


def test_a_file_of_exactly_the_limit_loads_and_one_byte_more_is_too_large() -> None:
    filler = b"a: '" + b"x" * (MAX_BYTES - 6) + b"'\n"
    assert len(filler) == MAX_BYTES
    assert load_bytes(filler, "f.yml").document is not None
    over = load_bytes(filler + b"\n", "f.yml")
    assert [(p.rule, p.message.split(";")[0]) for p in over.problems] == [("too-large", "the file is 257 KiB")]


def test_load_file_reports_the_real_size_of_a_large_file(tmp_path: Path) -> None:
    path = tmp_path / "big.yml"
    path.write_bytes(b"# " + b"x" * (3 * MAX_BYTES) + b"\n")
    (problem,) = load_file(path, "big.yml").problems
    assert problem.rule == "too-large" and problem.message.startswith("the file is 769 KiB; ")


def test_invalid_utf8_is_located() -> None:
    (problem,) = load_bytes("name: Café\nsummary: ok\n".encode("cp1252"), "f.yml").problems
    assert (problem.rule, problem.line, problem.column) == ("encoding", 1, 10)
    assert "byte 0xe9 is not valid UTF-8 — save the file as UTF-8" in problem.message


def test_a_byte_order_mark_is_accepted() -> None:
    assert load_bytes(b"\xef\xbb\xbfid: example\n", "f.yml").document is not None


def test_a_lone_surrogate_is_an_encoding_problem_not_a_crash() -> None:
    assert problems("id: example\nname: a\ud800b\n") == [("encoding", 2, 8)]


@pytest.mark.parametrize(("text", "where"), [("id: x\nname: a\x07b\n", (2, 8)), ("é: b\nc: \x00\n", (2, 4)),
                                             ("name: 😀\x1b\n", (1, 8))])
def test_control_characters_are_located_by_character_not_byte(text: str, where: tuple[int, int]) -> None:
    (problem,) = load_text(text, "f.yml").problems
    assert (problem.rule, problem.line, problem.column) == ("yaml-syntax", *where)
    assert f"line {where[0]}, column {where[1]}" in problem.message and "control character" in problem.message


def test_escaped_control_characters_are_refused_but_tabs_and_newlines_are_fine() -> None:
    assert problems('name: "bell\\a"\n') == [("yaml-syntax", 1, 7)]
    assert data('name: "tab\\there\\nnext"\n') == {"name": "tab\there\nnext"}


def test_tags_are_reported_as_written_and_every_one_of_them() -> None:
    result = load_text("a: !!str x\nb: !local y\n", "f.yml")
    assert [(p.rule, p.line, p.column) for p in result.problems] == [("yaml-tag", 1, 4), ("yaml-tag", 2, 4)]
    assert "(!!str)" in result.problems[0].message and "(!local)" in result.problems[1].message


def test_duplicate_keys_in_nested_mappings_name_the_first_line() -> None:
    result = load_text("members:\n  - name: A\n    country: KE\n    name: B\n", "f.yml")
    assert [(p.rule, p.line, p.column, p.pointer) for p in result.problems] == [
        ("duplicate-key", 4, 5, "/members/0/name")]
    assert "first on line 2" in result.problems[0].message


def test_keys_must_be_text() -> None:
    assert problems("1: one\nnull: nothing\n") == [("yaml-syntax", 1, 1), ("yaml-syntax", 2, 1)]
    assert problems("? [a, b]\n: c\n") == [("yaml-syntax", 1, 3)]


def test_one_document_per_file() -> None:
    assert problems("id: a\n---\nid: b\n") == [("yaml-syntax", 2, 1)]
    assert data("---\nid: a\n...\n") == {"id": "a"}


def test_an_unclosed_list_names_the_line_where_it_opened() -> None:
    (problem,) = load_text("themes: [health,\nobjectives:\n  - x\n", "f.yml").problems
    assert problem.rule == "yaml-syntax"
    assert "the '[' on line 1 is never closed: end it with ']' on that line" in problem.message


@pytest.mark.parametrize(("text", "found"), [("", "nothing"), ("# only a comment\n", "nothing"),
                                             ("- a\n- b\n", "a list"), ("just text\n", "a single value")])
def test_not_a_mapping_says_what_the_file_holds(text: str, found: str) -> None:
    (problem,) = load_text(text, "f.yml").problems
    assert problem.rule == "not-a-mapping" and problem.message.startswith(f"the file holds {found};")


@pytest.mark.parametrize("text", [
    'description: "Plan.\\r=HYPERLINK(1)"\n',  # an escaped carriage return: a new line in a spreadsheet (issue #12)
    'description: "Plan.\\u2028Budget."\n', 'description: "Plan.\\LBudget."\n', 'description: "Plan.\\PBudget."\n',
    "description: 'Plan.\u2028Budget.'\n", 'description: "Plan.\u2029Budget."\n', '"key\\r": 1\n',
])
def test_carriage_returns_and_unicode_line_separators_are_refused_in_every_text(text: str) -> None:
    result = load_text(text, "f.yml")
    assert result.document is None
    assert [(p.rule, p.line) for p in result.problems] == [("yaml-syntax", 1)]
    assert "delete it" in result.problems[0].message and "U+" in result.problems[0].message



def test_a_carriage_return_is_refused_only_where_it_is_not_a_line_ending() -> None:
    assert problems('name: "x\\r"\n') == [("yaml-syntax", 1, 7)]
    # Windows and old Mac files: the parser turns every real line ending into "\n" before we look.
    assert data("description: |\r\n  Plan.\r\n  Budget.\r\nname: x\r\n") == {"description": "Plan.\nBudget.\n",
                                                                             "name": "x"}
