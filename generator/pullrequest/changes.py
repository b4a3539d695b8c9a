"""What a pull request changes in a coalition entry, field by field (issue #17, item 4): the preview's
"Changed since the base version".

Values are compared as canonical JSON, so reordered keys or a re-wrapped line are no change. Lists of items
(members, milestones, needs …) are compared item by item, whatever their order: an item found on one side
only is added or removed, and one of each with the same name or title is one item changed. The details are
plain entry text: whoever writes them out escapes them.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from generator.i18n.catalogs import _, ngettext, pgettext

MAX_NAMED = 5  # items named per change; the rest are counted
MAX_LABEL = 80  # characters of one item's name or one value shown
# An item of a list is named by the first of these it has (a milestone by its date and title).
_LABEL_KEYS = ("name", "title", "description", "kind")


@dataclass(frozen=True)
class FieldChange:
    kind: Literal["added", "removed", "changed"]
    field: str  # "summary", "engagement.member_states", "members"
    detail: str = ""  # plain text: the old and new value, or the items concerned
    count: int = 0  # of a list's items added, removed or changed (0 for a field)

    def describe(self) -> str:
        """Plain text: "2 added — A; B", "changed — ECOF → OCN"."""
        head = _happened(self.kind, self.count)
        return f"{head} — {self.detail}" if self.detail else head


def _happened(kind: str, count: int) -> str:
    """"added" (a field), "2 added" (so many of a list's items): the words of a change's kind."""
    if not count:
        return {"added": pgettext("a field", "added"), "removed": pgettext("a field", "removed"),
                "changed": pgettext("a field", "changed")}[kind]
    if kind == "added":
        found = ngettext("{count} added", "{count} added", count)
    elif kind == "removed":
        found = ngettext("{count} removed", "{count} removed", count)
    else:
        found = ngettext("{count} changed", "{count} changed", count)
    return found.format(count=count)


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_LABEL else text[:MAX_LABEL - 1].rstrip() + "…"


def _label(item: Any) -> str:
    if isinstance(item, Mapping):
        name = next((item[k] for k in _LABEL_KEYS if isinstance(item.get(k), str)), None)
        name = _("an item") if name is None else name
        return _short(f"{item['date']} {name}" if isinstance(item.get("date"), str) else name)
    return _short(str(item))


def _named(items: Sequence[Any]) -> str:
    shown = "; ".join(_label(item) for item in items[:MAX_NAMED])
    more = len(items) - MAX_NAMED
    return shown + ("; " + _("and {count} more").format(count=more) if more > 0 else "")


def _unmatched(items: Sequence[Any], others: Sequence[Any]) -> list[Any]:
    """The items with no equal item in `others` (each item of `others` matches one item only)."""
    pool = Counter(_canonical(v) for v in others)
    left = []
    for item in items:
        key = _canonical(item)
        if pool[key]:
            pool[key] -= 1
        else:
            left.append(item)
    return left


def _list_changes(field: str, old: Sequence[Any], new: Sequence[Any]) -> list[FieldChange]:
    removed, added = _unmatched(old, new), _unmatched(new, old)
    changed = []
    for item in list(added):  # one removed and one added item of the same name: one item changed
        twin = next((r for r in removed if _label(r) == _label(item)), None)
        if twin is not None:
            removed.remove(twin)
            added.remove(item)
            changed.append(item)
    found = [FieldChange("changed", field, _named(changed), len(changed))] if changed else []
    found += [FieldChange("added", field, _named(added), len(added))] if added else []
    return found + ([FieldChange("removed", field, _named(removed), len(removed))] if removed else [])


def _value(value: Any) -> str:
    """A value as the change shows it: short one-line text as it is, anything longer by its size."""
    if isinstance(value, bool | int | float) or (isinstance(value, str) and len(value) <= MAX_LABEL
                                                 and "\n" not in value.strip()):
        return _short(str(value).lower() if isinstance(value, bool) else str(value))
    if isinstance(value, str):
        return ngettext("{count} character", "{count} characters", len(value)).format(count=len(value))
    if isinstance(value, Sequence):
        return ngettext("{count} item: {items}", "{count} items: {items}", len(value)).format(
            count=len(value), items=_named(value)) if value else pgettext("a list", "empty")
    if isinstance(value, Mapping):
        return ngettext("{count} part", "{count} parts", len(value)).format(count=len(value))
    return _("a value")


def entry_changes(old: Mapping[str, Any], new: Mapping[str, Any], prefix: str = "") -> list[FieldChange]:
    """Every field `new` adds, removes or changes against `old`, in the new file's order (removed ones last)."""
    found: list[FieldChange] = []
    for key in [*new, *(k for k in old if k not in new)]:
        field = f"{prefix}{key}"
        if key not in old:
            found.append(FieldChange("added", field, _value(new[key])))
        elif key not in new:
            found.append(FieldChange("removed", field, _value(old[key])))
        elif _canonical(old[key]) == _canonical(new[key]):
            continue
        elif isinstance(old[key], Mapping) and isinstance(new[key], Mapping) and not prefix:
            found += entry_changes(old[key], new[key], f"{field}.")
        elif isinstance(old[key], list) and isinstance(new[key], list):
            found += _list_changes(field, old[key], new[key])
        else:
            found.append(FieldChange("changed", field, f"{_value(old[key])} → {_value(new[key])}"))
    return found
