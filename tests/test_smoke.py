"""The shipped registry validates: the first thing a newcomer runs."""

from pathlib import Path

from generator.registry.validate import validate
from generator.settings import make_settings

CHECKOUT = Path(__file__).resolve().parent.parent


def test_shipped_registry_has_no_errors() -> None:
    report = validate(make_settings(CHECKOUT))
    assert report.ok, [p for p in report.problems if p.severity == "error"]
    assert len([e for e in report.entries if e.id]) >= 12
