"""`python -m kb build|check`: the build side's own shell (`taoguide` reuses these commands).

Library errors (KBError) become one-line messages with the next step, exit code 1.
"""

from __future__ import annotations

import sys
import time

import click

from kb.embedder import set_offline_env
from kb.errors import KBError
from kb.settings import KBSettings


def _settings() -> KBSettings:
    try:
        return KBSettings()
    except Exception as exc:  # pydantic ValidationError: a TAOGUIDE_* variable has a bad value
        raise click.ClickException(f"Invalid setting: {exc}. Fix the TAOGUIDE_* environment variable named above.") from exc


@click.group()
def main() -> None:
    """Build the TAO Guide site and search index."""


@click.command()
@click.option("--force", is_flag=True, help="Rebuild everything, even what is up to date.")
@click.option("--site/--no-site", default=True, show_default=True, help="Also build the static site.")
def build(force: bool, site: bool) -> None:
    """Build the static site and the search index when their inputs changed.

    Example: taoguide build
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from kb.build import build_index
    from kb.site import build_site

    set_offline_env()

    settings = _settings()
    try:
        if site:
            started = time.perf_counter()
            built = build_site(settings, force=force)
            click.echo(f"site: {'built' if built else 'up to date'} at {settings.site_dir}"
                       + (f" ({time.perf_counter() - started:.1f} s)" if built else ""))
        with Progress(TextColumn("index: embedding"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      transient=True, disable=not sys.stderr.isatty()) as bar:
            task = bar.add_task("embed", total=None)
            report = build_index(settings, progress=lambda done, total: bar.update(task, completed=done, total=total),
                                 force=force)
    except KBError as exc:
        raise click.ClickException(str(exc)) from exc
    if report.up_to_date:
        click.echo(f"index: up to date ({report.sections} sections from {report.pages} pages)")
    else:
        click.echo(f"index: {report.sections} sections, {report.units} sentences from {report.pages} pages; "
                   f"embedded {report.embedded}, reused {report.reused} ({report.seconds:.1f} s) at {settings.index_dir}")


@click.command()
def check() -> None:
    """Check that content, site, index and model are ready; exit 1 if anything is not.

    Example: taoguide check
    """
    from kb.check import run_checks

    results = run_checks(_settings())
    for r in results:
        click.echo(f"{'ok  ' if r.ok else 'FAIL'}  {r.name:<9} {r.detail}")
    if not all(r.ok for r in results):
        sys.exit(1)



main.add_command(build)
main.add_command(check)
