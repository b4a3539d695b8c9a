"""The `impact` command: parse arguments → call one library function → report → exit code."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .problems import ImpactError
from .reporters import REPORTERS
from .settings import make_settings
from .validate import UsageError, validate

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

root_option = click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path(),
                           show_default=True, help="The registry repository (a folder with registry/ and schema/).")


def _fail(message: str) -> None:
    click.echo(f"impact: {message}", err=True)
    sys.exit(EXIT_USAGE)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="impact-registry")
def main() -> None:
    """Registry tools of the ImPACT Coalitions: validate, build the site, register."""


@main.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(sorted(REPORTERS)), default="text", show_default=True,
              help="text for people, json for tools, github for annotations, markdown for the PR report.")
@root_option
def validate_command(paths: tuple[Path, ...], output_format: str, root: Path) -> None:
    """Check coalition files (default: the whole registry) against the schema and the ImPACT criteria."""
    try:
        report = validate(make_settings(root), paths)
    except (UsageError, ImpactError) as exc:
        _fail(str(exc))
        return
    click.echo(REPORTERS[output_format](report), nl=False)
    sys.exit(EXIT_OK if report.ok else EXIT_PROBLEMS)


# Commands that live in their own modules are attached below, one line each.
from .build import BuildRefused, build_site  # noqa: E402


@main.command("build")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the site (default: site/ in the repository).")
@root_option
def build_command(out: Path | None, root: Path) -> None:
    """Validate, then build the public site. Refuses to build when any registry file has an error."""
    try:
        result = build_site(make_settings(root), out)
    except ImpactError as exc:
        click.echo(f"impact: {exc}", err=True)
        sys.exit(EXIT_PROBLEMS if isinstance(exc, BuildRefused) else EXIT_USAGE)
    click.echo(f"Built {result.coalitions} coalition pages into {result.site_dir}")


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@root_option
def serve_command(host: str, port: int, root: Path) -> None:
    """Preview the site on localhost; it rebuilds when a registry file changes."""
    from .serve import serve

    try:
        settings = make_settings(root)
        serve(settings, settings.root / "site", host, port, click.echo)
    except ImpactError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        click.echo("Stopped.")
    except OSError as exc:
        _fail(f"cannot serve on {host}:{port}: {exc.strerror}")
