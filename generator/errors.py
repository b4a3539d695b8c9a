"""Every exception the tool raises on purpose, each with the exit code the `impact` command ends with.

The CLI catches `ImpactError` once (generator/cli.py) and prints its `lines()`; nothing else picks exit codes.
This module sits below the catalogs (generator/i18n imports it), so the words it adds to a message are translated
by the gettext functions the CLI hands to `lines()`; the extractor finds them by those functions' names.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from generator.problems import Problem

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

Gettext = Callable[[str], str]
NGettext = Callable[[str, str, int], str]


def as_written(message: str) -> str:
    """The English of a message, as the code writes it (no catalog)."""
    return message


def as_written_plural(singular: str, plural: str, count: int) -> str:
    return singular if count == 1 else plural


class ImpactError(Exception):
    """Fatal, not per-entry: an unreadable schema, a missing template, a bad configuration (exit 2)."""

    exit_code = EXIT_USAGE

    def lines(self, gettext: Gettext = as_written, ngettext: NGettext = as_written_plural) -> list[str]:
        """What the CLI prints to standard error, after "impact: ", in the language of `gettext` and `ngettext`
        (the message itself was written in it where it was raised)."""
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

    def lines(self, gettext: Gettext = as_written, ngettext: NGettext = as_written_plural) -> list[str]:
        found = gettext("line {line}: {message}")  # the same words as an unmet criterion's detail
        return [str(self)] + [f"  {found.format(line=p.line, message=p.message)} [{p.rule}]" for p in self.problems]


class BuildRefused(ImpactError):
    """Validation found errors: nothing is built, and the bad files are named (exit 1)."""

    exit_code = EXIT_PROBLEMS

    def __init__(self, bad_files: Sequence[str]) -> None:
        self.bad_files = tuple(bad_files)
        super().__init__(self.lines()[0])

    def lines(self, gettext: Gettext = as_written, ngettext: NGettext = as_written_plural) -> list[str]:
        count = len(self.bad_files)
        return [ngettext("the site was not built: {count} file with errors — {files} — run {command} for the details",
                         "the site was not built: {count} files with errors — {files} — run {command} for the details",
                         count).format(count=count, files=", ".join(self.bad_files), command="`impact validate`")]


class Terminated(KeyboardInterrupt):
    """SIGTERM during a build, raised like Ctrl+C so that the same clean-up runs (workers killed, staging removed)."""
