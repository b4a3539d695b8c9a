"""Every exception the tool raises on purpose, each with the exit code the `impact` command ends with.

The CLI catches `ImpactError` once (generator/cli.py) and prints its `lines()`; nothing else picks exit codes.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.problems import Problem

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class ImpactError(Exception):
    """Fatal, not per-entry: an unreadable schema, a missing template, a bad configuration (exit 2)."""

    exit_code = EXIT_USAGE

    def lines(self) -> list[str]:
        """What the CLI prints to standard error, after "impact: "."""
        return [str(self)]


class UsageError(ImpactError):
    """The command was given something it cannot work on (exit 2)."""


class GitError(ImpactError):
    """The diff cannot be computed: not a repository, an unknown revision, no shared history (exit 2)."""


class InvalidAnswer(ImpactError):
    """One answer to `impact new` cannot be used; the message says why and what would do (exit 2)."""


class NewRefused(ImpactError):
    """`impact new` wrote nothing: the file exists already, or the validator found errors in it (exit 2)."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = tuple(problems)

    def lines(self) -> list[str]:
        return [str(self)] + [f"  line {p.line}: {p.message} [{p.rule}]" for p in self.problems]


class BuildRefused(ImpactError):
    """Validation found errors: nothing is built, and the bad files are named (exit 1)."""

    exit_code = EXIT_PROBLEMS

    def __init__(self, bad_files: Sequence[str]) -> None:
        n = len(bad_files)
        super().__init__(f"the site was not built: {n} file{'s' * (n != 1)} with errors — "
                         + ", ".join(bad_files) + " — run `impact validate` for the details")
        self.bad_files = tuple(bad_files)


class Terminated(KeyboardInterrupt):
    """SIGTERM during a build, raised like Ctrl+C so that the same clean-up runs (workers killed, staging removed)."""
