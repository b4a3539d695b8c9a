"""What the `impact` commands share: --root, --lang, the site extra's check, the prompts of `impact new`."""

from __future__ import annotations

from pathlib import Path

import click

from generator.errors import UsageError
from generator.i18n.catalogs import _, set_language
from generator.i18n.languages import CODES, ENGLISH
from generator.settings import current_root


def _root(_ctx: click.Context, _param: click.Parameter, root: Path | None) -> Path:
    """--root, else the registry that holds the current folder (found upward, as git finds its repository)."""
    return root if root is not None else current_root()


root_option = click.option("--root", type=click.Path(file_okay=False, path_type=Path), callback=_root,
                           help="The registry repository (a folder with registry/ and schema/); default: the one "
                           "that holds the current folder.")


LANG_ENV = "IMPACT_LANG"
lang_option = click.option(
    "--lang", type=click.Choice(CODES), envvar=LANG_ENV, default=None, metavar="CODE",
    help=f"The language of the messages: {', '.join(CODES)} (default: ${LANG_ENV}, else English). Files, lines, "
    "columns, rule ids and JSON keys stay the same in every language; only the message text changes.")


def speak(lang: str | None) -> None:
    """--lang (or $IMPACT_LANG), else English: set before any work, so every message is in one language."""
    set_language(lang or ENGLISH.code)


# The site build's packages are the `site` extra: validation and the pull-request commands run without them.
SITE_MODULES = ("jinja2", "markdown", "mkdocs", "material", "nh3", "icalendar", "babel")


def require_site_extra(command: str) -> None:
    import importlib.util

    missing = [name for name in SITE_MODULES if importlib.util.find_spec(name) is None]
    if missing:
        raise UsageError(_("{command} builds the site, which needs {modules}: install the site extra: {install} (in "
                           "the registry's repository: {setup})").format(
            command=f"`impact {command}`", modules=", ".join(missing), install="pip install 'impact-registry[site]'",
            setup="make setup"))


class Prompts:
    """`impact new` asks through Click: the same prompts in a terminal and from piped input."""

    def ask(self, question: str, default: str | None = None) -> str:
        return str(click.prompt(question, default=default, show_default=bool(default)))

    def confirm(self, question: str, default: bool | None = False) -> bool:
        return click.confirm(question, default=default)

    def say(self, text: str) -> None:
        click.echo(text)
