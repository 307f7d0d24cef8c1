"""`taoguide`: the command-line shell over kb (build) and bot (answer, serve).

Each command checks its input, calls the library, and turns the library's named errors
into a one-line message with the next step (exit code 1); usage errors exit with 2.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any, TextIO

import click

from kb.embedder import set_offline_env

set_offline_env()  # before anything imports transformers or gradio

from bot.errors import BotError  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.cli_analytics import analytics_command  # noqa: E402
from bot.cli_chain import chain  # noqa: E402
from kb.cli import build, check  # noqa: E402
from kb.errors import KBError  # noqa: E402


def _settings() -> Settings:
    try:
        return Settings()
    except Exception as exc:  # pydantic ValidationError: a TAOGUIDE_* variable has a bad value
        raise click.ClickException(f"Invalid setting: {exc}. Fix the TAOGUIDE_* environment variable named above.") from exc


def _fail(exc: Exception) -> click.ClickException:
    return click.ClickException(str(exc))


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

    from bot.app import make_app

    settings = _settings()
    overrides = {k: v for k, v in (("host", host), ("port", port)) if v is not None}
    settings = settings.model_copy(update=overrides) if overrides else settings
    try:
        app = make_app(settings)
    except (KBError, BotError) as exc:
        raise _fail(exc) from exc
    click.echo(f"TAO Guide on http://{settings.host}:{settings.port}/  (chat: /chat/, API docs: /api/docs, "
               "widget: /widget.js)")
    # under a path prefix (TAOGUIDE_PUBLIC_URL=https://example.org/guide), every URL the app makes includes it
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning", root_path=settings.root_path)


@main.command()
def config() -> None:
    """Print the effective settings (defaults overridden by TAOGUIDE_* variables)."""
    settings = _settings()
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
    engine = _engine()
    if jsonl is not None:
        _batch(engine, jsonl, debug)
        return
    try:
        answer = engine.answer(question)
    except BotError as exc:
        raise _fail(exc) from exc
    if as_json:
        click.echo(answer.model_dump_json(indent=2, exclude=None if debug else {"trace"}))
        return
    click.echo(render_text(answer))
    if debug:
        click.echo("\ntrace:\n" + answer.trace.model_dump_json(indent=2))


@main.command()
@click.option("--no-build", is_flag=True, help="Skip the from-scratch index build (the slowest part).")
@click.option("--rounds", default=3, show_default=True, help="Times each question is asked (warm).")
@click.option("--out", type=click.Path(path_type=Path), default=Path("build/bench.json"), show_default=True,
              help="Where to write the results as JSON.")
def bench(no_build: bool, rounds: int, out: Path) -> None:
    """Measure answer latency (warm), cold start and a from-scratch index build.

    Example: taoguide bench --no-build
    """
    from bot import bench as benchmark

    settings = _settings()
    try:
        result = benchmark.run(settings, build=not no_build, rounds=rounds)
    except (KBError, BotError) as exc:
        raise _fail(exc) from exc
    benchmark.write(result, settings.root / out if not out.is_absolute() else out)
    a, c = result["answers"], result["cold_start"]
    click.echo(f"answers    median {a['median_ms']} ms, p95 {a['p95_ms']} ms over {a['answers']} answers "
               f"(stages: {a['stage_median_ms']})")
    click.echo(f"API        median {result['api']['median_ms']} ms, p95 {result['api']['p95_ms']} ms per POST /api/ask "
               f"(in-process HTTP, answer recorded in the feedback store)")
    click.echo(f"cold start {c['process_to_first_answer_s']} s from a new process to the first answer "
               f"(engine {c['engine_load_s']} s, app {c['app_build_s']} s, first answer {c['first_answer_ms']} ms)")
    if "index_build" in result:
        b = result["index_build"]
        click.echo(f"build      {b['seconds']} s for {b['sections']} sections / {b['sentences']} sentences "
                   f"({b['texts_per_second']} texts/s)")


@main.command(name="eval")
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--baselines", is_flag=True,
              help="Also score BM25-only and dense-only retrieval, and rank fusion (rrf), on the same index.")
@click.option("--json", "report", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the full report (overall, per topic, per question) to this JSON file.")
@click.option("--failures", is_flag=True, help="List the questions that missed, with what the bot did.")
@click.option("--ceiling", is_flag=True,
              help="Also print the best answer-fact accuracy any choice of sentences from the top 1, 3 and 5 "
                   "retrieved sections could reach (within the sentence budget).")
def evaluate(file: Path | None, baselines: bool, report: Path | None, failures: bool, ceiling: bool) -> None:
    """Score the bot on an evaluation set (default: tests/eval/questions.jsonl).

    \b
    Prints hit@1, hit@5, MRR, answer-fact accuracy, refusal precision/recall, false
    refusals, follow-up accuracy and latency, overall and per topic.
    Example: taoguide eval --baselines --json build/eval.json
    """
    from bot import evaluate as ev
    from bot.engine import Engine

    settings = _settings()
    path = file or settings.root / "tests" / "eval" / "questions.jsonl"
    try:
        items = ev.load_items(path)
    except ValueError as exc:
        raise click.ClickException(f"{exc}. Fix that line (see the format in tests/eval/README.md).") from exc
    engine = _engine()
    runs = {"hybrid": engine}
    if baselines:
        for mode in ("lexical", "dense", "rrf"):
            runs[mode] = Engine(settings.model_copy(update={"retrieval": mode}), engine.index)
    results: dict[str, Any] = {}
    for name, eng in runs.items():
        outcomes = ev.run(eng, items)
        metrics = ev.score(outcomes)
        results[name] = {"metrics": metrics.as_dict(), "outcomes": outcomes}
    _print_eval(results, len(items), path)
    ceilings = {}
    if ceiling:
        limit = settings.max_sentences
        ceilings = {f"top{k}": round(v, 4) for k, v in ev.ceilings(engine, items, (1, 3, 5), limit).items()}
        click.echo(f"facts ceiling with {limit} sentences from the top 1 / 3 / 5 sections: "
                   + " / ".join(f"{v:.3f}" for v in ceilings.values())
                   + f"  (the answers reach {results['hybrid']['metrics']['fact_accuracy']:.3f})")
    if failures:
        _print_failures(results["hybrid"]["outcomes"])
    if report:
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text(json.dumps({
            "file": str(path), "questions": len(items), **({"facts_ceiling": ceilings} if ceilings else {}),
            **{name: {"metrics": r["metrics"], "questions": [
                {"id": o.item.id, "topic": o.item.topic, "kind": o.kind, "rank": o.rank(), "facts": o.has_facts,
                 "cited_gold": o.cited_gold, "ms": round(o.ms, 2)} for o in r["outcomes"]]}
               for name, r in results.items()}}, indent=1), encoding="utf-8")
        click.echo(f"report written to {report}")


_EVAL_COLUMNS = [("hit1", "hit@1"), ("hit5", "hit@5"), ("mrr", "MRR"), ("fact_accuracy", "facts"),
                 ("refusal_precision", "ref.prec"), ("refusal_recall", "ref.recall"), ("false_refusals", "false ref."),
                 ("followup_accuracy", "follow-up"), ("median_ms", "median ms"), ("p95_ms", "p95 ms")]


def _fmt(value: Any) -> str:
    if value is None:
        return "-"
    return f"{value:.1f}" if isinstance(value, float) and value > 1.5 else f"{value:.3f}"


def _print_eval(results: dict[str, Any], count: int, path: Path) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=140)
    overall = Table(title=f"TAO Guide evaluation: {count} questions from {path.name}")
    overall.add_column("retrieval")
    for _, label in _EVAL_COLUMNS:
        overall.add_column(label, justify="right")
    for name, result in results.items():
        overall.add_row(name, *(_fmt(result["metrics"][key]) for key, _ in _EVAL_COLUMNS))
    console.print(overall)
    topics = Table(title="per topic (hybrid)")
    topics.add_column("topic")
    topics.add_column("n", justify="right")
    for _, label in _EVAL_COLUMNS:
        topics.add_column(label, justify="right")
    for topic, m in results["hybrid"]["metrics"]["per_topic"].items():
        topics.add_row(topic, str(m["n"]), *(_fmt(m[key]) for key, _ in _EVAL_COLUMNS))
    console.print(topics)


def _print_failures(outcomes: list[Any]) -> None:
    for o in outcomes:
        item = o.item
        if item.scope == "out" and o.kind != "refusal":
            click.echo(f"ANSWERED-OUT  {item.id}  {item.question!r}  → {o.ranking[:1]}")
        elif item.scope == "in" and (o.kind == "refusal" or not o.has_facts or o.rank() != 1):
            problem = "REFUSED" if o.kind == "refusal" else ("NO-FACTS" if not o.has_facts else "RANK")
            click.echo(f"{problem:<13} {item.id}  {item.question!r}  rank={o.rank()}  top={o.ranking[:2]}  "
                       f"gold={list(item.gold)[:2]}")


def _engine() -> Any:
    from bot.engine import Engine

    try:
        return Engine(_settings())
    except (KBError, BotError) as exc:
        raise _fail(exc) from exc


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
main.add_command(check)
main.add_command(chain)
main.add_command(analytics_command)

if __name__ == "__main__":  # pragma: no cover
    main()
