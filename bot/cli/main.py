"""`taoguide`: the command-line shell over kb (build) and bot (answer, serve).

Each command checks its input, calls the library, and turns the library's named errors
into a one-line message with the next step (exit code 1); usage errors exit with 2.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any, TextIO

import click

from kb.embedder import set_offline_env

set_offline_env()  # before anything imports transformers or gradio

from bot.cli import options  # noqa: E402
from bot.cli.analytics import analytics_command  # noqa: E402
from bot.cli.chain import chain  # noqa: E402
from bot.cli.options import fail, load_settings  # noqa: E402
from bot.cli.quality import bench, evaluate  # noqa: E402
from bot.errors import BotError  # noqa: E402
from kb.cli import build, check  # noqa: E402
from kb.errors import KBError  # noqa: E402


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="taoguide")
def main() -> None:
    """TAO Guide: a Bittensor knowledge base and Q&A assistant.

    \b
    taoguide build             build the site and the search index (only what changed)
    taoguide serve             serve site, chat, API and widget on http://127.0.0.1:7860
    taoguide ask "question"    answer one question in the terminal
    taoguide check             check content, site, index and model
    taoguide chain status      live subnet facts: which snapshot, how fresh
    taoguide analytics         top questions, refusals, thumbs-down answers
    """


@main.command()
@click.option("--host", default=None, help="Address to listen on [default: 127.0.0.1, or TAOGUIDE_HOST].")
@click.option("--port", type=int, default=None, help="Port [default: 7860, or TAOGUIDE_PORT].")
def serve(host: str | None, port: int | None) -> None:
    """Serve the site (/), the chat (/chat) and the JSON API (/api) in one process.

    Example: taoguide serve --port 8000
    """
    import uvicorn

    from bot.web import guarded, make_app, protocol_for

    settings = load_settings()
    overrides = {k: v for k, v in (("host", host), ("port", port)) if v is not None}
    settings = settings.model_copy(update=overrides) if overrides else settings
    try:
        app = make_app(settings)
    except (KBError, BotError) as exc:
        raise fail(exc) from exc
    click.echo(f"TAO Guide on http://{settings.host}:{settings.port}/  (chat: /chat/, API docs: /api/docs, "
               "widget: /widget.js)")
    # under a path prefix (TAOGUIDE_PUBLIC_URL=https://example.org/guide), every URL the app makes includes it
    uvicorn.run(guarded(app, settings), host=settings.host, port=settings.port, log_level="warning",
                root_path=settings.root_path, http=protocol_for(settings.header_timeout_s),
                timeout_keep_alive=settings.keep_alive_s)


@main.command()
def config() -> None:
    """Print the effective settings (defaults overridden by TAOGUIDE_* variables)."""
    settings = load_settings()
    for name, field in type(settings).model_fields.items():
        click.echo(f"{name:<20} {settings.effective()[name]!s:<40} TAOGUIDE_{name.upper()}: {field.description}")


@main.command()
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the Answer as JSON.")
@click.option("--jsonl", "jsonl", type=click.File("r", encoding="utf-8"), default=None,
              help='Batch mode: read {"id": ..., "question": ...} lines from FILE (- for stdin), print one JSON line each.')
@click.option("--debug", is_flag=True, help="Also show the trace: candidates, scores, decision, timings.")
def ask(question: str | None, as_json: bool, jsonl: TextIO | None, debug: bool) -> None:
    """Answer a question from the knowledge base.

    \b
    Examples:
      taoguide ask "What is TAO used for?"
      taoguide ask --json "What is a subnet?"
      printf '{"id":"1","question":"what is tao used for?"}\\n' | taoguide ask --jsonl -
    """
    if (question is None) == (jsonl is None):
        raise click.UsageError('Give either a QUESTION or --jsonl FILE, e.g. taoguide ask "What is TAO used for?"')
    engine = options.load_engine()
    if jsonl is not None:
        _batch(engine, jsonl, debug)
        return
    try:
        answer = engine.answer(question)
    except BotError as exc:
        raise fail(exc) from exc
    if as_json:
        click.echo(answer.model_dump_json(indent=2, exclude=None if debug else {"trace"}))
        return
    click.echo(render_text(answer))
    if debug:
        click.echo("\ntrace:\n" + answer.trace.model_dump_json(indent=2))


def _batch(engine: Any, lines: TextIO, debug: bool) -> None:
    """One JSON object out per input line, in order; a bad line yields an error object, never a stop."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        started = time.perf_counter()
        record: dict[str, Any] = {"id": None, "question": None}
        try:
            item = json.loads(line)
            if not isinstance(item, dict):
                raise ValueError("each line must be a JSON object")
            record.update(id=item.get("id", number), question=item.get("question"))
            answer = engine.answer(item.get("question"), item.get("history") or ())
            record.update(kind=answer.kind, text=answer.text,
                          citations=[{"title": c.title, "section": c.section, "url": c.url} for c in answer.citations],
                          score=round(answer.score, 4), followups=answer.followups)
            if debug:
                record["trace"] = answer.trace.model_dump()
        except (ValueError, BotError) as exc:
            message = exc.message if isinstance(exc, BotError) else f"line {number} is not valid input: {exc}"
            record.update(id=record["id"] if record["id"] is not None else number, kind="error", text=message,
                          citations=[], score=0.0)
        record["elapsed_ms"] = round((time.perf_counter() - started) * 1000, 2)
        click.echo(json.dumps(record, ensure_ascii=False))
        sys.stdout.flush()


def render_text(answer: Any) -> str:
    """An Answer for a terminal: the text with [n] markers, then the numbered sources."""
    parts = []
    for passage in answer.passages:
        parts.append(passage.text + (f" [{passage.citation + 1}]" if passage.citation is not None else ""))
    out = [" ".join(parts)]
    if answer.citations:
        heading = "Closest pages:" if answer.kind == "refusal" else "Sources:"
        out.append("\n" + heading)
        out.extend(f"  [{i}] {c.title} › {c.section}  {c.url}" for i, c in enumerate(answer.citations, start=1))
    if answer.followups:
        out.append("\nYou could also ask:")
        out.extend(f"  - {q}" for q in answer.followups)
    return "\n".join(out)


main.add_command(build)
main.add_command(bench)
main.add_command(evaluate)
main.add_command(check)
main.add_command(chain)
main.add_command(analytics_command)

if __name__ == "__main__":  # pragma: no cover
    main()
