"""`taoguide analytics`: what people asked, what the pages could not answer, what they voted down.

Reads the feedback store the settings name (the same one the server writes), so an operator
runs it on the server or anywhere the shared database URL reaches.
"""

from __future__ import annotations

import click

from bot.cli.options import load_settings
from bot.feedback import Report, open_store, report as analytics_report


def _store():  # type: ignore[no-untyped-def]
    settings = load_settings()
    if not settings.analytics:
        raise click.ClickException("Analytics are off (TAOGUIDE_ANALYTICS=false): nothing is stored. "
                                   "Unset it and restart the server to start collecting.")
    store = open_store(settings)
    if store is None:
        raise click.ClickException(f"The feedback store {settings.feedback_db} cannot be opened; check "
                                   "TAOGUIDE_FEEDBACK_URL or TAOGUIDE_DATA_DIR (the server logs the same error).")
    return store


@click.command(name="analytics")
@click.option("--days", default=30, show_default=True, type=click.IntRange(1, 3650), help="Look back this many days.")
@click.option("--limit", default=15, show_default=True, type=click.IntRange(1, 500), help="Rows per table.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def analytics_command(days: int, limit: int, as_json: bool) -> None:
    """Top questions, refused questions (gaps in the pages), thumbs-down answers, answers per day.

    Example: taoguide analytics --days 7
    """
    store = _store()
    try:
        report = analytics_report(store, days=days, limit=limit)
    finally:
        store.close()
    if as_json:
        click.echo(report.model_dump_json(indent=2))
        return
    print_report(report)


def print_report(report: Report) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console()
    console.print(f"[bold]TAO Guide analytics[/]: {report.total} answers in the last {report.days} days")

    def table(title: str, columns: list[str], rows: list[list[str]], empty: str) -> None:
        if not rows:
            console.print(f"\n[bold]{title}[/]: {empty}")
            return
        t = Table(title=title, title_justify="left", show_lines=False)
        for c in columns:
            t.add_column(c, justify="right" if c in ("asked", "answers", "refusals", "up", "down") else "left",
                         overflow="fold")
        for row in rows:
            t.add_row(*(Text(v) for v in row))  # people's words, never rich markup
        console.print(t)

    table("Top questions", ["asked", "question", "answered as", "top source"],
          [[str(q.count), q.question, q.kind, q.top_url or ""] for q in report.top_questions], "none yet")
    table("Refused questions (coverage gaps)", ["asked", "question", "closest page"],
          [[str(q.count), q.question, q.top_url or ""] for q in report.refusals], "none")
    table("Thumbs down", ["when (UTC)", "question", "answer", "comment"],
          [[d.voted_at.strftime("%Y-%m-%d %H:%M"), d.question, d.answer[:200], d.comment or ""] for d in report.downvotes],
          "none")
    table("Per day", ["day", "answers", "refusals", "up", "down"],
          [[d.day, str(d.answers), str(d.refusals), str(d.up), str(d.down)] for d in report.per_day], "no answers yet")
