"""JSON Schema validation, with each violation turned into a message a volunteer can act on."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import sys
from collections.abc import Iterable
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from generator.errors import ImpactError
from generator.problems import Problem, join_pointer, pointer_to_field
from generator.reference import choice_words
from generator.registry.load import Document
from generator.text import fold

# Rule ids for violations the registry names on their own (docs/rules.md); the rest are `schema`.
_REQUIRED_RULES = {"primary_region": "primary-region-required", "commitments": "commitments"}
_PATTERN_HELP = {
    "id": "use lower-case letters, digits and single hyphens, e.g. 'earth-governance' — and name the file the same",
    "country": "use the ISO 3166 two-letter code in capitals, such as KE, BR, IN or DE",
    "maintainers": "write the GitHub user name without '@', e.g. 'example-volunteer'",
    "coalition": "use the coalition's id: lower-case letters, digits and hyphens",
    "merged_into": "use the coalition's id: lower-case letters, digits and hyphens",
    "email": "write one e-mail address, such as coalition@example.org: letters, digits and . _ % + ' - before "
             "the @, a domain name after it",
}
_BIDI_HELP = "it contains invisible characters that change the text's direction (U+202A–U+202E, U+2066–U+2069): " \
    "this text is shown on the site as a name, title or link, where they can make it read differently — " \
    "retype it without them"
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
# What the schemas' `single_line` rule refuses: every character Unicode, YAML 1.1 or a spreadsheet takes for a
# line break. Names for the ones a volunteer cannot see.
LINE_BREAKS = {"\n": "", "\r": "a carriage return, U+000D", "\x0b": "a vertical tab, U+000B",
               "\x0c": "a form feed, U+000C", "\x85": "a next-line character, U+0085",
               "\u2028": "an invisible line separator, U+2028", "\u2029": "an invisible paragraph separator, U+2029"}
FIRST_YEAR, LAST_YEAR = 1900, 2100  # the schemas' date patterns; the calendar and feeds are safe inside them
_TYPE_NAMES = {
    "string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
    "array": "a list (lines starting with '- ')", "object": "a group of fields (indented 'name: value' lines)",
    "null": "nothing",
}


class SchemaValidator:
    """A schema compiled twice: jsonschema-rs answers "valid?" (~100× faster, so the many valid files
    cost little), jsonschema walks an invalid document for positions and messages.

    jsonschema is imported only when a document is invalid: with its format checkers it takes most
    of a second to import, longer than validating a thousand valid files.
    """

    def __init__(self, path: Path, schema: dict[str, Any]) -> None:
        import jsonschema_rs

        self.path = path
        self.schema = schema
        try:
            self.fast = jsonschema_rs.validator_for(schema, validate_formats=True)
        except (ValueError, jsonschema_rs.ValidationError) as exc:
            raise ImpactError(f"the schema {path} is not a valid JSON Schema: {exc}") from exc

    def is_valid(self, data: Any) -> bool:
        return bool(self.fast.is_valid(data))

    @cached_property
    def detailed(self) -> Any:
        # The registry's schemas use no "iri" format; rfc3987-syntax, which jsonschema's format-nongpl
        # extra brings for it, compiles a grammar on import (0.7 s a process). jsonschema skips the
        # format when the module cannot be imported.
        if "jsonschema" not in sys.modules:
            sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
        from jsonschema import Draft202012Validator
        from jsonschema.exceptions import SchemaError

        try:
            Draft202012Validator.check_schema(self.schema)
        except SchemaError as exc:
            raise ImpactError(f"the schema {self.path} is not a valid JSON Schema: {exc.message}") from exc
        return Draft202012Validator(self.schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def load_schema(path: Path) -> SchemaValidator:
    """Read and compile a schema once per process and version of the file (`impact serve` sees edits).

    A broken schema is fatal, not an entry's problem.
    """
    try:
        stat = path.stat()
    except OSError as exc:
        raise ImpactError(f"cannot read the schema {path}: {exc.strerror}") from exc
    return _compiled(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _compiled(path: Path, _mtime_ns: int, _size: int) -> SchemaValidator:
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ImpactError(f"cannot read the schema {path}: {exc}") from exc
    if not isinstance(schema, dict):
        raise ImpactError(f"the schema {path} is not a JSON Schema object")
    return SchemaValidator(path, schema)


def _shown(value: Any) -> str:
    if isinstance(value, str):
        value = " ".join(value.split())  # a line break in a message would split a report line in two
        return f"'{value[:60]}…'" if len(value) > 60 else f"'{value}'"
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return str(value)


def _last_key(pointer: str) -> str:
    parts = [p for p in pointer.split("/")[1:] if not p.isdigit()]
    return parts[-1] if parts else ""


def _suggest(word: str, choices: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


_WORDS = re.compile("[a-z0-9]+")
_CHOICE_FIELDS = {"themes": "theme"}  # the reference tables name a list's items in the singular


def _meant(word: str, values: list[str], field: str) -> list[str]:
    """The values a word written another way may mean: those whose value, label or synonym holds all its words
    ('youth' → 'children-youth', 'Civil society' → 'civil-society'), else the one spelt nearest ('climat')."""
    words = set(_WORDS.findall(fold(word)))
    pairs = [*((value, value) for value in values), *choice_words(_CHOICE_FIELDS.get(field, field))]
    meant = list(dict.fromkeys(value for text, value in pairs
                               if value in values and words and words <= set(_WORDS.findall(fold(text)))))
    texts = {fold(text): value for text, value in pairs if value in values}
    near = difflib.get_close_matches(fold(word), list(texts), n=1, cutoff=0.6)
    return meant[:3] if meant else [texts[near[0]]] if near else []


def _choices(values: Iterable[Any]) -> str:
    values = [str(v) for v in values]
    return ", ".join(values) if len(values) <= 20 else ", ".join(values[:20]) + ", …"


def _problem(document: Document, error: Any, root: dict[str, Any]) -> Iterable[Problem]:
    pointer = "".join(f"/{str(p).replace('~', '~0').replace('/', '~1')}" for p in error.absolute_path)
    field = pointer_to_field(pointer)
    keyword, expected, value = error.validator, error.validator_value, error.instance
    line, column = document.locate(pointer)

    def one(message: str, rule: str = "schema", at: str = pointer, key: bool = False) -> Problem:
        where = document.locate_key(at) if key else document.locate(at)
        return Problem("error", rule, message, document.file, at, where[0], where[1])

    if keyword == "required":
        because = _because(_branch(root, error.schema_path))
        for name in expected:
            if isinstance(value, dict) and name not in value:
                info = _described(root, error.schema_path, name)
                about = f" ({info['description']})" if info.get("description") else ""
                one_of = f" with one of {_choices(info['enum'])}" if info.get("enum") else ""
                where = f"{field}: " if pointer else ""
                rule = _REQUIRED_RULES.get(name, "schema")
                message = f"{where}the field '{name}' is missing{because} — add {name}:{one_of}{about}"
                if pointer == "/commitments":
                    rule = "commitments"
                    message = f"commitments: '{name}' is missing — add {name}: true (the ImPACT Coalitions " \
                        "commit to transparency, accountability and inclusivity)"
                elif name == "commitments":
                    message = "the field 'commitments' is missing — add commitments: with transparency: true, " \
                        "accountability: true and inclusivity: true (the ImPACT Coalitions commit to all three)"
                where_at = document.locate_key(pointer)
                yield Problem("error", rule, message, document.file, join_pointer(pointer, name),
                              where_at[0], where_at[1])
        return
    if keyword in ("additionalProperties", "unevaluatedProperties"):
        allowed = list(error.schema.get("properties", {}))
        for name in value if isinstance(value, dict) else ():
            if name in allowed:
                continue
            hint = _suggest(name, allowed)
            advice = f"did you mean '{hint}'?" if hint else f"the fields allowed here are: {_choices(allowed)}"
            if _last_key(pointer) == "exceptions":
                advice = "only 'regional-diversity' may have an exception (the one criterion the ImPACT text " \
                    "qualifies with 'to the extent possible')"
            yield one(f"{_shown(name)} is not a field {'of ' + field if pointer else 'of a coalition file'} — {advice}",
                      at=join_pointer(pointer, name), key=True)
        return
    if keyword == "not" and isinstance(value, str) and _is_line_break_rule(expected):
        yield one(_line_break_message(field, value), "single-line")
        return
    if keyword in ("format", "pattern") and isinstance(error.schema, dict) and error.schema.get("format") == "date":
        yield one(f"{field}: {date_advice(str(value))}", "invalid-date")
        return
    if _last_key(pointer) == "commitments" or pointer.startswith("/commitments/"):
        yield one(f"{field} must be true — the ImPACT Coalitions commit to transparency, accountability "
                  "and inclusivity; set all three to true", "commitments")
        return
    if keyword == "enum":
        meant = _meant(value, [str(v) for v in expected], _last_key(pointer)) if isinstance(value, str) else []
        advice = f"did you mean {' or '.join(repr(m) for m in meant)}? " if meant else ""
        message = f"{field}: {_shown(value)} is not one of the accepted values — {advice}use one of: " \
            f"{_choices(expected)}"
    elif keyword == "const":
        message = f"{field} must be {_shown(expected)}"
    elif keyword == "type":
        wanted = [str(t) for t in (expected if isinstance(expected, list) else [expected])]
        message = f"{field} should be {' or '.join(_TYPE_NAMES.get(t, t) for t in wanted)}, not {_shown(value)}"
        if "string" in wanted and isinstance(value, bool | int | float):
            message += " — put it in quotes to keep it as text"
    elif keyword == "minLength":
        message = f"{field} is {counted(len(value), 'character')} long; it needs at least {expected} — say a " \
            "little more"
    elif keyword == "maxLength":
        message = f"{field} is {counted(len(value), 'character')} long; it may have at most {expected} — shorten it"
    elif keyword == "minItems":
        message = f"{field} has {counted(len(value), 'item')}; it needs at least {expected}"
    elif keyword == "maxItems":
        message = f"{field} has {counted(len(value), 'item')}; it may have at most {expected}"
    elif keyword == "uniqueItems":
        message = f"{field} lists the same value more than once — remove the repeat"
    elif keyword in ("minimum", "maximum"):
        low = error.schema.get("minimum", "")
        high = error.schema.get("maximum", "")
        message = f"{field}: {_shown(value)} is out of range — use a number from {low} to {high}"
    elif keyword == "pattern":
        key = _last_key(pointer)
        if "https?" in str(expected):
            help_text = "web addresses must start with https:// (or http://)"
        elif isinstance(value, str) and _BIDI.search(value):
            help_text = _BIDI_HELP
        else:
            help_text = _PATTERN_HELP.get(key, f"it must match {expected}")
        message = f"{field}: {_shown(value)} is not accepted — {help_text}"
    elif keyword == "not" and pointer == "/id":
        message = f"id: {_shown(value)} is reserved — coalitions/index/, api/coalitions.json and the badges " \
            "<id>-criteria.svg belong to the site's own pages; choose another id (and name the file after it)"
    elif keyword == "format":
        kind = {"uri": "a complete web address such as https://example.org/page",
                "email": "an e-mail address such as coalition@example.org"}.get(str(expected), str(expected))
        message = f"{field}: {_shown(value)} is not {kind}"
    else:
        message = f"{field}: {error.message}"
    yield Problem("error", "schema", message, document.file, pointer, line, column)


def counted(n: int, word: str) -> str:
    """'1 character', '2 characters': every message agrees in number."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _branch(root: dict[str, Any], schema_path: Iterable[Any]) -> dict[str, Any]:
    """The schema holding the if/then that raised an error at `schema_path`; empty when it is no `then`."""
    path = list(schema_path)
    if "then" not in path:
        return {}
    node: Any = root
    for part in path[:len(path) - 1 - path[::-1].index("then")]:
        node = node[part]
    return node if isinstance(node, dict) else {}


def _described(root: dict[str, Any], schema_path: Iterable[Any], name: str) -> dict[str, Any]:
    """The schema of field `name` nearest to where an error was raised: an if/then branch names a field without
    describing it (`primary_region: true`); the schema around the branch describes it."""
    nodes: list[Any] = [root]
    for part in schema_path:
        if not isinstance(nodes[-1], dict | list):
            break
        nodes.append(nodes[-1][part])
    for node in reversed(nodes):
        found = node.get("properties", {}).get(name) if isinstance(node, dict) else None
        if isinstance(found, dict) and ("description" in found or "enum" in found):
            return found
    return {}


def _because(branch: dict[str, Any]) -> str:
    """Why a field of an if/then branch is required, from the `if`: ', needed because scope is global'. Empty for
    fields required anyway (and for the `else` branch: the usual case, a coalition's own entry)."""
    conditions = [f"{name} is {rule['const'] if isinstance(rule['const'], str) else json.dumps(rule['const'])}"
                  for name, rule in branch.get("if", {}).get("properties", {}).items()
                  if isinstance(rule, dict) and "const" in rule]
    return f", needed because {' and '.join(conditions)}" if conditions else ""


_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")
_MONTHS = {**{name.casefold(): n for n, name in enumerate(_MONTH_NAMES, 1)},
           **{name[:3].casefold(): n for n, name in enumerate(_MONTH_NAMES, 1)}, "sept": 9}
_NUMERIC = re.compile(r"([0-9]{1,4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,4})")
_IN_WORDS = re.compile(r"(?:([0-9]{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?|([a-z]+)\.?\s+([0-9]{1,2})(?:st|nd|rd|th)?),?\s+"
                       r"([0-9]{4})")


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _readings(text: str) -> list[dt.date]:
    """The days a date written another way may mean: 2024-5-10, 10/05/2024 (or 5 October), 10 May 2024."""
    found: list[dt.date | None] = []
    if numeric := _NUMERIC.fullmatch(text):
        first, second, third = (int(part) for part in numeric.groups())
        if len(numeric.group(1)) == 4:
            found.append(_day(first, second, third))
        elif len(numeric.group(3)) == 4:  # day first (most of the world) or month first (the United States)
            found += [_day(third, second, first), _day(third, first, second)]
    elif words := _IN_WORDS.fullmatch(text.casefold()):
        day, month = (words.group(1), words.group(2)) if words.group(1) else (words.group(4), words.group(3))
        if month in _MONTHS:
            found.append(_day(int(words.group(5)), _MONTHS[month], int(day)))
    return list(dict.fromkeys(day for day in found if day is not None))


def date_advice(value: str) -> str:
    """What to say of a date the registry does not take, and how to write it: the registry writes YYYY-MM-DD, and
    a date written another way is shown in that form (both, when it could mean two days)."""
    text = " ".join(value.split())
    iso = re.fullmatch("([0-9]{4})-[0-9]{2}-[0-9]{2}", text)
    if iso and not FIRST_YEAR <= int(iso.group(1)) <= LAST_YEAR:
        return f"{_shown(value)} is outside the years the registry takes ({FIRST_YEAR} to {LAST_YEAR}) — check the year"
    readings = [] if iso else _readings(text)
    if len(readings) == 1:
        return f"{_shown(value)}: write it as {readings[0].isoformat()} — dates are written year-month-day " \
            "(YYYY-MM-DD)"
    if readings:
        meanings = " or ".join(f"{d.day} {_MONTH_NAMES[d.month - 1]} {d.year}" for d in readings)
        forms = " or ".join(d.isoformat() for d in readings)
        return f"{_shown(value)} could be {meanings} — write it as {forms}, whichever is meant: dates are " \
            "written year-month-day (YYYY-MM-DD)"
    if iso:
        return f"{_shown(value)} is not a real calendar date — write dates as YYYY-MM-DD, e.g. 2024-05-10"
    return f"{_shown(value)} is not a date the registry can read — write dates as YYYY-MM-DD, e.g. 2024-05-10"


def _is_line_break_rule(expected: Any) -> bool:
    """The schemas' `single_line` rule: `not` a pattern that finds a line break."""
    return isinstance(expected, dict) and set(expected) - {"type"} == {"pattern"} and \
        all(re.search(str(expected["pattern"]), c) for c in LINE_BREAKS)


def _line_break_message(field: str, value: str) -> str:
    found = next((c for c in value if c in LINE_BREAKS), "\n")
    what = f" ({LINE_BREAKS[found]})" if LINE_BREAKS[found] else ""
    text = value.rstrip("".join(LINE_BREAKS))
    if text and not any(c in LINE_BREAKS for c in text):  # only at the end: the usual '|' or '>' block
        return f"{field} must be on one line: remove the line break at its end{what} — in quotes, delete the " \
            "\\n; a block started with '|' or '>' keeps one: write '|-' or '>-' instead, or put the text on the " \
            "same line as the field name"
    return f"{field} must be on one line: remove the line break{what} from {_shown(value)} — names, titles, " \
        "codes, addresses and dates are shown, exported and put into calendars as one line"


MAX_PROBLEMS_PER_FILE = 100  # a file of 20,000 stray keys gets a readable report, quickly


def schema_problems(document: Document, validator: SchemaValidator) -> list[Problem]:
    """jsonschema-rs decides; jsonschema explains. If it cannot explain a refusal, the file is still refused."""
    if validator.is_valid(document.data):
        return []
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    one_line: set[str] = set()  # pointers with a line break: that message alone, the rest follows from it
    for error in validator.detailed.iter_errors(document.data):
        for problem in _problem(document, error, validator.schema):
            if problem.rule == "single-line":
                one_line.add(problem.pointer)
                problems = [p for p in problems if p.pointer != problem.pointer]
            elif problem.pointer in one_line:
                continue
            if (problem.pointer, problem.rule) not in seen:  # e.g. a date's pattern and format
                seen.add((problem.pointer, problem.rule))
                problems.append(problem)
            if len(problems) >= MAX_PROBLEMS_PER_FILE:
                problems.append(Problem("error", "schema", f"more problems follow — the first {MAX_PROBLEMS_PER_FILE} "
                                        "are shown: fix them and validate again", document.file))
                return problems
    if not problems:  # fail closed: the fast engine's "invalid" stands even when the other finds nothing
        problems.append(Problem(
            "error", "schema", "the registry's two schema checkers disagree about this file: one refuses it, the "
            "other cannot say why — this is a fault in the registry's tools, not necessarily in your file: ask the "
            "maintainers (open an issue naming this file) before changing it", document.file))
    return problems
