"""Load one registry YAML file into plain data plus the position of every value.

The loader walks the event stream of ruamel.yaml's C parser (libyaml) itself instead of letting a
constructor build objects, so it can refuse what the registry does not accept — anchors and aliases,
tags, duplicate or non-text keys, deep nesting — at the event where it appears, before anything is
expanded, and record each value's (line, column) under its JSON Pointer in the same pass.

Plain scalars are resolved with the YAML 1.2 core schema: `NO` stays the text "NO" (Norway) and
`2024-05-10` stays a string, checked later as a calendar date.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.cyaml import CBaseLoader  # libyaml's event parser (ruamel.yaml.clib), nothing constructed
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from ruamel.yaml.reader import ReaderError

from generator.i18n.catalogs import N_, _
from generator.problems import Problem, join_pointer
from generator.text import CONTROL

MAX_BYTES = 256 * 1024
MAX_DEPTH = 20
Position = tuple[int, int]

_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
# The parser turns every real line ending into "\n"; a carriage return or a Unicode line/paragraph separator can
# only arrive escaped or pasted inside quotes. No text needs one, and spreadsheets, calendars and JavaScript read
# them as line breaks that the rest of the text does not expect (issue #12: a bare CR started a CSV formula line).
_ODD_BREAK = re.compile("[\r\u2028\u2029]")
_BREAK_NAMES = {"\r": N_("a carriage return, U+000D"), "\u2028": N_("an invisible line separator, U+2028"),
                "\u2029": N_("an invisible paragraph separator, U+2029")}
_LONGEST_NUMBER = 30  # longer digit runs stay text: int() of a huge literal is slow and pointless here


def resolve_plain(text: str) -> Any:
    """Value of an unquoted scalar under the YAML 1.2 core schema (no dates, no yes/no booleans)."""
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if len(text) <= _LONGEST_NUMBER:
        if _INT.fullmatch(text):
            return int(text)
        if text.startswith("0x") and re.fullmatch(r"0x[0-9a-fA-F]+", text):
            return int(text, 16)
        if text.startswith("0o") and re.fullmatch(r"0o[0-7]+", text):
            return int(text[2:], 8)
        if _FLOAT.fullmatch(text):
            return float(text)
    if text in {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"}:
        return float("inf")
    if text in {"-.inf", "-.Inf", "-.INF"}:
        return float("-inf")
    if text in {".nan", ".NaN", ".NAN"}:
        return float("nan")
    return text


@dataclass(frozen=True)
class Document:
    """One loaded file: its data, and where each value (and each mapping key) sits in the text."""

    file: str
    data: Any
    positions: Mapping[str, Position] = field(repr=False)
    key_positions: Mapping[str, Position] = field(repr=False)

    def locate(self, pointer: str) -> Position:
        """Position of the value at `pointer`, or of the nearest enclosing value that exists."""
        while True:
            if pointer in self.positions:
                return self.positions[pointer]
            if not pointer:
                return (1, 1)
            pointer = pointer.rsplit("/", 1)[0]

    def locate_key(self, pointer: str) -> Position:
        """Position of the key that holds `pointer` (for problems about the field itself)."""
        return self.key_positions.get(pointer) or self.locate(pointer)


@dataclass(frozen=True)
class LoadResult:
    document: Document | None
    problems: tuple[Problem, ...]


class _Refused(Exception):
    """Stops the walk at the first thing that must not be expanded or cannot be read further."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _position(event: Any) -> Position:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1)


def _describe(value: Any) -> str:
    if value is None:
        return _("an empty value")
    if isinstance(value, bool):
        return _("the value {value}").format(value=str(value).lower())
    return _("the number {value}").format(value=value)


class _Composer:
    """Builds lists/dicts from parser events, keeping positions and refusing what we do not accept."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.positions: dict[str, Position] = {}
        self.key_positions: dict[str, Position] = {}
        self.problems: list[Problem] = []
        self.open_flow: list[tuple[str, Position]] = []  # '[' / '{' not closed yet, for syntax messages

    def error(self, rule: str, message: str, pointer: str, position: Position) -> Problem:
        return Problem("error", rule, message, self.file, pointer, position[0], position[1])

    def check_node(self, event: Any, pointer: str) -> None:
        position = _position(event)
        if event.anchor is not None:
            raise _Refused(self.error(
                "yaml-alias", _("anchors (&{anchor}) are not accepted in registry files — "
                                "write the value out in full instead of reusing it").format(anchor=event.anchor),
                pointer, position))
        if event.tag is not None:
            tag = str(event.tag).replace("tag:yaml.org,2002:", "!!")  # as the file wrote it
            self.problems.append(self.error(
                "yaml-tag", _("YAML tags ({tag}) are not accepted in registry files — remove the tag "
                              "and write the value as plain text, a number, true/false, a list or a mapping"
                              ).format(tag=tag), pointer, position))

    def check_escapes(self, event: Any, pointer: str) -> None:
        # libyaml refuses raw control characters but decodes escaped ones ("\\x00") in double quotes;
        # they have no place in registry text and break XML, CSV and iCalendar outputs.
        if event.style == '"':
            found = CONTROL.search(event.value)
            if found:
                self.problems.append(self.error(
                    "yaml-syntax", _("this text holds an escaped control character ({code}) — remove the "
                                     "backslash escape; write line breaks as real new lines"
                                     ).format(code=f"U+{ord(found.group()):04X}"), pointer, _position(event)))
                return
        found = _ODD_BREAK.search(event.value)
        if found:
            self.problems.append(self.error(
                "yaml-syntax", _("this text holds {what} — delete it (with its backslash escape, if it has one); "
                                 "write line breaks as real new lines, in a block started with '|'"
                                 ).format(what=_(_BREAK_NAMES[found.group()])), pointer, _position(event)))

    def compose(self, parser: Any) -> Any:
        # Each frame: [container, pointer, pending_key, flow]; pending_key is None while a mapping waits for a key.
        stack: list[list[Any]] = []
        root: Any = None
        documents = 0
        while True:
            event = parser.get_event()
            kind = type(event)
            if kind is ScalarEvent:
                if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is None:
                    self.take_key(event, stack[-1])
                    continue
                pointer = self.child_pointer(stack)
                self.check_node(event, pointer)
                self.check_escapes(event, pointer)
                value = resolve_plain(event.value) if event.style in (None, "") and event.implicit[0] \
                    else event.value
                self.positions[pointer] = _position(event)
                if not stack:
                    root = value
                else:
                    self.attach(stack, value)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is None:
                    raise _Refused(self.error(
                        "yaml-syntax", _("a key must be plain text, not a list or a mapping — check the "
                                         "indentation and the '?' on this line"), stack[-1][1], _position(event)))
                pointer = self.child_pointer(stack)
                self.check_node(event, pointer)
                if len(stack) >= MAX_DEPTH:
                    raise _Refused(self.error(
                        "too-large", _("the file nests more than {depth} levels deep — registry files "
                                       "need only a few levels; check the indentation").format(depth=MAX_DEPTH),
                        pointer, _position(event)))
                container: Any = {} if kind is MappingStartEvent else []
                self.positions[pointer] = _position(event)
                if not stack:
                    root = container
                else:
                    self.attach(stack, container)
                stack.append([container, pointer, None, bool(event.flow_style)])
                if event.flow_style:
                    self.open_flow.append(("{" if kind is MappingStartEvent else "[", _position(event)))
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                if stack.pop()[3]:
                    self.open_flow.pop()
            elif kind is AliasEvent:
                raise _Refused(self.error(
                    "yaml-alias", _("aliases (*{anchor}) are not accepted in registry files — write "
                                    "the value out in full").format(anchor=event.anchor),
                    self.child_pointer(stack), _position(event)))
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Refused(self.error(
                        "yaml-syntax", _("a registry file holds one document; remove the second '---' "
                                         "and what follows it, or move it to its own file"), "", _position(event)))
            elif kind is StreamEndEvent or event is None:
                return root

    @staticmethod
    def child_pointer(stack: list[list[Any]]) -> str:
        if not stack:
            return ""
        container, pointer, pending_key = stack[-1][:3]
        if isinstance(container, dict):
            return join_pointer(pointer, pending_key)
        return join_pointer(pointer, len(container))

    def take_key(self, event: Any, frame: list[Any]) -> None:
        container, pointer = frame[0], frame[1]
        position = _position(event)
        if event.anchor is not None or event.tag is not None:
            self.check_node(event, pointer)
        self.check_escapes(event, pointer)
        key: Any = event.value
        if event.style in (None, "") and event.implicit[0]:
            key = resolve_plain(key)
        if not isinstance(key, str):
            self.problems.append(self.error(
                "yaml-syntax", _("field names must be text, but this key is {what} — put it in "
                                 "quotes or use the field name from the schema").format(what=_describe(key)),
                pointer, position))
            key = str(key)
        if key in container:
            first = self.key_positions.get(join_pointer(pointer, key), (0, 0))
            self.problems.append(self.error(
                "duplicate-key", _("'{key}' appears twice in the same mapping (first on line {line}) — "
                                   "keep one and merge what the two say").format(key=key, line=first[0]),
                join_pointer(pointer, key), position))
            key = _Duplicate(key)
        frame[2] = key
        self.key_positions[join_pointer(pointer, key)] = position

    @staticmethod
    def attach(stack: list[list[Any]], value: Any) -> None:
        frame = stack[-1]
        container = frame[0]
        if isinstance(container, dict):
            if not isinstance(frame[2], _Duplicate):
                container[frame[2]] = value
            frame[2] = None
        else:
            container.append(value)


class _Duplicate(str):
    """A repeated key: its value is read (to keep the walk in step) but not stored."""


def _syntax_problem(exc: YAMLError, file: str, text: str,
                    open_flow: list[tuple[str, Position]] | None = None) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    lines = text.splitlines()
    at = lines[line - 1][column - 1:column] if line <= len(lines) else ""
    what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    hint = _("check the indentation (spaces, not tabs) and put text containing ': ' or starting with "
             "a special character (such as * & ! % @ `) in quotes")
    if at == "\t" or "tab" in str(what):
        hint = _("indent with spaces, not tabs")
    unclosed = [(bracket, start) for bracket, start in open_flow or () if start[0] < line]
    if unclosed:  # the usual cause: a '[' or '{' left open on an earlier line
        bracket, start = unclosed[0]
        closing = "]" if bracket == "[" else "}"
        hint = _("the '{bracket}' on line {line} is never closed: end it with '{closing}' on that line, or write "
                 "the list as lines starting with '- '") if bracket == "[" else \
            _("the '{bracket}' on line {line} is never closed: end it with '{closing}' on that line")
        hint = hint.format(bracket=bracket, line=start[0], closing=closing)
    started = getattr(exc, "context_mark", None)
    if context and started is not None and started.line + 1 != line:
        # libyaml's own words (what and context) stay as it wrote them: no catalog has them
        context = _("{context} that starts on line {line}").format(context=context, line=started.line + 1)
    detail = f"{what} ({context})" if context else str(what)
    return Problem("error", "yaml-syntax", _("the YAML cannot be read here: {detail} — {hint}").format(
        detail=detail, hint=hint), file, "", line, column)


def _line_column(text: str, index: int) -> Position:
    """1-based (line, column) of the character at `index`."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _character_problem(exc: ReaderError, file: str, text: str) -> Problem:
    """libyaml refuses control characters; its position is a byte offset into the UTF-8 text."""
    try:
        index = len(text.encode("utf-8")[:exc.position].decode("utf-8", errors="ignore"))
    except (TypeError, ValueError):
        index = 0
    line, column = _line_column(text, index)
    character = f"U+{exc.character:04X}" if isinstance(exc.character, int) else _("a character")
    return Problem("error", "yaml-syntax", _(
        "the file contains an invisible control character ({character}) on line {line}, column {column} — delete "
        "it (it often comes with text copied from a PDF or a word processor) and type the text again"
    ).format(character=character, line=line, column=column), file, "", line, column)


def load_bytes(raw: bytes, file: str, *, size: int | None = None) -> LoadResult:
    """Parse one file's bytes. Never raises for bad input: problems come back instead.

    `size` is the file's real size when `raw` was cut short (see `load_file`).
    """
    size = max(size or 0, len(raw))
    if size > MAX_BYTES:
        return LoadResult(None, (Problem(
            "error", "too-large", _("the file is {size} KiB; a coalition file may be at most {limit} KiB — "
                                    "shorten long texts or link to documents instead").format(
                size=-(-size // 1024), limit=MAX_BYTES // 1024), file),))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return LoadResult(None, (Problem(
            "error", "encoding", _("byte {byte} is not valid UTF-8 — save the file as UTF-8 (most editors "
                                   "offer it under 'Save as' or 'Encoding')").format(byte=f"0x{raw[exc.start]:02x}"),
            file, "", line, column),))
    return load_text(text.removeprefix("\ufeff"), file)


def load_text(text: str, file: str) -> LoadResult:
    """Parse one file's text. Never raises for bad input: problems come back instead."""
    composer = _Composer(file)
    try:
        data = composer.compose(CBaseLoader(text))
    except _Refused as refused:
        return LoadResult(None, (*composer.problems, refused.problem))
    except ReaderError as exc:
        return LoadResult(None, (*composer.problems, _character_problem(exc, file, text)))
    except (MarkedYAMLError, YAMLError) as exc:
        return LoadResult(None, (*composer.problems, _syntax_problem(exc, file, text, composer.open_flow)))
    except UnicodeEncodeError as exc:  # a lone surrogate: text that no file can hold
        line, column = _line_column(text, exc.start)
        return LoadResult(None, (Problem(
            "error", "encoding", _("the text holds an invalid character ({code}, half of a character pair) — "
                                   "save the file as UTF-8 and retype the text around it"
                                   ).format(code=f"U+{ord(text[exc.start]):04X}"), file, "", line, column),))
    if composer.problems:
        return LoadResult(None, tuple(composer.problems))
    if not isinstance(data, dict):
        found = _("nothing") if data is None else _("a list") if isinstance(data, list) else _("a single value")
        return LoadResult(None, (Problem(
            "error", "not-a-mapping", _("the file holds {found}; a registry file is a mapping of fields (lines such "
                                        "as 'name: …') — start from the example in {guide}").format(
                found=found, guide="CONTRIBUTING.md"), file),))
    return LoadResult(Document(file, data, composer.positions, composer.key_positions), ())


def load_file(path: Path, file: str) -> LoadResult:
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
            size = os.fstat(stream.fileno()).st_size
    except OSError as exc:
        return LoadResult(None, (Problem(
            "error", "encoding", _("the file cannot be read ({reason}) — check that it exists and is a "
                                   "regular file").format(reason=exc.strerror), file),))
    return load_bytes(raw, file, size=size)
