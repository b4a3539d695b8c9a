"""JSON Schema validation, with each violation turned into a message a volunteer can act on."""

from __future__ import annotations

import difflib
import json
import re
import sys
from collections.abc import Iterable
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from generator.errors import ImpactError
from generator.i18n.catalogs import N_, _, ngettext
from generator.problems import Problem, join_pointer, pointer_to_field
from generator.reference import choice_words
from generator.registry.dates import date_advice, quoted
from generator.registry.load import Document
from generator.text import fold

# Rule ids for violations the registry names on their own (docs/rules.md); the rest are `schema`.
_REQUIRED_RULES = {"primary_region": "primary-region-required", "commitments": "commitments"}
# Module-level texts are marked with N_ for the catalogs and translated with _() where a message is written.
_PATTERN_HELP = {
    "id": N_("use lower-case letters, digits and single hyphens, e.g. 'earth-governance' — and name the file the "
             "same"),
    "country": N_("use the ISO 3166 two-letter code in capitals, such as KE, BR, IN or DE"),
    "maintainers": N_("write the GitHub user name without '@', e.g. 'example-volunteer'"),
    "coalition": N_("use the coalition's id: lower-case letters, digits and hyphens"),
    "merged_into": N_("use the coalition's id: lower-case letters, digits and hyphens"),
    "language": N_("write the language's code, such as 'en', 'fr', 'sw' or 'pt-BR' (a BCP 47 tag: the language in "
                   "lower case, then optional parts after hyphens)"),
    "email": N_("write one e-mail address, such as coalition@example.org: letters, digits and . _ % + ' - before "
                "the @, a domain name after it"),
}
_BIDI_HELP = N_("it contains invisible characters that change the text's direction (U+202A–U+202E, U+2066–U+2069): "
                "this text is shown on the site as a name, title or link, where they can make it read differently — "
                "retype it without them")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
# What the schemas' `single_line` rule refuses: every character Unicode, YAML 1.1 or a spreadsheet takes for a
# line break. Names for the ones a volunteer cannot see.
LINE_BREAKS = {"\n": "", "\r": N_("a carriage return, U+000D"), "\x0b": N_("a vertical tab, U+000B"),
               "\x0c": N_("a form feed, U+000C"), "\x85": N_("a next-line character, U+0085"),
               "\u2028": N_("an invisible line separator, U+2028"),
               "\u2029": N_("an invisible paragraph separator, U+2029")}
_TYPE_NAMES = {
    "string": N_("text"), "integer": N_("a whole number"), "number": N_("a number"), "boolean": N_("true or false"),
    "array": N_("a list (lines starting with '- ')"), "object": N_("a group of fields (indented 'name: value' lines)"),
    "null": N_("nothing"),
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
            raise ImpactError(_("the schema {path} is not a valid JSON Schema: {reason}").format(
                path=path, reason=exc)) from exc

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
            raise ImpactError(_("the schema {path} is not a valid JSON Schema: {reason}").format(
                path=self.path, reason=exc.message)) from exc
        return Draft202012Validator(self.schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def load_schema(path: Path) -> SchemaValidator:
    """Read and compile a schema once per process and version of the file (`impact serve` sees edits).

    A broken schema is fatal, not an entry's problem.
    """
    try:
        stat = path.stat()
    except OSError as exc:
        raise ImpactError(_("cannot read the schema {path}: {reason}").format(path=path, reason=exc.strerror)) from exc
    return _compiled(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _compiled(path: Path, _mtime_ns: int, _size: int) -> SchemaValidator:
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ImpactError(_("cannot read the schema {path}: {reason}").format(path=path, reason=exc)) from exc
    if not isinstance(schema, dict):
        raise ImpactError(_("the schema {path} is not a JSON Schema object").format(path=path))
    return SchemaValidator(path, schema)


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return quoted(value)
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return _("nothing (an empty value)")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a group of fields")
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
                about = f" ({info['description']})" if info.get("description") else ""  # the schema's own words
                one_of = _(" with one of {values}").format(values=_choices(info["enum"])) if info.get("enum") else ""
                where = f"{field}: " if pointer else ""
                rule = _REQUIRED_RULES.get(name, "schema")
                message = where + _("the field '{name}' is missing{because} — add {name}:{one_of}{about}").format(
                    name=name, because=because, one_of=one_of, about=about)
                if pointer == "/commitments":
                    rule = "commitments"
                    message = _("{field}: '{name}' is missing — add {name}: true (the ImPACT Coalitions commit to "
                                "transparency, accountability and inclusivity)").format(field="commitments", name=name)
                elif name == "commitments":
                    message = _("the field '{name}' is missing — add {name}: with transparency: true, "
                                "accountability: true and inclusivity: true (the ImPACT Coalitions commit to all "
                                "three)").format(name="commitments")
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
            advice = _("did you mean '{suggestion}'?").format(suggestion=hint) if hint else \
                _("the fields allowed here are: {fields}").format(fields=_choices(allowed))
            if _last_key(pointer) == "exceptions":
                advice = _("only '{criterion}' may have an exception (the one criterion the ImPACT text "
                           "qualifies with 'to the extent possible')").format(criterion="regional-diversity")
            message = _("{name} is not a field of {field} — {advice}") if pointer else \
                _("{name} is not a field of a coalition file — {advice}")
            yield one(message.format(name=_shown(name), field=field, advice=advice),
                      at=join_pointer(pointer, name), key=True)
        return
    if keyword == "not" and isinstance(value, str) and _is_line_break_rule(expected):
        yield one(_line_break_message(field, value), "single-line")
        return
    if keyword in ("format", "pattern") and isinstance(error.schema, dict) and error.schema.get("format") == "date":
        yield one(f"{field}: {date_advice(str(value))}", "invalid-date")
        return
    if _last_key(pointer) == "commitments" or pointer.startswith("/commitments/"):
        yield one(_("{field} must be true — the ImPACT Coalitions commit to transparency, accountability "
                    "and inclusivity; set all three to true").format(field=field), "commitments")
        return
    if keyword == "enum":
        meant = _meant(value, [str(v) for v in expected], _last_key(pointer)) if isinstance(value, str) else []
        if meant:
            message = _("{field}: {value} is not one of the accepted values — did you mean {meant}? use one of: "
                        "{choices}").format(field=field, value=_shown(value), choices=_choices(expected),
                                            meant=_(" or ").join(repr(m) for m in meant))
        else:
            message = _("{field}: {value} is not one of the accepted values — use one of: {choices}").format(
                field=field, value=_shown(value), choices=_choices(expected))
    elif keyword == "const":
        message = _("{field} must be {value}").format(field=field, value=_shown(expected))
    elif keyword == "type":
        wanted = [str(t) for t in (expected if isinstance(expected, list) else [expected])]
        kinds = _(" or ").join(_(_TYPE_NAMES[t]) if t in _TYPE_NAMES else t for t in wanted)
        if "string" in wanted and isinstance(value, bool | int | float):
            message = _("{field} should be {kinds}, not {value} — put it in quotes to keep it as text")
        else:
            message = _("{field} should be {kinds}, not {value}")
        message = message.format(field=field, kinds=kinds, value=_shown(value))
    elif keyword == "minLength":
        message = ngettext("{field} is {count} character long; it needs at least {minimum} — say a little more",
                           "{field} is {count} characters long; it needs at least {minimum} — say a little more",
                           len(value)).format(field=field, count=len(value), minimum=expected)
    elif keyword == "maxLength":
        message = ngettext("{field} is {count} character long; it may have at most {maximum} — shorten it",
                           "{field} is {count} characters long; it may have at most {maximum} — shorten it",
                           len(value)).format(field=field, count=len(value), maximum=expected)
    elif keyword == "minItems":
        message = ngettext("{field} has {count} item; it needs at least {minimum}",
                           "{field} has {count} items; it needs at least {minimum}",
                           len(value)).format(field=field, count=len(value), minimum=expected)
    elif keyword == "maxItems":
        message = ngettext("{field} has {count} item; it may have at most {maximum}",
                           "{field} has {count} items; it may have at most {maximum}",
                           len(value)).format(field=field, count=len(value), maximum=expected)
    elif keyword == "uniqueItems":
        message = _("{field} lists the same value more than once — remove the repeat").format(field=field)
    elif keyword in ("minimum", "maximum"):
        low = error.schema.get("minimum", "")
        high = error.schema.get("maximum", "")
        message = _("{field}: {value} is out of range — use a number from {low} to {high}").format(
            field=field, value=_shown(value), low=low, high=high)
    elif keyword == "pattern":
        key = _last_key(pointer)
        if "https?" in str(expected):
            help_text = _("web addresses must start with https:// (or http://)")
        elif isinstance(value, str) and _BIDI.search(value):
            help_text = _(_BIDI_HELP)
        elif key in _PATTERN_HELP:
            help_text = _(_PATTERN_HELP[key])
        else:
            help_text = _("it must match {pattern}").format(pattern=expected)
        message = _("{field}: {value} is not accepted — {advice}").format(field=field, value=_shown(value),
                                                                          advice=help_text)
    elif keyword == "not" and pointer == "/id":
        message = _("{field}: {value} is reserved — {index}, {api} and the badges {badges} belong to the site's own "
                    "pages; choose another id (and name the file after it)").format(
            field="id", value=_shown(value), index="coalitions/index/", api="api/coalitions.json",
            badges="<id>-criteria.svg")
    elif keyword == "format":
        formats = {"uri": N_("a complete web address such as https://example.org/page"),
                   "email": N_("an e-mail address such as coalition@example.org")}
        kind = _(formats[str(expected)]) if str(expected) in formats else str(expected)
        message = _("{field}: {value} is not {kind}").format(field=field, value=_shown(value), kind=kind)
    else:
        message = f"{field}: {error.message}"  # jsonschema's own words: a keyword the schemas do not use yet
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
    conditions = [_("{field} is {value}").format(
        field=name, value=rule["const"] if isinstance(rule["const"], str) else json.dumps(rule["const"]))
        for name, rule in branch.get("if", {}).get("properties", {}).items()
        if isinstance(rule, dict) and "const" in rule]
    return _(", needed because {conditions}").format(conditions=_(" and ").join(conditions)) if conditions else ""


def _is_line_break_rule(expected: Any) -> bool:
    """The schemas' `single_line` rule: `not` a pattern that finds a line break."""
    return isinstance(expected, dict) and set(expected) - {"type"} == {"pattern"} and \
        all(re.search(str(expected["pattern"]), c) for c in LINE_BREAKS)


def _line_break_message(field: str, value: str) -> str:
    found = next((c for c in value if c in LINE_BREAKS), "\n")
    what = f" ({_(LINE_BREAKS[found])})" if LINE_BREAKS[found] else ""  # _("") would be the catalog's header
    text = value.rstrip("".join(LINE_BREAKS))
    if text and not any(c in LINE_BREAKS for c in text):  # only at the end: the usual '|' or '>' block
        return _("{field} must be on one line: remove the line break at its end{what} — in quotes, delete the "
                 "\\n; a block started with '|' or '>' keeps one: write '|-' or '>-' instead, or put the text on "
                 "the same line as the field name").format(field=field, what=what)
    return _("{field} must be on one line: remove the line break{what} from {value} — names, titles, codes, "
             "addresses and dates are shown, exported and put into calendars as one line").format(
        field=field, what=what, value=_shown(value))


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
                problems.append(Problem("error", "schema", _(
                    "more problems follow — the first {count} are shown: fix them and validate again").format(
                    count=MAX_PROBLEMS_PER_FILE), document.file))
                return problems
    if not problems:  # fail closed: the fast engine's "invalid" stands even when the other finds nothing
        problems.append(Problem(
            "error", "schema", _("the registry's two schema checkers disagree about this file: one refuses it, the "
                                 "other cannot say why — this is a fault in the registry's tools, not necessarily in "
                                 "your file: ask the maintainers (open an issue naming this file) before changing it"),
            document.file))
    return problems
